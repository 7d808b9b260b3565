"""Label new text chunks with a saved model: `SectionClassifier` (notebook 05)."""

from __future__ import annotations

import math
import os
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Sequence

import numpy as np
import torch
from transformers import AutoModelForSequenceClassification, AutoTokenizer

from .artifacts import recover_dir
from .dataset import DynamicPaddingCollator, tokenize, sorted_batches
from .errors import ModelError
from .modeling import autocast_dtype, enable_tf32, quiet_transformers, select_device

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
    if missing:
        raise ModelError(f"{path} is incomplete (no {', '.join(missing)}); rerun {notebook} to save the model again")
    return path


def as_texts(texts: Any) -> list[str]:
    """Accept one string or an iterable of anything: None and NaN become "", others str()."""
    if isinstance(texts, str):
        return [texts]
    if texts is None:
        return []
    out = []
    for text in texts:
        if text is None or (isinstance(text, float) and math.isnan(text)):
            out.append("")
        else:
            out.append(text if isinstance(text, str) else str(text))
    return out


class SectionClassifier:
    """A fine-tuned model and its tokenizer, ready to label resume chunks."""

    def __init__(self, model, tokenizer, device: torch.device | str | None = None,
                 batch_size: int = 64, max_length: int | None = None):
        if not getattr(model.config, "id2label", None) or model.config.num_labels < 2:
            raise ModelError("this model has no classification labels; load a folder saved by resume_bert")
        self.device = torch.device(device) if device else select_device()
        self.model = model.to(self.device).eval()
        self.tokenizer = tokenizer
        self.batch_size = batch_size
        limit = getattr(model.config, "max_position_embeddings", 512)
        self.max_length = min(max_length or tokenizer.model_max_length or limit, limit)
        self.labels = [model.config.id2label[i] for i in range(model.config.num_labels)]
        self._autocast = autocast_dtype(self.device)
        self._collate = DynamicPaddingCollator(tokenizer.pad_token_id or 0,
                                               pad_to_multiple_of=8 if self.device.type == "cuda" else None)
        enable_tf32()

    @classmethod
    def from_pretrained(cls, model_dir: str | os.PathLike, device: torch.device | str | None = None,
                        batch_size: int = 64, max_length: int | None = None) -> "SectionClassifier":
        """Load a folder written by `save_model` (or any Hugging Face classification model folder)."""
        path = check_model_dir(model_dir)
        try:
            with quiet_transformers():
                tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
                model = AutoModelForSequenceClassification.from_pretrained(path, local_files_only=True, dtype=torch.float32)
        except (OSError, ValueError, KeyError) as err:
            first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
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
                batch = self._collate([{"input_ids": torch.tensor(ids[r])} for r in rows])
                batch = {k: v.to(self.device, non_blocking=True) for k, v in batch.items()}
                logits = self.model(**batch).logits.float()
                probs[rows] = torch.softmax(logits, dim=-1).cpu().numpy()
        return probs

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
