"""Label new text chunks with a saved model: tokenizer → model → softmax → label names (notebook 05)."""

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import torch
from transformers import AutoModelForSequenceClassification, AutoTokenizer

from .calibration import TEMPERATURE_KEY
from .dataset import DynamicPaddingCollator, sorted_batches, tokenize
from .modeling import select_device


@dataclass(frozen=True)
class Prediction:
    """One text's label, the probability of that label, and the probability of every label."""

    label: str
    score: float
    scores: dict[str, float]


def softmax(logits: np.ndarray) -> np.ndarray:
    """Probabilities from logits, row by row (the largest logit is subtracted first so exp cannot overflow)."""
    exp = np.exp(logits - logits.max(axis=-1, keepdims=True))
    return exp / exp.sum(axis=-1, keepdims=True)


class SectionClassifier:
    """A fine-tuned model and its tokenizer, ready to label resume chunks (notebook 05)."""

    def __init__(
        self,
        model,
        tokenizer,
        device: torch.device | str | None = None,
        batch_size: int = 16,
        max_length: int | None = None,
    ):
        self.device = torch.device(device) if device else select_device()
        self.model = model.to(self.device).eval()
        self.tokenizer = tokenizer
        self.batch_size = batch_size
        limit = getattr(model.config, "max_position_embeddings", 512)
        self.max_length = min(max_length or tokenizer.model_max_length or limit, limit)
        self.labels = [model.config.id2label[i] for i in range(model.config.num_labels)]
        # Fitted on the validation split after training (notebook 04); 1.0 keeps the scores as trained.
        self.temperature = float(getattr(model.config, TEMPERATURE_KEY, None) or 1.0)
        self.collate = DynamicPaddingCollator(tokenizer.pad_token_id or 0)

    @classmethod
    def from_pretrained(cls, model_dir: str | os.PathLike, **kwargs) -> "SectionClassifier":
        """Load a folder written by `save_model` (or any Hugging Face classification model folder)."""
        tokenizer = AutoTokenizer.from_pretrained(model_dir)
        model = AutoModelForSequenceClassification.from_pretrained(model_dir, dtype=torch.float32)
        return cls(model, tokenizer, **kwargs)

    def encode(self, texts: str | Iterable[str]) -> list[list[int]]:
        """Token ids of each text, cut to `max_length`; one string counts as one text."""
        texts = [texts] if isinstance(texts, str) else list(texts)
        return tokenize(self.tokenizer, texts, self.max_length)

    def logits(self, ids: list[list[int]], batch_size: int | None = None) -> np.ndarray:
        """The model's logits for token id lists, one row each, in input order (softmax and temperature come after)."""
        logits = np.zeros((len(ids), len(self.labels)), dtype=np.float32)
        with torch.inference_mode():
            # Batches of similar length waste little on padding; rows go back to input order.
            for rows in sorted_batches([len(x) for x in ids], batch_size or self.batch_size):
                logits[rows] = self.forward(self.collate([{"input_ids": torch.tensor(ids[r])} for r in rows]))
        return logits

    def forward(self, batch: dict[str, torch.Tensor]) -> np.ndarray:
        """The model's logits for one padded batch."""
        batch = {name: tensor.to(self.device) for name, tensor in batch.items()}
        return self.model(**batch).logits.float().cpu().numpy()

    def probabilities(self, ids: list[list[int]], batch_size: int | None = None) -> np.ndarray:
        """Class probabilities for token id lists, one row each, in input order."""
        return softmax(self.logits(ids, batch_size) / self.temperature)

    def predict_proba(self, texts: str | Iterable[str], batch_size: int | None = None) -> np.ndarray:
        """Class probabilities, one row per text, in input order."""
        return self.probabilities(self.encode(texts), batch_size)

    def predict(self, texts: str | Iterable[str], batch_size: int | None = None) -> list[Prediction]:
        """Label each text; a single string gives a list of one."""
        probs = self.predict_proba(texts, batch_size)
        labels, scores = top_labels(probs, self.labels)
        return [
            Prediction(label, float(score), dict(zip(self.labels, p.astype(float).tolist())))
            for label, score, p in zip(labels, scores, probs)
        ]

    def predict_labels(self, texts: Sequence[str], batch_size: int | None = None) -> list[str]:
        return top_labels(self.predict_proba(texts, batch_size), self.labels)[0]


def top_labels(probs: np.ndarray, labels: Sequence[str]) -> tuple[list[str], np.ndarray]:
    """Each row's most likely label and its probability (or logit: the order is the same)."""
    best = probs.argmax(axis=1)
    return [labels[k] for k in best], probs[np.arange(len(probs)), best]
