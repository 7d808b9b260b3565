"""App layer: the PyTorch backend, the lesson's `SectionClassifier` made to take whatever a user or client sends."""

import os
from typing import Any

import torch
from safetensors import SafetensorError
from transformers import AutoModelForSequenceClassification, AutoTokenizer

from ..errors import ModelError, first_line
from ..inference import SectionClassifier
from ..modeling import select_device
from .artifacts import writer_of
from .input_checks import as_texts
from .model_loading import check_model_dir, quiet_transformers


def default_batch_size(device: torch.device | str) -> int:
    """Texts per batch when none is given: 64 on a GPU, which needs bigger batches to stay busy; 16 elsewhere,
    which ran fastest on CPU for both backends (benchmarks/inference_speed.py)."""
    return 64 if torch.device(device).type == "cuda" else 16


class AppClassifier(SectionClassifier):
    """The lesson's `SectionClassifier`, taking whatever a user or client sends: None, NaN, numbers, bytes."""

    backend = "pytorch"

    def encode(self, texts: Any) -> list[list[int]]:
        return super().encode(as_texts(texts))


def load_pytorch_classifier(
    model_dir: str | os.PathLike, *, device=None, batch_size: int | None = None, max_length: int | None = None
) -> AppClassifier:
    """The fine-tuned classifier in `model_dir` on `device` (default: the GPU if there is one)."""
    path = check_model_dir(model_dir)
    try:
        with quiet_transformers():
            tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
            model = AutoModelForSequenceClassification.from_pretrained(path, local_files_only=True, dtype=torch.float32)
    except (OSError, ValueError, KeyError, SafetensorError) as err:
        raise ModelError(
            f"{path} is not a loadable classification model ({first_line(err)}); rerun {writer_of('model')}"
        ) from None
    device = torch.device(device) if device else select_device()
    return AppClassifier(
        model, tokenizer, device=device, batch_size=batch_size or default_batch_size(device), max_length=max_length
    )
