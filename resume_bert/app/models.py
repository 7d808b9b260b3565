"""App layer: load a saved classifier for the command line, the service and bulk labelling, on any backend."""

from __future__ import annotations

import os

from ..inference import SectionClassifier


def load_classifier(model_dir: str | os.PathLike, backend: str = "pytorch", *, device=None, batch_size: int | None = None,
                    max_length: int | None = None, rescore_margin: float | None = None) -> SectionClassifier:
    """A `SectionClassifier` for `model_dir`: PyTorch, or ONNX Runtime (`onnx`, `onnx-int8`) from `resume-bert export`'s folder."""
    return SectionClassifier.from_pretrained(model_dir, device=device, batch_size=batch_size, max_length=max_length,
                                             backend=backend, rescore_margin=rescore_margin)
