"""Export a saved classifier to ONNX (fp32 and int8) and run it with ONNX Runtime on CPU.

App layer: `resume-bert export` writes the folder, `SectionClassifier.from_pretrained(
..., backend="onnx")` and `resume-bert predict --backend onnx` read it. The folder holds
`model.onnx` (fp32, attention and LayerNorm fused by ONNX Runtime's transformer optimizer),
`model_int8.onnx` (the same with int8 dynamically quantised weights), and the model's
`config.json` and tokenizer files, so it is a complete, self-contained model folder.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import warnings
from pathlib import Path

import numpy as np
import torch

from .errors import ModelError, first_line

ONNX_FILE = "model.onnx"
INT8_FILE = "model_int8.onnx"
BACKENDS = ("pytorch", "onnx", "onnx-int8")
# Besides the tokenizer files: what a self-contained ONNX folder copies from the model folder.
COPIED_FILES = ("config.json", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "vocab.txt")


def require_onnxruntime():
    """Import onnxruntime, or say which extra installs it."""
    try:
        import onnxruntime
    except ImportError:
        raise ModelError("the ONNX backend needs onnxruntime; run `pip install 'resume-bert[onnx]'` "
                         "(or `pip install onnxruntime onnx onnxscript`)") from None
    return onnxruntime


class _LogitsOnly(torch.nn.Module):
    """The classifier as a function of (input_ids, attention_mask) returning logits: one graph output."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, input_ids, attention_mask):
        return self.model(input_ids=input_ids, attention_mask=attention_mask).logits


def export_onnx(model_dir: str | os.PathLike, onnx_dir: str | os.PathLike | None = None,
                quantize: bool = True, opset: int = 17) -> Path:
    """Write `model.onnx` (and `model_int8.onnx`) plus config and tokenizer to `onnx_dir`.

    `onnx_dir` defaults to `model_dir/onnx`. The folder is replaced atomically: an
    interrupted export leaves the previous one or the new one.
    """
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from onnxruntime.transformers.optimizer import optimize_model
    from transformers import AutoModelForSequenceClassification

    from .artifacts import atomic_dir
    from .inference import check_model_dir
    from .modeling import quiet_transformers

    require_onnxruntime()
    source = check_model_dir(model_dir)
    onnx_dir = Path(onnx_dir) if onnx_dir else source / "onnx"
    if onnx_dir.resolve() == source.resolve():
        raise ModelError(f"--onnx {onnx_dir} is the model folder itself; export to another folder, e.g. {source / 'onnx'}")
    with quiet_transformers():
        # Eager attention exports as plain MatMul/Softmax, which the optimizer below fuses
        # into one Attention node; SDPA exports as a graph the optimizer cannot fuse.
        model = AutoModelForSequenceClassification.from_pretrained(
            source, local_files_only=True, dtype=torch.float32, attn_implementation="eager").eval()
    config = model.config
    example = {"input_ids": torch.ones((2, 8), dtype=torch.long), "attention_mask": torch.ones((2, 8), dtype=torch.long)}
    with atomic_dir(onnx_dir) as tmp, tempfile.TemporaryDirectory() as work:
        raw = Path(work) / "raw.onnx"
        # The TorchScript exporter traces the eager graph the optimizer knows how to fuse; its
        # deprecation and tracer warnings concern features this graph does not use.
        with torch.inference_mode(), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            torch.onnx.export(
                _LogitsOnly(model), (example["input_ids"], example["attention_mask"]), str(raw),
                input_names=["input_ids", "attention_mask"], output_names=["logits"],
                dynamic_axes={"input_ids": {0: "batch", 1: "sequence"}, "attention_mask": {0: "batch", 1: "sequence"},
                              "logits": {0: "batch"}},
                opset_version=opset, dynamo=False,
            )
        # Fused attention, LayerNorm and GELU kernels: most of ONNX Runtime's CPU speed-up.
        optimized = optimize_model(str(raw), model_type="bert", num_heads=config.num_attention_heads,
                                   hidden_size=config.hidden_size)
        optimized.save_model_to_file(str(tmp / ONNX_FILE))
        if quantize:
            # int8 weights, activations quantised per batch at run time: no calibration data needed.
            # One scale per output channel rather than per matrix: with one per matrix 2% of the
            # handwritten check-set labels changed; per channel, none did, at about the same speed.
            # The fused nodes carry no inferred output types, so the quantiser is told they are float.
            # It logs advice meant for image models (calibration pre-processing) on the root logger.
            root, level = logging.getLogger(), logging.getLogger().level
            root.setLevel(logging.ERROR)
            try:
                quantize_dynamic(tmp / ONNX_FILE, tmp / INT8_FILE, weight_type=QuantType.QInt8, per_channel=True,
                                 extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})
            finally:
                root.setLevel(level)
        for name in COPIED_FILES:
            if (source / name).exists():
                shutil.copy2(source / name, tmp / name)
    return onnx_dir


def onnx_model_file(model_dir: str | os.PathLike, backend: str = "onnx") -> Path:
    """The ONNX file for `backend` in `model_dir` or in its `onnx/` subfolder, or a one-line error."""
    name = INT8_FILE if backend == "onnx-int8" else ONNX_FILE
    path = Path(model_dir).expanduser()
    for folder in (path, path / "onnx"):
        if (folder / name).is_file():
            return folder / name
    raise ModelError(f"no {name} in {path} or {path / 'onnx'}; run `resume-bert export --model-dir {path}` first"
                     + (" (without --no-int8)" if backend == "onnx-int8" else ""))


class OnnxClassifierModel:
    """An exported classifier behind an ONNX Runtime session: `config` and `logits(batch)`."""

    backend = "onnx"

    def __init__(self, onnx_file: str | os.PathLike, config, threads: int | None = None):
        ort = require_onnxruntime()
        options = ort.SessionOptions()
        # As many threads as torch uses, so that the two backends compare on equal cores.
        options.intra_op_num_threads = threads or torch.get_num_threads()
        options.inter_op_num_threads = 1
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        try:
            self.session = ort.InferenceSession(str(onnx_file), options, providers=["CPUExecutionProvider"])
        except Exception as err:  # onnxruntime raises its own untyped errors for unreadable files
            raise ModelError(f"{onnx_file} is not a loadable ONNX model ({first_line(err)}); "
                             f"rerun `resume-bert export`") from None
        self.config = config
        self.onnx_file = Path(onnx_file)

    def logits(self, batch: dict[str, torch.Tensor]) -> np.ndarray:
        feed = {"input_ids": batch["input_ids"].numpy(), "attention_mask": batch["attention_mask"].numpy()}
        return self.session.run(["logits"], feed)[0]


def load_onnx_classifier(model_dir: str | os.PathLike, backend: str = "onnx", threads: int | None = None):
    """(OnnxClassifierModel, tokenizer) from an exported folder (or a model folder with `onnx/` inside)."""
    from transformers import AutoConfig, AutoTokenizer

    from .modeling import quiet_transformers

    onnx_file = onnx_model_file(model_dir, backend)
    folder = onnx_file.parent
    try:
        with quiet_transformers():
            config = AutoConfig.from_pretrained(folder, local_files_only=True)
            tokenizer = AutoTokenizer.from_pretrained(folder, local_files_only=True)
    except (OSError, ValueError, KeyError) as err:
        raise ModelError(f"{folder} lacks a readable config.json or tokenizer ({first_line(err)}); "
                         f"rerun `resume-bert export`") from None
    model = OnnxClassifierModel(onnx_file, config, threads)
    model.backend = backend
    return model, tokenizer
