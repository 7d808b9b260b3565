"""Hugging Face `Trainer` as a peer: set up as its guide does, or tuned as a practitioner would (train_speed, gpu_train_speed).

Tuned means the settings one turns on first for the device: length-grouped sampling
(`train_sampling_strategy="group_by_length"`), fused AdamW, and on a GPU also bf16
(fp16 without it), pinned memory and `DataCollatorWithPadding(pad_to_multiple_of=8)`.
Guide-style is the text-classification guide's set-up: random batches and the defaults.
"""

from __future__ import annotations

import statistics
import tempfile
import time


def encode(tokenizer, texts, labels, max_length):
    """Tokenised examples as the guide makes them: truncated, unpadded, one dict per example."""
    enc = tokenizer(list(texts), truncation=True, max_length=max_length)
    return [
        {"input_ids": i, "attention_mask": m, "labels": int(y)}
        for i, m, y in zip(enc["input_ids"], enc["attention_mask"], labels)
    ]


def train_with_trainer(
    model,
    tokenizer,
    train,
    val,
    *,
    tuned: bool,
    epochs: int,
    batch_size: int,
    learning_rate: float,
    weight_decay: float = 0.01,
    warmup_ratio: float = 0.1,
    seed: int = 42,
    evaluate: bool = True,
    warmup_epochs: int = 0,
    precision: str | None = None,
) -> dict:
    """Train `model` with `Trainer` on encoded `train`; time training steps only, per epoch.

    `samples_per_s` is over the epochs after the first `warmup_epochs` (median of them
    when there are warm-up epochs, as `gpu_train_speed.py` reports its own loop).
    `precision` ("no", "bf16", "fp16") sets the tuned run's; by default bf16 on GPUs
    that have it, fp16 on other GPUs, fp32 on CPU.
    """
    import numpy as np
    import torch
    from sklearn.metrics import f1_score
    from transformers import DataCollatorWithPadding, Trainer, TrainerCallback, TrainingArguments

    from resume_bert.app.training_run import mixed_precision_for

    cuda = torch.cuda.is_available()
    if precision is None or not tuned:
        precision = mixed_precision_for("auto")
    bf16, fp16 = precision == "bf16", precision == "fp16"

    class EpochTimer(TrainerCallback):
        """Seconds of each epoch's training steps (evaluation runs after on_epoch_end)."""

        def __init__(self):
            self.seconds = []

        def on_epoch_begin(self, args, state, control, **kwargs):
            if cuda:
                torch.cuda.synchronize()
            self.start = time.perf_counter()

        def on_epoch_end(self, args, state, control, **kwargs):
            if cuda:
                torch.cuda.synchronize()
            self.seconds.append(time.perf_counter() - self.start)

    def compute_metrics(eval_pred):
        logits, labels = eval_pred
        return {"macro_f1": f1_score(labels, np.argmax(logits, axis=-1), average="macro")}

    tuned_settings = dict(
        optim="adamw_torch_fused",
        train_sampling_strategy="group_by_length",
        dataloader_pin_memory=cuda,
        bf16=bf16,
        fp16=fp16,
    )
    guide_settings = dict(bf16=bf16, fp16=fp16)  # the guide turns on fp16 where there is a GPU
    timer = EpochTimer()
    with tempfile.TemporaryDirectory() as tmp:
        args = TrainingArguments(
            output_dir=tmp,
            learning_rate=learning_rate,
            per_device_train_batch_size=batch_size,
            per_device_eval_batch_size=64,
            num_train_epochs=epochs,
            weight_decay=weight_decay,
            warmup_steps=warmup_ratio,  # a float below 1 is a ratio in transformers 5
            eval_strategy="epoch" if evaluate else "no",
            save_strategy="no",
            logging_strategy="epoch",
            report_to="none",
            seed=seed,
            use_cpu=not cuda,
            disable_tqdm=True,
            **(tuned_settings if tuned else guide_settings),
        )
        collator = DataCollatorWithPadding(tokenizer, pad_to_multiple_of=8 if tuned and cuda else None)
        trainer = Trainer(
            model=model,
            args=args,
            train_dataset=train,
            eval_dataset=val if evaluate else None,
            processing_class=tokenizer,
            data_collator=collator,
            compute_metrics=compute_metrics if evaluate else None,
            callbacks=[timer],
        )
        start = time.perf_counter()
        trainer.train()
        wall = time.perf_counter() - start
    rates = [len(train) / s for s in timer.seconds]
    timed = timer.seconds[warmup_epochs:] or timer.seconds
    samples_per_s = (
        statistics.median(rates[warmup_epochs:] or rates) if warmup_epochs else len(train) * len(timed) / sum(timed)
    )
    return {
        "model": trainer.model,
        "samples_per_s": round(samples_per_s, 2),
        "samples_per_s_per_epoch": [round(r, 2) for r in rates],
        "train_seconds": round(sum(timer.seconds), 1),
        "wall_seconds_with_eval": round(wall, 1),
        "val_macro_f1_per_epoch": [
            round(log["eval_macro_f1"], 4) for log in trainer.state.log_history if "eval_macro_f1" in log
        ],
        "settings": {
            k: v
            for k, v in args.to_dict().items()
            if k
            in (
                "optim",
                "train_sampling_strategy",
                "dataloader_pin_memory",
                "bf16",
                "fp16",
                "per_device_train_batch_size",
                "learning_rate",
                "num_train_epochs",
                "weight_decay",
            )
        }
        | {"pad_to_multiple_of": collator.pad_to_multiple_of},
    }
