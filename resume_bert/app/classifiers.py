"""App layer: `load_classifier(model_dir, backend=...)`, the one loader of the command line, the service and bulk labelling."""

import os
from dataclasses import dataclass
from typing import Literal, get_args

from ..errors import ParameterError
from ..inference import SectionClassifier
from .onnx_backend import INT8_RESCORE_MARGIN, load_onnx_classifier
from .options import option
from .pytorch_backend import default_batch_size, load_pytorch_classifier

Backend = Literal["pytorch", "onnx", "onnx-int8"]
BACKENDS = get_args(Backend)


@dataclass
class BackendArguments:
    """Which runtime labels the chunks (`predict`, `sections`, `serve`)."""

    backend: Backend = option(
        "onnx / onnx-int8: ONNX Runtime on CPU, from the folder `export` writes (MODEL_DIR/onnx)", "pytorch"
    )
    rescore_margin: float | None = option(
        "onnx-int8: chunks whose top two logits are closer than this are labelled again in fp32 "
        f"(default {INT8_RESCORE_MARGIN}; 0 never)",
        None,
    )

    def __post_init__(self):
        if self.backend not in BACKENDS:
            raise ParameterError(f"backend must be one of {', '.join(BACKENDS)}, got {self.backend!r}")
        if self.rescore_margin is not None and self.backend != "onnx-int8":
            raise ParameterError(
                f"rescore_margin (--rescore-margin) applies to the onnx-int8 backend only, not {self.backend!r}"
            )
        margin = self.rescore_margin
        if margin is not None and (
            isinstance(margin, bool) or not isinstance(margin, (int, float)) or not 0 <= margin < float("inf")
        ):
            raise ParameterError(
                f"rescore_margin must be a number of at least 0 (0 turns re-scoring off), got {margin!r}"
            )


def load_classifier(
    model_dir: str | os.PathLike,
    backend: str = "pytorch",
    *,
    device=None,
    batch_size: int | None = None,
    max_length: int | None = None,
    rescore_margin: float | None = None,
) -> SectionClassifier:
    """A classifier for `model_dir`: PyTorch, or ONNX Runtime (`onnx`, `onnx-int8`) from `resume-bert export`'s folder."""
    if batch_size is not None and (isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1):
        raise ParameterError(f"batch_size must be a whole number of at least 1, got {batch_size}")
    BackendArguments(backend, rescore_margin)
    if backend != "pytorch":
        return load_onnx_classifier(
            model_dir,
            backend,
            batch_size=batch_size or default_batch_size("cpu"),
            max_length=max_length,
            rescore_margin=rescore_margin,
        )
    return load_pytorch_classifier(model_dir, device=device, batch_size=batch_size, max_length=max_length)
