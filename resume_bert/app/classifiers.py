"""App layer: `load_classifier(model_dir, backend=...)`, the one loader of the command line, the service and bulk labelling."""

from __future__ import annotations

import os

from ..errors import ParameterError
from ..inference import SectionClassifier
from .onnx_backend import load_onnx_classifier
from .pytorch_backend import default_batch_size, load_pytorch_classifier

BACKENDS = ("pytorch", "onnx", "onnx-int8")


def check_batch_size(batch_size) -> int | None:
    if batch_size is not None and (isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1):
        raise ParameterError(f"batch_size must be a whole number of at least 1, got {batch_size}")
    return batch_size


def load_classifier(
    model_dir: str | os.PathLike,
    backend: str = "pytorch",
    *,
    device=None,
    batch_size: int | None = None,
    max_length: int | None = None,
    rescore_margin: float | None = None,
) -> SectionClassifier:
    """A classifier for `model_dir`: PyTorch, or ONNX Runtime (`onnx`, `onnx-int8`) from `resume-bert export`'s folder.

    `onnx-int8` re-scores chunks whose top two logits are under `rescore_margin` apart with
    the fp32 graph (0 turns that off; see `app.onnx_backend`).
    """
    check_batch_size(batch_size)
    if backend not in BACKENDS:
        raise ParameterError(f"backend must be one of {', '.join(BACKENDS)}, got {backend!r}")
    if rescore_margin is not None and backend != "onnx-int8":
        raise ParameterError(
            f"rescore_margin (--rescore-margin) applies to the onnx-int8 backend only, not {backend!r}"
        )
    if backend != "pytorch":
        return load_onnx_classifier(
            model_dir,
            backend,
            batch_size=batch_size or default_batch_size("cpu"),
            max_length=max_length,
            rescore_margin=rescore_margin,
        )
    return load_pytorch_classifier(model_dir, device=device, batch_size=batch_size, max_length=max_length)
