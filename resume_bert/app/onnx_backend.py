"""App layer: export a classifier to a self-contained ONNX folder (fp32 and int8); run it with ONNX Runtime on CPU."""

import logging
import os
import shutil
import warnings
from pathlib import Path

import numpy as np
import torch

from ..errors import ModelError, first_line
from .artifacts import atomic_dir
from .model_loading import check_model_dir, quiet_transformers
from .pytorch_backend import AppClassifier

ONNX_FILE = "model.onnx"
INT8_FILE = "model_int8.onnx"
# int8 noise moves the gap between a chunk's two highest logits, and changes a label only where
# that gap is small: every label int8 changed in benchmarks/inference_speed.py had a gap under
# this margin, and few chunks have one (its `rescored_share`, in benchmarks/README.md).
INT8_RESCORE_MARGIN = 1.0
# Besides the tokenizer files: what a self-contained ONNX folder copies from the model folder.
COPIED_FILES = ("config.json", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "vocab.txt")


def require_onnxruntime():
    """Import onnxruntime, or say which extra installs it."""
    try:
        import onnxruntime
    except ImportError:
        raise ModelError(
            "the ONNX backend needs onnxruntime; run `pip install 'resume-bert[onnx]'` "
            "(or `pip install onnxruntime onnx onnxscript`)"
        ) from None
    return onnxruntime


class _LogitsOnly(torch.nn.Module):
    """The classifier as a function of (input_ids, attention_mask) returning logits: one graph output."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, input_ids, attention_mask):
        return self.model(input_ids=input_ids, attention_mask=attention_mask).logits


class _BertLogitsFromCls(torch.nn.Module):
    """A BERT classifier's logits, with the last layer worked out for the [CLS] position only.

    The head reads only [CLS]'s final vector, so the last layer needs every token's key and value but
    only [CLS]'s query, attention and feed-forward block. It takes the last layer out of `model`'s encoder.
    """

    def __init__(self, model):
        super().__init__()
        self.model = model
        self.last = model.bert.encoder.layer[-1]
        model.bert.encoder.layer = model.bert.encoder.layer[:-1]

    def forward(self, input_ids, attention_mask):
        from transformers.models.bert.modeling_bert import eager_attention_forward

        bert = self.model.bert
        hidden = bert(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        attention = self.last.attention.self
        batch, length, heads = hidden.shape[0], hidden.shape[1], attention.num_attention_heads
        cls = hidden[:, :1]
        query = attention.query(cls).view(batch, 1, heads, -1).transpose(1, 2)
        key = attention.key(hidden).view(batch, length, heads, -1).transpose(1, 2)
        value = attention.value(hidden).view(batch, length, heads, -1).transpose(1, 2)
        padding = (1.0 - attention_mask[:, None, None, :].to(hidden.dtype)) * torch.finfo(hidden.dtype).min
        context, _ = eager_attention_forward(attention, query, key, value, padding, scaling=attention.scaling)
        cls = self.last.attention.output(context.reshape(batch, 1, -1), cls)
        cls = self.last.output(self.last.intermediate(cls), cls)
        return self.model.classifier(bert.pooler(cls))


def _logits_graph(model) -> torch.nn.Module:
    """The module to export: the [CLS]-only last layer for plain BERT classifiers, else the whole model."""
    config = model.config
    plain_bert = (
        type(model).__name__ == "BertForSequenceClassification"
        and not config.is_decoder
        and getattr(config, "position_embedding_type", "absolute") == "absolute"
        and model.bert.pooler is not None
        and len(model.bert.encoder.layer) > 1
    )
    return _BertLogitsFromCls(model) if plain_bert else _LogitsOnly(model)


def export_onnx(
    model_dir: str | os.PathLike, onnx_dir: str | os.PathLike | None = None, quantize: bool = True, opset: int = 17
) -> Path:
    """Write `model.onnx` (and `model_int8.onnx`) plus config and tokenizer to `onnx_dir` (default `model_dir/onnx`), atomically."""
    from transformers import AutoModelForSequenceClassification

    require_onnxruntime()
    source = check_model_dir(model_dir)
    onnx_dir = Path(onnx_dir) if onnx_dir else source / "onnx"
    if onnx_dir.resolve() == source.resolve():
        raise ModelError(
            f"--onnx {onnx_dir} is the model folder itself; export to another folder, e.g. {source / 'onnx'}"
        )
    with quiet_transformers():
        # Eager attention exports as plain MatMul/Softmax, a pattern ONNX Runtime fuses.
        model = AutoModelForSequenceClassification.from_pretrained(
            source, local_files_only=True, dtype=torch.float32, attn_implementation="eager"
        ).eval()
    input_ids, attention_mask = torch.ones((2, 8), dtype=torch.long), torch.ones((2, 8), dtype=torch.long)
    axes = {0: "batch", 1: "sequence"}
    with atomic_dir(onnx_dir) as tmp:
        # The TorchScript exporter's deprecation and tracer warnings concern features this graph does not use.
        with torch.inference_mode(), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            torch.onnx.export(
                _logits_graph(model),
                (input_ids, attention_mask),
                str(tmp / ONNX_FILE),
                input_names=["input_ids", "attention_mask"],
                output_names=["logits"],
                dynamic_axes={"input_ids": axes, "attention_mask": axes, "logits": {0: "batch"}},
                opset_version=opset,
                dynamo=False,
            )
        # No offline fusion (onnxruntime.transformers.optimizer): its fused Attention and
        # SkipLayerNormalization nodes ran slower on 2 CPU cores than what the session fuses at load.
        if quantize:
            _quantize(tmp / ONNX_FILE, tmp / INT8_FILE)
        for name in COPIED_FILES:
            if (source / name).exists():
                shutil.copy2(source / name, tmp / name)
    return onnx_dir


def _quantize(fp32: Path, int8: Path) -> None:
    """int8 weights, activations quantised per batch at run time: no calibration data needed."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    # One scale per output channel rather than per matrix: one per matrix changed some of the
    # check sets' labels, one per channel none, at about the same speed.
    # Nodes without inferred output types are float here, which the quantiser is told.
    # It logs advice meant for image models (calibration pre-processing) on the root logger.
    root, level = logging.getLogger(), logging.getLogger().level
    root.setLevel(logging.ERROR)
    try:
        quantize_dynamic(
            fp32,
            int8,
            weight_type=QuantType.QInt8,
            per_channel=True,
            extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT},
        )
    finally:
        root.setLevel(level)


def onnx_model_file(model_dir: str | os.PathLike, backend: str = "onnx") -> Path:
    """The ONNX file for `backend` in `model_dir` or in its `onnx/` subfolder, or a one-line error."""
    name = INT8_FILE if backend == "onnx-int8" else ONNX_FILE
    path = Path(model_dir).expanduser()
    for folder in (path, path / "onnx"):
        if (folder / name).is_file():
            return folder / name
    raise ModelError(
        f"no {name} in {path} or {path / 'onnx'}; run `resume-bert export --model-dir {path}` first"
        + (" (without --no-int8)" if backend == "onnx-int8" else "")
    )


class OnnxClassifierModel:
    """An exported classifier behind ONNX Runtime sessions, in the place of the PyTorch model.

    With `rescore_file` (the fp32 graph beside an int8 one), chunks whose two highest logits are less
    than `rescore_margin` apart are labelled again by it (int8 noise changes only those); `rescored` counts them.
    """

    backend = "onnx"

    def __init__(
        self,
        onnx_file: str | os.PathLike,
        config,
        threads: int | None = None,
        rescore_file: str | os.PathLike | None = None,
        rescore_margin: float = INT8_RESCORE_MARGIN,
    ):
        self.session = _session(onnx_file, threads)
        self.rescore_session = _session(rescore_file, threads) if rescore_file and rescore_margin > 0 else None
        self.rescore_margin = rescore_margin
        self.rescored = 0
        self.config = config
        self.onnx_file = Path(onnx_file)

    def to(self, device):  # ONNX Runtime runs on the CPU whatever the caller asks
        return self

    def eval(self):
        return self

    def logits(self, input_ids: np.ndarray, attention_mask: np.ndarray) -> np.ndarray:
        """Logits of one padded batch; with a rescore session, its uncertain rows come from the fp32 graph."""
        logits = self.session.run(["logits"], {"input_ids": input_ids, "attention_mask": attention_mask})[0]
        if self.rescore_session is None or len(logits) == 0:
            return logits
        top_two = np.sort(logits, axis=1)[:, -2:]
        rows = np.flatnonzero(top_two[:, 1] - top_two[:, 0] < self.rescore_margin)
        # One at a time, without padding: they are few and of any length.
        for row in rows:
            n = int(attention_mask[row].sum())
            alone = {"input_ids": input_ids[row : row + 1, :n], "attention_mask": attention_mask[row : row + 1, :n]}
            logits[row] = self.rescore_session.run(["logits"], alone)[0][0]
        self.rescored += len(rows)
        return logits


class OnnxSectionClassifier(AppClassifier):
    """The classifier with each batch's logits from ONNX Runtime."""

    @property
    def backend(self) -> str:
        return self.model.backend

    def forward(self, batch: dict[str, torch.Tensor]) -> np.ndarray:
        return self.model.logits(batch["input_ids"].numpy(), batch["attention_mask"].numpy())


def _session(onnx_file: str | os.PathLike, threads: int | None):
    """An ONNX Runtime CPU session for one graph file, or a one-line error."""
    ort = require_onnxruntime()
    options = ort.SessionOptions()
    # As many threads as torch uses, so that the two backends compare on equal cores.
    options.intra_op_num_threads = threads or torch.get_num_threads()
    options.inter_op_num_threads = 1
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    # In the int8 graph, Add + LayerNormalization ran faster than the SkipLayerNormalization
    # node the session would fuse them into, with the same labels (benchmarks/inference_speed.py).
    disabled = ["SkipLayerNormFusion"] if Path(onnx_file).name == INT8_FILE else []
    try:
        return ort.InferenceSession(
            str(onnx_file), options, providers=["CPUExecutionProvider"], disabled_optimizers=disabled
        )
    except Exception as err:  # onnxruntime raises its own untyped errors for unreadable files
        raise ModelError(
            f"{onnx_file} is not a loadable ONNX model ({first_line(err)}); rerun `resume-bert export`"
        ) from None


def load_onnx_classifier(
    model_dir: str | os.PathLike,
    backend: str = "onnx",
    threads: int | None = None,
    rescore_margin: float | None = None,
    batch_size: int = 16,
    max_length: int | None = None,
) -> OnnxSectionClassifier:
    """The classifier in an exported folder (or in the `onnx/` folder inside a model folder).

    For `onnx-int8`, chunks whose top two logits are under `rescore_margin` apart (default
    INT8_RESCORE_MARGIN; 0 turns it off) are re-scored by the fp32 `model.onnx` beside it."""
    from transformers import AutoConfig, AutoTokenizer

    margin = INT8_RESCORE_MARGIN if rescore_margin is None else rescore_margin
    onnx_file = onnx_model_file(model_dir, backend)
    folder = onnx_file.parent
    rescore_file = None
    if backend == "onnx-int8" and margin > 0:
        rescore_file = folder / ONNX_FILE
        if not rescore_file.is_file():
            raise ModelError(
                f"no {ONNX_FILE} beside {onnx_file}, which onnx-int8 uses to re-score uncertain chunks; "
                f"rerun `resume-bert export`, or pass a rescore margin of 0"
            )
    try:
        with quiet_transformers():
            config = AutoConfig.from_pretrained(folder, local_files_only=True)
            tokenizer = AutoTokenizer.from_pretrained(folder, local_files_only=True)
    except (OSError, ValueError, KeyError) as err:
        raise ModelError(
            f"{folder} lacks a readable config.json or tokenizer ({first_line(err)}); rerun `resume-bert export`"
        ) from None
    model = OnnxClassifierModel(onnx_file, config, threads, rescore_file, margin)
    model.backend = backend
    return OnnxSectionClassifier(model, tokenizer, device="cpu", batch_size=batch_size, max_length=max_length)
