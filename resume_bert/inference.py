"""Label new text chunks with a saved model: `SectionClassifier` (notebook 05)."""

from __future__ import annotations

import json
import math
from collections import abc
import os
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Sequence

import numpy as np
import torch
from safetensors import SafetensorError
from transformers import AutoModelForSequenceClassification, AutoTokenizer

from .app.artifacts import recover_dir
from .dataset import DynamicPaddingCollator, tokenize, sorted_batches
from .errors import ModelError, ParameterError, first_line
from .modeling import TOKENIZER_FILES, autocast_dtype, enable_tf32, quiet_transformers, select_device

MODEL_FILES = ("config.json", "model.safetensors")


@dataclass(frozen=True)
class Prediction:
    """One text's label, the probability of that label, and the probability of every label."""

    label: str
    score: float
    scores: dict[str, float]


def check_model_dir(model_dir: str | os.PathLike, notebook: str = "03_training") -> Path:
    """Return `model_dir` if it holds a complete classification model, else say what to run."""
    path = Path(model_dir).expanduser()
    recover_dir(path)
    if not path.exists():
        raise ModelError(f"model folder not found: {path}; run {notebook} (or `resume-bert train`) first")
    if not path.is_dir():
        raise ModelError(f"{path} is a file, not a model folder; pass the folder that holds config.json")
    missing = [name for name in MODEL_FILES if not (path / name).exists()]
    if not any((path / name).exists() for name in TOKENIZER_FILES):
        missing.append("tokenizer files")
    if missing:
        raise ModelError(f"{path} is incomplete (no {', '.join(missing)}); rerun {notebook} to save the model again")
    try:
        config = json.loads((path / "config.json").read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise ModelError(f"{path}/config.json is not valid JSON (a half-written save?); rerun {notebook} to save the model again") from None
    architectures = config.get("architectures") or []
    if not any(name.endswith("ForSequenceClassification") for name in architectures):
        kind = ", ".join(architectures) or config.get("model_type", "unknown")
        raise ModelError(f"{path} holds a base model ({kind}), not a fine-tuned classifier; fine-tune it first "
                         f"(model_name_or_path={str(path)!r}, `resume-bert train --model-name-or-path {path}`)")
    return path


def as_texts(texts: Any) -> list[str]:
    """Accept one string or an iterable of anything: None and NaN become "", others str()."""
    if texts is None:
        return []
    if isinstance(texts, (str, bytes)) or not isinstance(texts, abc.Iterable):
        texts = [texts]  # one text, or one number, date, ...
    return [_as_text(text) for text in texts]


def _as_text(text: Any) -> str:
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return ""
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    text = text if isinstance(text, str) else str(text)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        # Lone surrogates (undecodable bytes in command-line arguments) crash the tokenizer.
        text = text.encode("utf-8", errors="replace").decode("utf-8")
    return text


def default_batch_size(device: torch.device | str) -> int:
    """Texts per batch when none is given: 64 on a GPU, 16 elsewhere.

    On CPU, batches of 16 ran fastest for PyTorch and ONNX Runtime alike (the batch-size
    sweep of benchmarks/inference_speed.py); a GPU needs bigger batches to stay busy.
    """
    return 64 if torch.device(device).type == "cuda" else 16


class SectionClassifier:
    """A fine-tuned model and its tokenizer, ready to label resume chunks."""

    def __init__(self, model, tokenizer, device: torch.device | str | None = None,
                 batch_size: int | None = None, max_length: int | None = None):
        if not getattr(model.config, "id2label", None) or model.config.num_labels < 2:
            raise ModelError("this model has no classification labels; load a folder saved by resume_bert")
        if batch_size is not None and (isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1):
            raise ParameterError(f"batch_size must be a whole number of at least 1, got {batch_size}")
        # "pytorch", or "onnx"/"onnx-int8" for an ONNX Runtime model (resume_bert.onnx_backend), which runs on CPU.
        self.backend = getattr(model, "backend", "pytorch")
        if self.backend == "pytorch":
            self.device = torch.device(device) if device else select_device()
            self.model = model.to(self.device).eval()
        else:
            self.device, self.model = torch.device("cpu"), model
        self.tokenizer = tokenizer
        self.batch_size = batch_size or default_batch_size(self.device)
        limit = getattr(model.config, "max_position_embeddings", 512)
        self.max_length = min(max_length or tokenizer.model_max_length or limit, limit)
        self.labels = [model.config.id2label[i] for i in range(model.config.num_labels)]
        self._autocast = autocast_dtype(self.device)
        self._collate = DynamicPaddingCollator(tokenizer.pad_token_id or 0,
                                               pad_to_multiple_of=8 if self.device.type == "cuda" else None)
        enable_tf32()

    @classmethod
    def from_pretrained(cls, model_dir: str | os.PathLike, device: torch.device | str | None = None,
                        batch_size: int | None = None, max_length: int | None = None,
                        backend: str = "pytorch", rescore_margin: float | None = None) -> "SectionClassifier":
        """Load a folder written by `save_model` (or any Hugging Face classification model folder).

        `backend="onnx"` (or `"onnx-int8"`) loads the folder written by `resume-bert export`
        instead (or the `onnx/` folder inside `model_dir`) and runs it with ONNX Runtime on CPU.
        `onnx-int8` re-scores chunks whose top two logits are under `rescore_margin` apart
        with the fp32 graph (0 turns that off; see `resume_bert.onnx_backend`).
        """
        if rescore_margin is not None and backend != "onnx-int8":
            raise ParameterError(f"rescore_margin (--rescore-margin) applies to the onnx-int8 backend only, not {backend!r}")
        if backend != "pytorch":
            from .app.onnx_backend import BACKENDS, load_onnx_classifier

            if backend not in BACKENDS:
                raise ParameterError(f"backend must be one of {', '.join(BACKENDS)}, got {backend!r}")
            model, tokenizer = load_onnx_classifier(model_dir, backend, rescore_margin=rescore_margin)
            return cls(model, tokenizer, batch_size=batch_size, max_length=max_length)
        path = check_model_dir(model_dir)
        try:
            with quiet_transformers():
                tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
                model = AutoModelForSequenceClassification.from_pretrained(path, local_files_only=True, dtype=torch.float32)
        except (OSError, ValueError, KeyError, SafetensorError) as err:
            first = first_line(err)
            raise ModelError(f"{path} is not a loadable classification model ({first}); rerun 03_training") from None
        return cls(model, tokenizer, device=device, batch_size=batch_size, max_length=max_length)

    def predict_proba(self, texts: Iterable[Any], batch_size: int | None = None) -> np.ndarray:
        """Class probabilities, one row per text, in input order."""
        texts = as_texts(texts)
        if not texts:
            return np.zeros((0, len(self.labels)), dtype=np.float32)
        ids, _ = tokenize(self.tokenizer, texts, self.max_length)
        probs = np.empty((len(texts), len(self.labels)), dtype=np.float32)
        autocast = (torch.autocast(self.device.type, dtype=self._autocast) if self._autocast else nullcontext())
        # Length-sorted batches waste almost nothing on padding; rows go back to input order.
        with torch.inference_mode(), autocast:
            for rows in sorted_batches([len(x) for x in ids], batch_size or self.batch_size):
                probs[rows] = self._probabilities([ids[r] for r in rows])
        if self.backend != "pytorch":  # onnx-int8 labels its least certain chunks again in fp32
            self.model.rescore(ids, probs, self.tokenizer.pad_token_id or 0)
        return probs

    def _probabilities(self, ids: list[list[int]]) -> np.ndarray:
        if self.backend != "pytorch":
            return self.model.probabilities(ids, self.tokenizer.pad_token_id or 0)
        batch = self._collate([{"input_ids": torch.tensor(x)} for x in ids])
        batch = {k: v.to(self.device, non_blocking=True) for k, v in batch.items()}
        return torch.softmax(self.model(**batch).logits.float(), dim=-1).cpu().numpy()

    def predict(self, texts: Iterable[Any], batch_size: int | None = None) -> list[Prediction]:
        """Label each text; a single string gives a list of one."""
        probs = self.predict_proba(texts, batch_size)
        best = probs.argmax(axis=1) if len(probs) else []
        return [
            Prediction(self.labels[k], float(p[k]), {label: float(v) for label, v in zip(self.labels, p)})
            for k, p in zip(best, probs)
        ]

    def predict_labels(self, texts: Sequence[Any], batch_size: int | None = None) -> list[str]:
        return [self.labels[k] for k in self.predict_proba(texts, batch_size).argmax(axis=1)]
