"""App layer: the training loop of notebook 03 for real runs — Accelerate (GPUs, mixed precision, several processes), checkpoints, --resume."""

import contextlib
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

import torch
from accelerate import Accelerator
from accelerate.utils import DataLoaderConfiguration
from tqdm.auto import tqdm

from ..dataset import ClassificationDataset
from ..training import TrainingConfig, build_optimizer, build_scheduler, make_loaders, validate
from .checkpoints import BEST_WEIGHTS, load_checkpoint, load_weights, save_checkpoint, save_weights
from .fast_dropout import fast_dropout
from .processes import world_size


@dataclass
class TrainingResult:
    """What `train_classifier` returns: the model with its best weights and the per-epoch history."""

    model: torch.nn.Module
    history: list[dict] = field(default_factory=list)
    best_epoch: int = 0
    selected_on: str = "val_macro_f1"  # the score that chose the epoch (`selection_key`)
    best_score: float = float("nan")
    stopped_early: bool = False
    mixed_precision: str = "no"
    device: str = "cpu"
    num_processes: int = 1
    samples_seen: int = 0  # by this process, over all epochs run here


def mixed_precision_for(setting: str) -> str:
    """Resolve "auto": bf16 on GPUs that have it, fp16 (with loss scaling) on other GPUs, else fp32."""
    if setting != "auto":
        return setting
    if torch.cuda.is_available():
        return "bf16" if torch.cuda.is_bf16_supported() else "fp16"
    return "no"


def _plain(accelerator, model) -> torch.nn.Module:
    """The model without DDP or torch.compile wrappers, whose state_dict keys carry no `_orig_mod.` prefix."""
    return accelerator.unwrap_model(model, keep_torch_compile=False)


# Knobs a resumed run may change: how it validates, stops and computes, not what it learns from.
RESUMABLE_CHANGES = (
    "per_device_eval_batch_size",
    "early_stopping_patience",
    "mixed_precision",
    "torch_compile",
    "fast_dropout",
)


def selection_key(dev) -> str:
    """The score that chooses the epoch: accuracy on real documents when there is a development set, else validation macro-F1."""
    return "dev_accuracy" if dev is not None else "val_macro_f1"


def _fingerprint(config: TrainingConfig, train_dataset, val_dataset, num_processes: int, dev_dataset=None) -> dict:
    """What must match for a checkpoint to be resumed exactly: every other knob, the data and the processes."""
    return {
        **{k: v for k, v in config.as_dict().items() if k not in RESUMABLE_CHANGES},
        **({"n_dev": len(dev_dataset)} if dev_dataset is not None else {}),  # runs without one keep their keys
        "n_train": len(train_dataset),
        "n_val": len(val_dataset),
        "train_tokens": int(sum(train_dataset.lengths)),
        "num_processes": num_processes,
    }


@dataclass
class _Run:
    """One training run's prepared pieces: Accelerate and what it wraps, the epochs' record, the best weights."""

    accelerator: Accelerator
    model: torch.nn.Module
    optimizer: torch.optim.Optimizer
    scheduler: object
    train_loader: object
    val_loader: object
    sampler: object  # the training batches' own sampler, under whatever Accelerate wrapped it in
    dropout: contextlib.AbstractContextManager
    precision: str
    dev_loader: object | None = None
    progress: dict = field(default_factory=lambda: dict(epochs_done=0, history=[], best_epoch=0, stopped_early=False))
    best_state: dict | None = None


def train_classifier(
    model: torch.nn.Module,
    train_dataset: ClassificationDataset,
    val_dataset: ClassificationDataset,
    config: TrainingConfig | None = None,
    *,
    dev_dataset: ClassificationDataset | None = None,
    checkpoint_dir: str | os.PathLike | None = None,
    resume: bool = False,
    pad_token_id: int = 0,
    show_progress: bool = True,
) -> TrainingResult:
    """Notebook 03's loop (same steps, same order) plus what real runs need.

    Keeps the weights of the epoch with the best `selection_key` score; runs on one device or under `accelerate
    launch` / `torchrun`. `resume=True` continues from `checkpoint_dir`. Seed before building `model`.
    """
    config = config or TrainingConfig()
    run = _prepare(model, train_dataset, val_dataset, config, pad_token_id, dev_dataset)
    fingerprint = _fingerprint(config, train_dataset, val_dataset, run.accelerator.num_processes, dev_dataset)
    if resume and checkpoint_dir:
        _restore(run, checkpoint_dir, fingerprint)
    samples_seen = 0
    with run.dropout:
        for epoch in range(run.progress["epochs_done"], config.num_train_epochs):
            if run.progress["stopped_early"]:
                break
            record, seen = _train_one_epoch(run, config, epoch, show_progress)
            samples_seen += seen
            improved = _keep_best(run, record, config)
            if checkpoint_dir and run.accelerator.is_main_process:
                if improved:
                    save_weights(run.best_state, Path(checkpoint_dir) / BEST_WEIGHTS)
                save_checkpoint(
                    checkpoint_dir,
                    model_state=_plain(run.accelerator, run.model).state_dict(),
                    optimizer=run.optimizer,
                    scheduler=run.scheduler,
                    progress=run.progress,
                    fingerprint=fingerprint,
                )
            run.accelerator.wait_for_everyone()
    return _finish(run, samples_seen, selection_key(dev_dataset))


def _finish(run: _Run, samples_seen: int, selected_on: str) -> TrainingResult:
    """The plain model with the best epoch's weights, and the run's record."""
    model = _plain(run.accelerator, run.model)
    if run.best_state is not None:
        model.load_state_dict(run.best_state)
    model.eval()
    return TrainingResult(
        model=model,
        history=run.progress["history"],
        best_epoch=run.progress["best_epoch"],
        selected_on=selected_on,
        best_score=_best_score(run.progress, selected_on),
        stopped_early=run.progress["stopped_early"],
        mixed_precision=run.precision,
        device=str(run.accelerator.device),
        num_processes=run.accelerator.num_processes,
        samples_seen=samples_seen,
    )


def _prepare(model, train_dataset, val_dataset, config: TrainingConfig, pad_token_id: int, dev_dataset=None) -> _Run:
    """Accelerate, the loaders, optimizer and schedule of notebook 03, the model compiled and wrapped as asked."""
    precision = mixed_precision_for(config.mixed_precision)
    accelerator = Accelerator(
        mixed_precision=precision,
        dataloader_config=DataLoaderConfiguration(non_blocking=torch.cuda.is_available()),
        # Several processes on a machine with no GPU: without this, `torchrun` gives N unconnected copies
        # of the run (accelerate only turns to gloo on CPU when asked); `accelerate launch --cpu` sets it.
        cpu=world_size() > 1 and not torch.cuda.is_available(),
    )
    if torch.cuda.is_available():  # TF32 tensor cores: the same accuracy for fine-tuning, much faster
        torch.backends.cuda.matmul.allow_tf32 = torch.backends.cudnn.allow_tf32 = True
    train_loader, val_loader = make_loaders(train_dataset, val_dataset, config, pad_token_id, accelerator.device)
    dev_loader = None
    if dev_dataset is not None:  # batched as the validation split is
        _, dev_loader = make_loaders(train_dataset, dev_dataset, config, pad_token_id, accelerator.device)
    optimizer = build_optimizer(model, config.learning_rate, config.weight_decay, accelerator.device)
    # Counted in batches of the whole run: accelerate steps the schedule once per process.
    sampler = train_loader.batch_sampler
    scheduler = build_scheduler(optimizer, config, len(sampler))
    # Made on the plain model, before compiling and wrapping; on only while the epochs run.
    dropout = fast_dropout(model) if config.fast_dropout else contextlib.nullcontext()
    if config.torch_compile:
        model = torch.compile(model, dynamic=True)
    # The validation loader is not prepared: every process scores all of it with the unwrapped
    # model, so no collectives whose sizes could differ, and all take the same keep-best decisions.
    model, optimizer, train_loader, scheduler = accelerator.prepare(model, optimizer, train_loader, scheduler)
    return _Run(
        accelerator, model, optimizer, scheduler, train_loader, val_loader, sampler, dropout, precision, dev_loader
    )


def _restore(run: _Run, checkpoint_dir, fingerprint: dict) -> None:
    """Continue from the checkpoint in `checkpoint_dir`, if there is one: weights, optimizer, schedule, RNG, record."""
    restored = load_checkpoint(
        checkpoint_dir,
        model=_plain(run.accelerator, run.model),
        optimizer=run.optimizer,
        scheduler=run.scheduler,
        fingerprint=fingerprint,
    )
    if restored is None:
        run.accelerator.print(f"No checkpoint in {checkpoint_dir} yet; starting from the first epoch")
        return
    run.progress = restored
    run.accelerator.print(f"Resuming after epoch {restored['epochs_done']} from {checkpoint_dir}")
    best_path = Path(checkpoint_dir) / BEST_WEIGHTS
    if restored["best_epoch"] and best_path.exists():
        run.best_state = load_weights(best_path)


def _train_one_epoch(run: _Run, config: TrainingConfig, epoch: int, show_progress: bool) -> tuple[dict, int]:
    """training.train_epoch's steps over this process's batches, then validation: (the epoch's record, samples seen)."""
    accelerator, model = run.accelerator, run.model
    # Through the prepared loader: accelerate re-sets the sampler's epoch from its own
    # counter, which starts at 0 in a resumed process and would replay epoch 1's order.
    run.sampler.set_epoch(epoch)
    if hasattr(run.train_loader, "set_epoch"):
        run.train_loader.set_epoch(epoch)
    model.train()
    start = time.perf_counter()
    loss_sum = torch.zeros((), device=accelerator.device)
    n_seen, n_steps = 0, 0
    bar = tqdm(
        run.train_loader,
        desc=f"epoch {epoch + 1}/{config.num_train_epochs}",
        disable=not (show_progress and accelerator.is_local_main_process),
        leave=False,
    )
    for batch in bar:
        # accelerate's backward and clipping average gradients across processes and undo fp16 loss scaling.
        outputs = model(**batch)
        accelerator.backward(outputs.loss)
        accelerator.clip_grad_norm_(model.parameters(), config.max_grad_norm)
        run.optimizer.step()
        run.scheduler.step()
        run.optimizer.zero_grad()
        loss_sum += outputs.loss.detach().float()  # stays on the device: no sync per step
        n_steps += 1
        n_seen += batch["labels"].shape[0]
    # .tolist() waits for the queued GPU work, so the time below is the real training time.
    counts = torch.tensor([float(n_steps), float(n_seen)], device=accelerator.device)
    totals = accelerator.reduce(torch.cat([loss_sum[None], counts]), "sum").tolist()
    train_seconds = time.perf_counter() - start
    # unwrap_model keeps the autocast wrapper and torch.compile
    metrics = validate(accelerator.unwrap_model(model), run.val_loader, accelerator.device)
    if run.dev_loader is not None:
        dev = validate(accelerator.unwrap_model(model), run.dev_loader, accelerator.device)
        metrics.update({name.replace("val_", "dev_", 1): value for name, value in dev.items()})
    record = {
        "epoch": epoch + 1,
        "train_loss": float(totals[0] / totals[1]),  # the mean loss of the epoch's steps, as in notebook 03
        **metrics,
        "learning_rate": float(run.scheduler.get_last_lr()[0]),
        "seconds": round(time.perf_counter() - start, 2),
        "train_samples_per_s": round(float(totals[2]) / train_seconds, 2),
    }
    return record, n_seen


def _best_score(progress: dict, key: str) -> float:
    """The kept epoch's `key` score, read from the record (-1 before any epoch)."""
    return progress["history"][progress["best_epoch"] - 1][key] if progress["best_epoch"] else -1.0


def _keep_best(run: _Run, record: dict, config: TrainingConfig) -> bool:
    """Add the epoch to the record and keep its weights if its score is the best; stop early after `patience`."""
    progress, epoch, key = run.progress, record["epoch"], selection_key(run.dev_loader)
    improved = record[key] > _best_score(progress, key)
    progress["history"].append(record)
    progress["epochs_done"] = epoch
    if improved:
        progress["best_epoch"] = epoch
        state = _plain(run.accelerator, run.model).state_dict()
        run.best_state = {k: v.detach().to("cpu", copy=True) for k, v in state.items()}
    elif epoch - progress["best_epoch"] >= config.early_stopping_patience and epoch < config.num_train_epochs:
        progress["stopped_early"] = True  # only when epochs were left to run
    run.accelerator.print(
        f"epoch {epoch}: train loss {record['train_loss']:.4f}, val loss {record['val_loss']:.4f}, "
        f"val accuracy {record['val_accuracy']:.4f}, val macro-F1 {record['val_macro_f1']:.4f}"
        + (f", dev accuracy {record['dev_accuracy']:.4f}" if "dev_accuracy" in record else "")
        + f"{' (best)' if improved else ''}, {record['seconds']:.0f} s"
    )
    return improved
