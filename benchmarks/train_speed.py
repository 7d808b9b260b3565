"""Training speed and macro-F1: resume_bert's loop vs a tuned and a guide-style `Trainer` vs the post's loop.

All train the same model (same seed, same new head) on the same training chunks with
the same learning rate, batch size, epochs, warm-up and weight decay, in this one
process. resume_bert and the tuned `Trainer` both run at the precision that is fastest
on the device (--precision auto: bf16 autocast on GPUs with bf16 and on CPUs with AMX,
else fp32); when that is not fp32, the pair also runs in fp32 (`*_fp32`). On a CPU
resume_bert's runs draw their dropout masks with `TrainingConfig(fast_dropout=True)`
(--no-fast-dropout: torch's way), and `resume_bert_torch_dropout` is the same run with
torch's dropout. The guide-style `Trainer` and the post's loop run as written, fp32 on a
CPU. With --repeats N (default 2) the whole set runs N times in alternation and each
run's median samples/s counts, so a burst of load from other programs hits all alike.
Reported: training samples per second (training steps only; tokenisation and
per-epoch evaluation are not counted), the validation macro-F1 of the model each one
ends with (scored by one shared evaluator), the load average, versions and settings.

    python benchmarks/train_speed.py            # 480 training chunks, all 421 validation chunks, 3 epochs, 2 rounds
    python benchmarks/train_speed.py --max-train-samples 0 --repeats 1   # the whole training split
    python benchmarks/train_speed.py --quick    # 160 chunks, 1 epoch, 1 round: samples/s only, no macro-F1
    python benchmarks/train_speed.py --seed 1 --repeats 1 --runs resume_bert,resume_bert_torch_dropout,trainer_tuned \
        --output-name train_f1_seed1           # macro-F1 from another seed (results_table.py lists them)

The post's loop pads every chunk to 512 tokens, so it trains on --blog-batches batches
(default 4) of one epoch: its samples/s is comparable, its macro-F1 is not.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

from benchmark_setup import (
    DATA_PATH,
    RESULTS,
    fast_precision,
    fresh_accelerate_state,
    load_average,
    load_splits,
    run_record,
    set_threads,
    write_result,
)


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument(
        "--quick",
        action="store_true",
        help="speed only: 160 training chunks, 1 epoch, 1 round, the post's loop on 3 batches, no macro-F1",
    )
    p.add_argument(
        "--max-train-samples",
        type=int,
        default=None,
        help="fixed random subset of the training split (default 480; 0 for all of it)",
    )
    p.add_argument("--max-val-samples", type=int, default=None, help="fixed random subset of the validation split")
    p.add_argument("--data-path", default=str(DATA_PATH))
    p.add_argument("--model-name-or-path", default="bundled")
    p.add_argument("--num-train-epochs", type=int, default=None, help="default 3, or 1 with --quick")
    p.add_argument("--per-device-train-batch-size", type=int, default=16)
    p.add_argument("--learning-rate", type=float, default=1e-4)
    p.add_argument("--weight-decay", type=float, default=0.01)
    p.add_argument("--warmup-ratio", type=float, default=0.1)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument(
        "--blog-batches",
        type=int,
        default=4,
        help="train the post's loop on this many batches of one epoch (0: every batch of every epoch)",
    )
    p.add_argument(
        "--runs",
        default=None,
        help="comma-separated subset to run (default: resume_bert,trainer_tuned,trainer_guide,blog_loop, "
        "plus resume_bert_torch_dropout on a CPU, and resume_bert_fp32,trainer_tuned_fp32 when "
        "--precision is not fp32)",
    )
    p.add_argument(
        "--precision",
        choices=("auto", "no", "bf16", "fp16"),
        default="auto",
        help="mixed precision of resume_bert and the tuned Trainer (auto: the fastest on this device)",
    )
    p.add_argument(
        "--fast-dropout",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="resume_bert's runs draw dropout masks with TrainingConfig(fast_dropout=True) (CPU only)",
    )
    p.add_argument("--output-name", default="train_speed", help="results/<name>.json")
    p.add_argument("--output-dir", default=None, help="folder for <name>.json (default benchmarks/results)")
    p.add_argument(
        "--threads",
        type=int,
        default=None,
        help="torch CPU threads (default: one per core); 1 is steadier when other programs share the cores",
    )
    p.add_argument(
        "--repeats",
        type=int,
        default=None,
        help="run the whole set this many times, in alternation, and report each run's median samples/s "
        "(steadier when other programs share the CPU)",
    )
    args = p.parse_args(argv)
    args.num_train_epochs = args.num_train_epochs or (1 if args.quick else 3)
    args.repeats = args.repeats or (1 if args.quick else 2)
    args.precision = fast_precision() if args.precision == "auto" else args.precision
    if args.runs is None:
        args.runs = "resume_bert,trainer_tuned,trainer_guide,blog_loop"
        if args.fast_dropout and not cuda_available():
            args.runs += ",resume_bert_torch_dropout"  # what fast dropout alone is worth
        if args.precision != "no":
            args.runs += ",resume_bert_fp32,trainer_tuned_fp32"
    if args.max_train_samples is None:
        args.max_train_samples = 160 if args.quick else 480
    if args.quick:
        args.blog_batches = min(args.blog_batches or 3, 3)
        args.max_val_samples = args.max_val_samples or 160
    return args


class Bench:
    """The data, tokenizer and evaluator every run shares."""

    def __init__(self, args):
        from transformers import AutoConfig

        from resume_bert.app.model_loading import load_tokenizer
        from resume_bert.dataset import suggest_max_length, token_lengths

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
        # The tutorial's choice (notebook 02): the length that covers 99% of training chunks,
        # at most what the model's position embeddings take (as `resume-bert train` clips it).
        limit = AutoConfig.from_pretrained(self.model_name).max_position_embeddings
        self.max_length = min(limit, suggest_max_length(token_lengths(self.tokenizer, self.train_texts)))

    def new_model(self):
        """The same starting weights for every run: pretrained encoder, head drawn from `seed`."""
        from resume_bert.app.model_loading import load_model
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


def cuda_available() -> bool:
    import torch

    return torch.cuda.is_available()


def shared_knobs(args) -> dict:
    """The knobs every run trains with, by the names both train_classifier's config and the Trainer peer take."""
    return {k: getattr(args, k) for k in ("learning_rate", "weight_decay", "warmup_ratio", "seed")}


def run_resume_bert(bench: Bench, precision: str, fast_dropout: bool = True) -> dict:
    from resume_bert.app.training_run import train_classifier
    from resume_bert.dataset import ClassificationDataset
    from resume_bert.training import TrainingConfig

    a = bench.args
    config = TrainingConfig(
        num_train_epochs=a.num_train_epochs,
        per_device_train_batch_size=a.per_device_train_batch_size,
        **shared_knobs(a),
        early_stopping_patience=a.num_train_epochs + 1,  # no early stop: same epochs
        mixed_precision=precision,
        fast_dropout=a.fast_dropout and fast_dropout,
    )
    train = ClassificationDataset(bench.train_texts, bench.y_train, bench.tokenizer, bench.max_length)
    val = ClassificationDataset(bench.val_texts, bench.y_val, bench.tokenizer, bench.max_length)
    model = bench.new_model()
    start = time.perf_counter()
    result = train_classifier(model, train, val, config, pad_token_id=bench.tokenizer.pad_token_id, show_progress=False)
    wall = time.perf_counter() - start
    train_seconds = sum(len(train) / h["train_samples_per_s"] for h in result.history)
    return {
        "samples_per_s": round(len(train) * len(result.history) / train_seconds, 2),
        "macro_f1": None if a.quick else bench.macro_f1(result.model),
        "epochs": len(result.history),
        "samples": len(train) * len(result.history),
        "train_seconds": round(train_seconds, 1),
        "wall_seconds_with_eval": round(wall, 1),
        "val_macro_f1_per_epoch": [round(h["val_macro_f1"], 4) for h in result.history],
        "returns": f"weights of the best epoch ({result.best_epoch})",
        "setup": f"train_classifier: dynamic padding, length-grouped shuffled batches, max_length {bench.max_length}, "
        f"precision {result.mixed_precision}"
        + (", fast dropout" if config.fast_dropout and result.device == "cpu" else ""),
    }


def run_trainer(bench: Bench, tuned: bool, precision: str = "no") -> dict:
    from trainer_peer import encode, train_with_trainer

    a = bench.args
    train = encode(bench.tokenizer, bench.train_texts, bench.y_train, bench.max_length)
    val = encode(bench.tokenizer, bench.val_texts, bench.y_val, bench.max_length)
    run = train_with_trainer(
        bench.new_model(),
        bench.tokenizer,
        train,
        val,
        tuned=tuned,
        epochs=a.num_train_epochs,
        batch_size=a.per_device_train_batch_size,
        **shared_knobs(a),
        evaluate=not a.quick,
        precision=precision if tuned else None,
    )
    model = run.pop("model")
    return {
        "samples_per_s": run.pop("samples_per_s"),
        "macro_f1": None if a.quick else bench.macro_f1(model),
        "epochs": a.num_train_epochs,
        "samples": len(train) * a.num_train_epochs,
        **run,
        "returns": "weights of the last epoch",
        "setup": (
            f"Trainer tuned: train_sampling_strategy='group_by_length', optim='adamw_torch_fused', "
            f"precision {'bf16' if run['settings']['bf16'] else 'fp16' if run['settings']['fp16'] else 'fp32'}"
            if tuned
            else "Trainer as in the text-classification guide: random batches, default optimizer"
        )
        + f", DataCollatorWithPadding, truncation at max_length {bench.max_length}, save_strategy='no'",
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
    loader = DataLoader(
        dataset, batch_size=a.per_device_train_batch_size, shuffle=True, generator=torch.Generator().manual_seed(a.seed)
    )
    optimizer = torch.optim.AdamW(model.parameters(), lr=a.learning_rate, weight_decay=a.weight_decay)
    limit = a.blog_batches or len(loader)
    epochs = 1 if a.blog_batches else a.num_train_epochs
    # With a batch limit the first batch is a warm-up and is not timed (it carries one-off set-up costs).
    timed_from = 1 if a.blog_batches else 0
    seconds, samples, batches_run = 0.0, 0, 0
    model.train()
    for _epoch in range(epochs):
        for step, (input_ids, attention_mask, labels) in enumerate(loader):
            if step >= limit:
                break
            start = time.perf_counter()
            optimizer.zero_grad()
            out = model(
                input_ids=input_ids.to(device), attention_mask=attention_mask.to(device), labels=labels.to(device)
            )
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
        "macro_f1": None if a.quick else bench.macro_f1(model),
        "macro_f1_comparable": full,
        "epochs": a.num_train_epochs if full else round(batches_run / len(loader), 3),
        "samples": samples,
        "train_seconds": round(seconds, 1),
        "batches_trained": batches_run,
        "batches_timed": batches_run - timed_from,
        "batches_per_epoch": len(loader),
        "setup": "tokenizer(padding='max_length', max_length=512), fp32, DataLoader(shuffle=True), "
        "AdamW, zero_grad/forward/backward/step, no schedule",
        **(
            {}
            if full
            else {
                "note": (
                    f"shorter run: trained on {limit} of {len(loader)} batches of one epoch "
                    f"({batches_run} batches); samples/s timed on batches 2..{limit} of each epoch; macro_f1 is after "
                    f"this shorter run, so it is not comparable with the others'"
                )
            }
        ),
    }


RUNNERS = {
    "resume_bert": lambda bench: run_resume_bert(bench, bench.args.precision),
    "trainer_tuned": lambda bench: run_trainer(bench, tuned=True, precision=bench.args.precision),
    "trainer_guide": lambda bench: run_trainer(bench, tuned=False),
    "blog_loop": run_blog_loop,
    "resume_bert_torch_dropout": lambda bench: run_resume_bert(bench, bench.args.precision, fast_dropout=False),
    "resume_bert_fp32": lambda bench: run_resume_bert(bench, "no"),
    "trainer_tuned_fp32": lambda bench: run_trainer(bench, tuned=True, precision="no"),
}


def main(argv=None) -> dict:
    args = parse_args(argv)
    threads = set_threads(args.threads)
    start, load_before = time.perf_counter(), load_average()
    bench = Bench(args)
    runs, rates = {}, {}
    for repeat in range(args.repeats):
        for name in args.runs.split(","):
            print(f"--- {name} (round {repeat + 1}/{args.repeats}) ...", flush=True)
            fresh_accelerate_state()  # each run sets its own mixed precision
            run = RUNNERS[name](bench)
            rates.setdefault(name, []).append(run["samples_per_s"])
            runs.setdefault(name, run)  # the first round's details; every round trains from the same seed
            f1 = "not scored (--quick)" if run["macro_f1"] is None else f"{run['macro_f1']:.4f}"
            print(f"    {run['samples_per_s']:.1f} samples/s, val macro-F1 {f1}", flush=True)
    for name, run in runs.items():
        run["samples_per_s"] = round(statistics.median(rates[name]), 2)
        run["samples_per_s_per_round"] = rates[name]
    ratios = {}
    if "resume_bert" in runs:
        ours = runs["resume_bert"]["samples_per_s"]
        ratios = {
            f"resume_bert_vs_{k}": round(ours / v["samples_per_s"], 2)
            for k, v in runs.items()
            if k in ("trainer_tuned", "trainer_guide", "blog_loop", "resume_bert_torch_dropout")
        }
    if "resume_bert_fp32" in runs and "trainer_tuned_fp32" in runs:
        ratios["resume_bert_fp32_vs_trainer_tuned_fp32"] = round(
            runs["resume_bert_fp32"]["samples_per_s"] / runs["trainer_tuned_fp32"]["samples_per_s"], 2
        )
    result = {
        **run_record(threads, load_before),
        "model": bench.model_name,
        "mode": "quick (speed only)" if args.quick else "speed and macro-F1",
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
    path = write_result(result, args.output_name, args.output_dir or RESULTS)
    print_table(result)
    print(f"written to {path}")
    return result


def print_table(result: dict) -> None:
    print(f"\n{result['machine']}\nmodel {result['model']}, {result['data']}, mode {result['mode']}")
    print(f"{'run':<13} {'samples/s':>10} {'vs run':>8} {'val macro-F1':>13}")
    ours = result["runs"].get("resume_bert", {}).get("samples_per_s")
    for name, run in result["runs"].items():
        ratio = f"{ours / run['samples_per_s']:.2f}x" if ours and name != "resume_bert" else ""
        f1 = "—" if run["macro_f1"] is None else f"{run['macro_f1']:.4f}"
        print(f"{name:<13} {run['samples_per_s']:>10.1f} {ratio:>8} {f1:>13}")
    print("('vs run': resume_bert's samples/s divided by that run's)")


if __name__ == "__main__":
    main()
