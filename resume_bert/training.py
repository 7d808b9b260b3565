"""The pieces of the fine-tuning loop: batches, optimizer, schedule, one epoch of updates, validation (notebook 03)."""

import math
import numbers
from dataclasses import asdict, dataclass, field
from typing import Literal, get_args

import torch
from sklearn.metrics import accuracy_score, f1_score
from torch.utils.data import DataLoader
from tqdm.auto import tqdm
from transformers import (
    get_linear_schedule_with_warmup,
    set_seed,  # seeds Python, NumPy and torch (every device); call it before the model is built
)

from .dataset import ClassificationDataset, DynamicPaddingCollator, ShuffledBatchSampler, sorted_batches
from .errors import ParameterError

__all__ = [
    "TrainingConfig",
    "build_optimizer",
    "build_scheduler",
    "make_loaders",
    "set_seed",
    "train_epoch",
    "validate",
]


MixedPrecision = Literal["auto", "no", "bf16", "fp16"]


@dataclass
class TrainingConfig:
    """Training knobs, named as in Hugging Face `TrainingArguments`; `resume-bert train` makes a flag of each."""

    num_train_epochs: int = field(default=4, metadata={"help": "passes over the training split"})
    per_device_train_batch_size: int = field(default=16, metadata={"help": "chunks per training step and process"})
    per_device_eval_batch_size: int = field(default=64, metadata={"help": "chunks per validation batch"})
    learning_rate: float = field(default=1e-4, metadata={"help": "AdamW's learning rate after the warm-up"})
    weight_decay: float = field(default=0.01, metadata={"help": "AdamW's weight decay (none on biases and LayerNorm)"})
    warmup_ratio: float = field(default=0.1, metadata={"help": "share of the steps over which the rate rises from 0"})
    max_grad_norm: float = field(default=1.0, metadata={"help": "gradients are clipped to this norm"})
    early_stopping_patience: int = field(
        default=1, metadata={"help": "epochs without a better score (dev accuracy, else val macro-F1), then stop"}
    )
    seed: int = field(default=42, metadata={"help": "seeds the split, Python, NumPy and torch"})
    group_by_length: bool = field(default=True, metadata={"help": "batch chunks of similar length (less padding)"})
    mixed_precision: MixedPrecision = field(
        default="auto",
        metadata={"help": "auto: bf16 (or fp16) on a GPU, fp32 on a CPU; bf16 also speeds up CPUs with Intel AMX"},
    )
    torch_compile: bool = field(default=False, metadata={"help": "compile the model with torch.compile"})
    fast_dropout: bool = field(
        default=False,
        metadata={"help": "on a CPU, draw dropout masks four to a random number: faster, not notebook 03's numbers"},
    )

    def __post_init__(self):
        """A knob out of range is a one-line error that names it."""
        whole = ("num_train_epochs", "per_device_train_batch_size", "per_device_eval_batch_size")
        for name in (*whole, "learning_rate", "max_grad_norm", "early_stopping_patience"):
            value = getattr(self, name)
            if value is None or not value > 0:
                raise ParameterError(f"{name} must be greater than 0, got {value}")
            if name in whole and int(value) != value:
                raise ParameterError(f"{name} must be a whole number, got {value}")
        if isinstance(self.seed, bool) or not isinstance(self.seed, numbers.Integral) or not 0 <= self.seed < 2**32:
            raise ParameterError(f"seed must be a whole number from 0 to 4294967295, got {self.seed}")
        if not 0 <= self.warmup_ratio < 1:
            raise ParameterError(f"warmup_ratio must be in [0, 1), got {self.warmup_ratio}")
        if self.weight_decay < 0:
            raise ParameterError(f"weight_decay must be 0 or more, got {self.weight_decay}")
        if self.mixed_precision not in get_args(MixedPrecision):
            raise ParameterError(f"mixed_precision must be auto, no, bf16 or fp16, got {self.mixed_precision!r}")

    def as_dict(self) -> dict:
        return asdict(self)


def make_loaders(
    train_dataset: ClassificationDataset,
    val_dataset: ClassificationDataset,
    config: TrainingConfig,
    pad_token_id: int,
    device: torch.device | str = "cpu",
) -> tuple[DataLoader, DataLoader]:
    """Training batches (shuffled anew each epoch, similar lengths together) and validation batches (longest first).

    Both are padded per batch; on CUDA to a multiple of 8, which tensor cores prefer.
    """
    on_cuda = torch.device(device).type == "cuda"
    collator = DynamicPaddingCollator(pad_token_id, pad_to_multiple_of=8 if on_cuda else None)
    sampler = ShuffledBatchSampler(
        train_dataset.lengths,
        config.per_device_train_batch_size,
        seed=config.seed,
        group_by_length=config.group_by_length,
    )

    # Tokenisation happened up front, so collating in the main process keeps up with the GPU;
    # pinned memory lets the copy to the device overlap with compute. Each loader draws its
    # seed from a generator of its own, not from torch's global one that dropout uses: how
    # often a loop starts iterating (a progress bar, a second pass) cannot change the run.
    def loader(data, batches):
        return DataLoader(
            data,
            batch_sampler=batches,
            collate_fn=collator,
            pin_memory=on_cuda,
            generator=torch.Generator().manual_seed(config.seed),
        )

    train_loader = loader(train_dataset, sampler)
    val_loader = loader(val_dataset, sorted_batches(val_dataset.lengths, config.per_device_eval_batch_size))
    return train_loader, val_loader


def build_optimizer(
    model: torch.nn.Module, learning_rate: float, weight_decay: float, device: torch.device | str | None = None
) -> torch.optim.AdamW:
    """AdamW with no weight decay on biases and LayerNorm weights (they are not features to shrink).

    On CPU and CUDA (`device`) it is the fused AdamW, which updates every weight in one
    multi-threaded kernel instead of looping over the tensors, a large share of a CPU step.
    """
    decay, no_decay = [], []
    for name, param in model.named_parameters():
        if not param.requires_grad:
            continue
        (no_decay if param.ndim < 2 or "LayerNorm" in name or "layer_norm" in name else decay).append(param)
    groups = [
        {"params": decay, "weight_decay": weight_decay},
        {"params": no_decay, "weight_decay": 0.0},
    ]
    fused = device is not None and torch.device(device).type in ("cuda", "cpu")
    return torch.optim.AdamW(groups, lr=learning_rate, fused=fused or None)


def build_scheduler(optimizer, config: TrainingConfig, steps_per_epoch: int):
    """Learning rate rising linearly over the first `warmup_ratio` of the steps, then falling linearly to 0."""
    total_steps = steps_per_epoch * config.num_train_epochs
    return get_linear_schedule_with_warmup(optimizer, math.ceil(config.warmup_ratio * total_steps), total_steps)


def train_epoch(
    model, loader: DataLoader, optimizer, scheduler, device: torch.device | str, max_grad_norm: float = 1.0
) -> list[float]:
    """One pass over the training batches, one update per batch; returns the loss of every step (notebook 03)."""
    model.train()  # dropout on
    losses = []
    for batch in tqdm(loader, desc="training", leave=False):
        batch = {name: tensor.to(device) for name, tensor in batch.items()}
        outputs = model(**batch)  # forward: logits, and the cross-entropy loss against batch["labels"]
        outputs.loss.backward()  # backward: the gradient of the loss for every weight
        torch.nn.utils.clip_grad_norm_(model.parameters(), max_grad_norm)  # tames rare huge gradients
        optimizer.step()  # move every weight a little against its gradient
        scheduler.step()  # warm-up, then linear decay of the learning rate
        optimizer.zero_grad()  # gradients would otherwise add up over steps
        losses.append(outputs.loss.item())
    return losses


def validate(model, loader: DataLoader, device: torch.device | str) -> dict:
    """Loss, accuracy and macro-F1 of `model` over every batch of `loader` (the validation split)."""
    model.eval()
    loss_sum, predictions, gold = torch.zeros((), device=device), [], []
    with torch.inference_mode():
        for batch in loader:
            batch = {name: tensor.to(device, non_blocking=True) for name, tensor in batch.items()}
            outputs = model(**batch)
            loss_sum += outputs.loss.float() * len(batch["labels"])
            predictions.append(outputs.logits.argmax(-1))  # stays on the device: one copy at the end
            gold.append(batch["labels"])
    y_pred, y_true = torch.cat(predictions).cpu().numpy(), torch.cat(gold).cpu().numpy()
    return {
        "val_loss": float(loss_sum) / len(y_true),
        "val_accuracy": float(accuracy_score(y_true, y_pred)),
        "val_macro_f1": float(f1_score(y_true, y_pred, average="macro", zero_division=0)),
    }
