"""Export a saved classifier to ONNX (fp32 and int8) and run it with ONNX Runtime on CPU.

App layer: `resume-bert export` writes the folder, `SectionClassifier.from_pretrained(
..., backend="onnx")` and `resume-bert predict --backend onnx` read it. The folder holds
`model.onnx` (fp32), `model_int8.onnx` (the same with int8 dynamically quantised weights),
and the model's `config.json` and tokenizer files, so it is a complete, self-contained
model folder. ONNX Runtime fuses the graph (attention, LayerNorm, GELU) when it loads it.
"""

from __future__ import annotations

import logging
import os
import shutil
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
        # Eager attention exports as plain MatMul/Softmax, a pattern ONNX Runtime fuses.
        model = AutoModelForSequenceClassification.from_pretrained(
            source, local_files_only=True, dtype=torch.float32, attn_implementation="eager").eval()
    example = {"input_ids": torch.ones((2, 8), dtype=torch.long), "attention_mask": torch.ones((2, 8), dtype=torch.long)}
    with atomic_dir(onnx_dir) as tmp:
        fp32 = tmp / ONNX_FILE
        # The TorchScript exporter's deprecation and tracer warnings concern features this graph does not use.
        with torch.inference_mode(), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            torch.onnx.export(
                _LogitsOnly(model), (example["input_ids"], example["attention_mask"]), str(fp32),
                input_names=["input_ids", "attention_mask"], output_names=["logits"],
                dynamic_axes={"input_ids": {0: "batch", 1: "sequence"}, "attention_mask": {0: "batch", 1: "sequence"},
                              "logits": {0: "batch"}},
                opset_version=opset, dynamo=False,
            )
        # No offline fusion (onnxruntime.transformers.optimizer): its fused Attention and
        # SkipLayerNormalization nodes ran slower on 2 CPU cores than what the session fuses at load.
        if quantize:
            # int8 weights, activations quantised per batch at run time: no calibration data needed.
            # One scale per output channel rather than per matrix: with one per matrix 2% of the
            # handwritten check-set labels changed; per channel, none did, at about the same speed.
            # Nodes without inferred output types are float here, which the quantiser is told.
            # It logs advice meant for image models (calibration pre-processing) on the root logger.
            root, level = logging.getLogger(), logging.getLogger().level
            root.setLevel(logging.ERROR)
            try:
                quantize_dynamic(fp32, tmp / INT8_FILE, weight_type=QuantType.QInt8, per_channel=True,
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
    """An exported classifier behind an ONNX Runtime session: `config` and `probabilities(ids, pad_token_id)`."""

    backend = "onnx"

    def __init__(self, onnx_file: str | os.PathLike, config, threads: int | None = None):
        ort = require_onnxruntime()
        options = ort.SessionOptions()
        # As many threads as torch uses, so that the two backends compare on equal cores.
        options.intra_op_num_threads = threads or torch.get_num_threads()
        options.inter_op_num_threads = 1
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        # In the int8 graph, Add + LayerNormalization ran faster than the SkipLayerNormalization
        # node the session would fuse them into (about 10% more chunks/s on 2 cores, same labels).
        disabled = ["SkipLayerNormFusion"] if Path(onnx_file).name == INT8_FILE else []
        try:
            self.session = ort.InferenceSession(str(onnx_file), options, providers=["CPUExecutionProvider"],
                                                disabled_optimizers=disabled)
        except Exception as err:  # onnxruntime raises its own untyped errors for unreadable files
            raise ModelError(f"{onnx_file} is not a loadable ONNX model ({first_line(err)}); "
                             f"rerun `resume-bert export`") from None
        self.config = config
        self.onnx_file = Path(onnx_file)

    def probabilities(self, ids: list[list[int]], pad_token_id: int) -> np.ndarray:
        """Class probabilities for token id lists, padded to the longest of them.

        Padding straight into numpy arrays, which is what ONNX Runtime takes, skips a round
        trip through torch tensors that cost a tenth of the int8 model's time.
        """
        width = max(len(x) for x in ids)
        input_ids = np.full((len(ids), width), pad_token_id, dtype=np.int64)
        attention_mask = np.zeros((len(ids), width), dtype=np.int64)
        for row, x in enumerate(ids):
            input_ids[row, :len(x)] = x
            attention_mask[row, :len(x)] = 1
        logits = self.session.run(["logits"], {"input_ids": input_ids, "attention_mask": attention_mask})[0]
        exp = np.exp(logits - logits.max(axis=1, keepdims=True))
        return exp / exp.sum(axis=1, keepdims=True)


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
