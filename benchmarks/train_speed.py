"""Training speed: resume_bert's loop vs Hugging Face `Trainer` vs the original post's loop, side by side.

All three train the same model (same seed, same new head) on the same training split
with the same learning rate, batch size, epochs, warm-up and weight decay, in this one
process, one after the other. Reported: training samples per second (training steps
only; tokenisation and per-epoch evaluation are not counted) and the validation
macro-F1 of the model each one ends with, scored by one shared evaluator.

    python benchmarks/train_speed.py            # whole training split, 3 epochs each (hours on 2 CPU cores:
                                                # the post's loop pads every chunk to 512 tokens)
    python benchmarks/train_speed.py --max-train-samples 320 --max-val-samples 160 --num-train-epochs 1 \
        --blog-batches 3 --repeats 2 --threads 1     # what benchmarks/README.md shows for 2 CPU cores
    python benchmarks/train_speed.py --quick    # 160 training / 160 validation chunks, 1 epoch, the post's
                                                # loop on 3 batches: a smoke test, not a measurement
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time

from benchmark_setup import DATA_PATH, describe_machine, load_splits, write_result


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true",
                   help="160 training and 160 validation chunks, 1 epoch, the post's loop on 3 batches")
    p.add_argument("--max-train-samples", type=int, default=None, help="fixed random subset of the training split")
    p.add_argument("--max-val-samples", type=int, default=None, help="fixed random subset of the validation split")
    p.add_argument("--data-path", default=str(DATA_PATH))
    p.add_argument("--model-name-or-path", default="bundled")
    p.add_argument("--num-train-epochs", type=int, default=None, help="default 3, or 1 with --quick")
    p.add_argument("--per-device-train-batch-size", type=int, default=16)
    p.add_argument("--learning-rate", type=float, default=1e-4)
    p.add_argument("--weight-decay", type=float, default=0.01)
    p.add_argument("--warmup-ratio", type=float, default=0.1)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--blog-batches", type=int, default=None,
                   help="train the post's loop on only this many batches (default: all, or 3 with --quick)")
    p.add_argument("--runs", default="resume_bert,trainer,blog_loop", help="comma-separated subset to run")
    p.add_argument("--threads", type=int, default=None,
                   help="torch CPU threads (default: torch's choice, one per core); 1 is steadier when other programs share the cores")
    p.add_argument("--repeats", type=int, default=1,
                   help="run the whole set this many times, in alternation, and report each run's median samples/s "
                        "(steadier when other programs share the CPU)")
    args = p.parse_args(argv)
    args.num_train_epochs = args.num_train_epochs or (1 if args.quick else 3)
    if args.quick:
        args.blog_batches = args.blog_batches or 3
        args.max_train_samples = args.max_train_samples or 160
        args.max_val_samples = args.max_val_samples or 160
    return args


class Bench:
    """The data, tokenizer and evaluator every run shares."""

    def __init__(self, args):
        from resume_bert.dataset import suggest_max_length, token_lengths
        from resume_bert.modeling import load_tokenizer

        self.args = args
        splits, self.label_map = load_splits(args.data_path, args.seed)
        if args.max_train_samples and args.max_train_samples < len(splits["train"]):
            # The same subset as `prepare_data(max_train_samples=...)` picks.
            splits["train"] = splits["train"].sample(n=args.max_train_samples, random_state=args.seed).sort_index()
        if args.max_val_samples and args.max_val_samples < len(splits["val"]):
            splits["val"] = splits["val"].sample(n=args.max_val_samples, random_state=args.seed).sort_index()
        self.train_texts = splits["train"]["text"].tolist()
        self.val_texts = splits["val"]["text"].tolist()
        self.y_train = self.label_map.encode(splits["train"]["label"])
        self.y_val = self.label_map.encode(splits["val"]["label"])
        self.tokenizer, self.model_name = load_tokenizer(args.model_name_or_path)
        # The tutorial's choice (notebook 02): the length that covers 99% of training chunks.
        self.max_length = suggest_max_length(token_lengths(self.tokenizer, self.train_texts))

    def new_model(self):
        """The same starting weights for every run: pretrained encoder, head drawn from `seed`."""
        from resume_bert.modeling import load_model
        from resume_bert.training import set_seed

        set_seed(self.args.seed)
        model, _ = load_model(self.model_name, self.label_map)
        return model

    def macro_f1(self, model) -> float:
        """Validation macro-F1, scored the same way for every run."""
        from sklearn.metrics import f1_score

        from resume_bert.inference import SectionClassifier

        classifier = SectionClassifier(model, self.tokenizer, batch_size=64, max_length=self.max_length)
        predicted = classifier.predict_proba(self.val_texts).argmax(axis=1)
        return round(float(f1_score(self.y_val, predicted, average="macro")), 4)


def run_resume_bert(bench: Bench) -> dict:
    from resume_bert.dataset import ClassificationDataset
    from resume_bert.training import TrainingConfig
    from resume_bert.training_run import train_classifier

    a = bench.args
    config = TrainingConfig(num_train_epochs=a.num_train_epochs, per_device_train_batch_size=a.per_device_train_batch_size,
                            learning_rate=a.learning_rate, weight_decay=a.weight_decay, warmup_ratio=a.warmup_ratio,
                            seed=a.seed, early_stopping_patience=a.num_train_epochs + 1)  # no early stop: same epochs
    train = ClassificationDataset(bench.train_texts, bench.y_train, bench.tokenizer, bench.max_length)
    val = ClassificationDataset(bench.val_texts, bench.y_val, bench.tokenizer, bench.max_length)
    model = bench.new_model()
    start = time.perf_counter()
    result = train_classifier(model, train, val, config, pad_token_id=bench.tokenizer.pad_token_id, show_progress=False)
    wall = time.perf_counter() - start
    train_seconds = sum(len(train) / h["train_samples_per_s"] for h in result.history)
    return {
        "samples_per_s": round(len(train) * len(result.history) / train_seconds, 2),
        "macro_f1": bench.macro_f1(result.model),
        "epochs": len(result.history),
        "samples": len(train) * len(result.history),
        "train_seconds": round(train_seconds, 1),
        "wall_seconds_with_eval": round(wall, 1),
        "val_macro_f1_per_epoch": [round(h["val_macro_f1"], 4) for h in result.history],
        "returns": f"weights of the best epoch ({result.best_epoch})",
        "setup": f"train_classifier: dynamic padding, length-grouped shuffled batches, max_length {bench.max_length}, "
                 f"precision {result.mixed_precision}",
    }


def run_trainer(bench: Bench) -> dict:
    """Set up as the Hugging Face text-classification guide does (minus saving and the hub)."""
    import numpy as np
    import torch
    from sklearn.metrics import f1_score
    from transformers import DataCollatorWithPadding, Trainer, TrainerCallback, TrainingArguments

    a = bench.args

    def encode(texts, labels):
        enc = bench.tokenizer(texts, truncation=True, max_length=bench.max_length)
        return [{"input_ids": i, "attention_mask": m, "labels": y}
                for i, m, y in zip(enc["input_ids"], enc["attention_mask"], labels)]

    def compute_metrics(eval_pred):
        logits, labels = eval_pred
        return {"macro_f1": f1_score(labels, np.argmax(logits, axis=-1), average="macro")}

    class EpochTimer(TrainerCallback):
        """Time training steps only: evaluation runs after on_epoch_end."""
        seconds = 0.0

        def on_epoch_begin(self, args, state, control, **kwargs):
            self.start = time.perf_counter()

        def on_epoch_end(self, args, state, control, **kwargs):
            EpochTimer.seconds += time.perf_counter() - self.start

    cuda = torch.cuda.is_available()
    bf16 = cuda and torch.cuda.is_bf16_supported()
    train, val = encode(bench.train_texts, bench.y_train), encode(bench.val_texts, bench.y_val)
    model = bench.new_model()
    with tempfile.TemporaryDirectory() as tmp:
        training_args = TrainingArguments(
            output_dir=tmp,
            learning_rate=a.learning_rate,
            per_device_train_batch_size=a.per_device_train_batch_size,
            per_device_eval_batch_size=64,
            num_train_epochs=a.num_train_epochs,
            weight_decay=a.weight_decay,
            warmup_steps=a.warmup_ratio,  # a float below 1 is a ratio in transformers 5
            eval_strategy="epoch",
            save_strategy="no",
            logging_strategy="epoch",
            report_to="none",
            seed=a.seed,
            bf16=bf16,
            fp16=cuda and not bf16,
            use_cpu=not cuda,
            disable_tqdm=True,
        )
        trainer = Trainer(model=model, args=training_args, train_dataset=train, eval_dataset=val,
                          processing_class=bench.tokenizer, data_collator=DataCollatorWithPadding(bench.tokenizer),
                          compute_metrics=compute_metrics, callbacks=[EpochTimer()])
        start = time.perf_counter()
        trainer.train()
        wall = time.perf_counter() - start
    per_epoch = [round(log["eval_macro_f1"], 4) for log in trainer.state.log_history if "eval_macro_f1" in log]
    samples = len(train) * a.num_train_epochs
    return {
        "samples_per_s": round(samples / EpochTimer.seconds, 2),
        "macro_f1": bench.macro_f1(trainer.model),
        "epochs": a.num_train_epochs,
        "samples": samples,
        "train_seconds": round(EpochTimer.seconds, 1),
        "wall_seconds_with_eval": round(wall, 1),
        "val_macro_f1_per_epoch": per_epoch,
        "returns": "weights of the last epoch",
        "setup": f"Trainer + DataCollatorWithPadding (random batches), truncation at max_length {bench.max_length}, "
                 f"eval_strategy='epoch', save_strategy='no', {'bf16' if bf16 else 'fp16' if cuda else 'fp32'}",
    }


def run_blog_loop(bench: Bench) -> dict:
    """The original post's loop: every text padded to 512 tokens, fp32, shuffled DataLoader, plain AdamW."""
    import torch
    from torch.utils.data import DataLoader, TensorDataset

    a = bench.args
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    enc = bench.tokenizer(bench.train_texts, padding="max_length", truncation=True, max_length=512, return_tensors="pt")
    dataset = TensorDataset(enc["input_ids"], enc["attention_mask"], torch.tensor(bench.y_train))
    model = bench.new_model().to(device)
    loader = DataLoader(dataset, batch_size=a.per_device_train_batch_size, shuffle=True,
                        generator=torch.Generator().manual_seed(a.seed))
    optimizer = torch.optim.AdamW(model.parameters(), lr=a.learning_rate, weight_decay=a.weight_decay)
    limit = a.blog_batches or len(loader)
    # With a batch limit the first batch is a warm-up and is not timed (it carries one-off set-up costs).
    timed_from = 1 if a.blog_batches else 0
    seconds, samples, batches_run = 0.0, 0, 0
    model.train()
    for epoch in range(a.num_train_epochs):
        for step, (input_ids, attention_mask, labels) in enumerate(loader):
            if step >= limit:
                break
            start = time.perf_counter()
            optimizer.zero_grad()
            out = model(input_ids=input_ids.to(device), attention_mask=attention_mask.to(device), labels=labels.to(device))
            out.loss.backward()
            optimizer.step()
            if device.type == "cuda":
                torch.cuda.synchronize()
            batches_run += 1
            if batches_run > timed_from:
                seconds += time.perf_counter() - start
                samples += len(labels)
    full = a.blog_batches is None or a.blog_batches >= len(loader)
    return {
        "samples_per_s": round(samples / seconds, 2),
        "macro_f1": bench.macro_f1(model),
        "epochs": a.num_train_epochs if full else round(batches_run / len(loader), 3),
        "samples": samples,
        "train_seconds": round(seconds, 1),
        "batches_trained": batches_run,
        "batches_timed": batches_run - timed_from,
        "batches_per_epoch": len(loader),
        "setup": "tokenizer(padding='max_length', max_length=512), fp32, DataLoader(shuffle=True), "
                 "AdamW, zero_grad/forward/backward/step, no schedule",
        **({} if full else {"note": (
            f"shorter run: trained on {limit} of {len(loader)} batches per epoch for {a.num_train_epochs} epoch(s) "
            f"({batches_run} batches); samples/s timed on batches 2..{limit} of each epoch; macro_f1 is after "
            f"this shorter run, so it is not comparable with the others'")}),
    }


RUNNERS = {"resume_bert": run_resume_bert, "trainer": run_trainer, "blog_loop": run_blog_loop}


def main(argv=None) -> dict:
    args = parse_args(argv)
    if args.threads:
        import torch

        torch.set_num_threads(args.threads)
    start = time.perf_counter()
    bench = Bench(args)
    runs, rates = {}, {}
    for repeat in range(args.repeats):
        for name in args.runs.split(","):
            print(f"--- {name} (round {repeat + 1}/{args.repeats}) ...", flush=True)
            run = RUNNERS[name](bench)
            rates.setdefault(name, []).append(run["samples_per_s"])
            runs.setdefault(name, run)  # the first round's details; every round trains from the same seed
            print(f"    {run['samples_per_s']:.1f} samples/s, val macro-F1 {run['macro_f1']:.4f}", flush=True)
    for name, run in runs.items():
        run["samples_per_s"] = round(statistics.median(rates[name]), 2)
        run["samples_per_s_per_round"] = rates[name]
    ratios = {}
    if "resume_bert" in runs:
        ours = runs["resume_bert"]["samples_per_s"]
        ratios = {f"resume_bert_vs_{k}": round(ours / v["samples_per_s"], 2) for k, v in runs.items() if k != "resume_bert"}
    result = {
        "machine": describe_machine(),
        "model": bench.model_name,
        "mode": "quick" if args.quick else "full" if not (args.max_train_samples or args.max_val_samples
                                                          or args.blog_batches) else "subset",
        "data": f"{args.data_path.rsplit('/', 1)[-1]}: {len(bench.train_texts)} train / {len(bench.val_texts)} val chunks",
        "hyperparameters": {
            "num_train_epochs": args.num_train_epochs,
            "per_device_train_batch_size": args.per_device_train_batch_size,
            "learning_rate": args.learning_rate,
            "weight_decay": args.weight_decay,
            "warmup_ratio": args.warmup_ratio,
            "seed": args.seed,
            "max_length": bench.max_length,
            "max_train_samples": args.max_train_samples,
            "max_val_samples": args.max_val_samples,
        },
        "repeats": args.repeats,
        "command": "python benchmarks/train_speed.py " + " ".join(sys.argv[1:] if argv is None else argv),
        "runs": runs,
        "ratios": ratios,
        "total_seconds": round(time.perf_counter() - start, 1),
    }
    path = write_result(result, "train_speed")
    print_table(result)
    print(f"written to {path}")
    return result


def print_table(result: dict) -> None:
    print(f"\n{result['machine']}\nmodel {result['model']}, {result['data']}, mode {result['mode']}")
    print(f"{'run':<12} {'samples/s':>10} {'vs run':>8} {'val macro-F1':>13}")
    ours = result["runs"].get("resume_bert", {}).get("samples_per_s")
    for name, run in result["runs"].items():
        ratio = f"{ours / run['samples_per_s']:.2f}x" if ours and name != "resume_bert" else ""
        print(f"{name:<12} {run['samples_per_s']:>10.1f} {ratio:>8} {run['macro_f1']:>13.4f}")
    print("('vs run': resume_bert's samples/s divided by that run's)")


if __name__ == "__main__":
    main()
