"""GPU training speed of a bert-base-uncased-sized model: `train_classifier` beside a tuned `Trainer`.

The model is built from `BertConfig()` (12 layers, 768 hidden, 110M parameters) with
random weights: speed does not depend on the weights, and no download is needed. The
tokenizer is the bert-base-uncased WordPiece vocabulary in `benchmarks/vocab.txt`.
For each batch size (default 32, 64 and 128), in this one process and in alternation,
the same data and model train with
- `resume_bert`: `train_classifier` with the package defaults for a GPU: bf16 autocast
  (fp16 on cards without bf16), fused AdamW, TF32, dynamic padding to a multiple of 8,
  length-grouped batches, pinned memory;
- `trainer_tuned`: `Trainer` with bf16, `optim="adamw_torch_fused"`, length-grouped
  sampling, pinned memory and `DataCollatorWithPadding(pad_to_multiple_of=8)`.
The first epoch is a warm-up; the median of the later epochs counts (training steps only).

    python benchmarks/gpu_train_speed.py                 # batches 32, 64, 128; 1 warm-up + 5 timed epochs each
    python benchmarks/gpu_train_speed.py --compile       # our loop with torch.compile
    python benchmarks/gpu_train_speed.py --smoke         # seconds on a CPU: tiny model, 3 steps, results to a temp folder

Writes results/gpu_train_speed_vs_trainer_b{batch}.json. Needs only torch, transformers,
accelerate, numpy, pandas, scikit-learn, safetensors, tqdm and this repository.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from benchmark_setup import DATA_PATH, RESULTS, describe_machine, load_average, load_splits, versions, write_result

VOCAB = Path(__file__).resolve().parent / "vocab.txt"


def vocab_tokenizer():
    """The bert-base-uncased WordPiece tokenizer from vocab.txt, offline, on transformers 4 or 5."""
    from transformers import BertTokenizerFast

    try:
        tokenizer = BertTokenizerFast(vocab=str(VOCAB), do_lower_case=True)  # transformers 5 ignores vocab_file=
    except Exception:
        tokenizer = None
    if tokenizer is None or tokenizer.vocab_size != 30522:
        tokenizer = BertTokenizerFast(vocab_file=str(VOCAB), do_lower_case=True)  # transformers 4
    if tokenizer.vocab_size != 30522:
        raise RuntimeError(f"{VOCAB} did not load: vocabulary of {tokenizer.vocab_size} entries")
    return tokenizer


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data-path", default=str(DATA_PATH))
    p.add_argument("--batch-sizes", default="32,64,128", help="comma-separated per-device batch sizes")
    p.add_argument("--timed-epochs", type=int, default=5)
    p.add_argument("--runs", default="resume_bert,trainer_tuned", help="comma-separated subset to run")
    p.add_argument("--compile", action="store_true", help="torch.compile our model (TrainingConfig.torch_compile)")
    p.add_argument("--mixed-precision", default="auto", choices=["auto", "no", "bf16", "fp16"])
    p.add_argument("--tiny", action="store_true", help="a 2-layer 32-wide BERT")
    p.add_argument("--max-steps", type=int, default=None, help="train on only this many batches per epoch")
    p.add_argument(
        "--smoke",
        action="store_true",
        help="CPU smoke test: --tiny, 3 steps, 1 timed epoch, batches 8 and 16, results to a temp folder",
    )
    p.add_argument("--output-dir", default=None, help="folder for the JSON files (default benchmarks/results)")
    args = p.parse_args(argv)
    if args.smoke:
        args.tiny, args.max_steps, args.timed_epochs = True, args.max_steps or 3, 1
        args.batch_sizes = "8,16" if args.batch_sizes == "32,64,128" else args.batch_sizes
    return args


def run_ours(args, model, train_set, val_set, batch, pad_token_id) -> dict:
    from resume_bert.app.training_run import train_classifier
    from resume_bert.training import TrainingConfig

    epochs = 1 + args.timed_epochs
    training = TrainingConfig(
        num_train_epochs=epochs,
        per_device_train_batch_size=batch,
        per_device_eval_batch_size=256,
        learning_rate=5e-5,
        early_stopping_patience=epochs + 1,
        mixed_precision=args.mixed_precision,
        torch_compile=args.compile,
    )
    start = time.perf_counter()
    result = train_classifier(model, train_set, val_set, training, pad_token_id=pad_token_id, show_progress=False)
    rates = [h["train_samples_per_s"] for h in result.history]
    return {
        "samples_per_s": round(statistics.median(rates[1:] or rates), 1),
        "samples_per_s_per_epoch": rates,
        "mixed_precision": result.mixed_precision,
        "torch_compile": args.compile,
        "wall_seconds": round(time.perf_counter() - start, 1),
        "setup": "train_classifier defaults: autocast, fused AdamW, TF32, pad to a multiple of 8, length-grouped batches, "
        "pinned memory; evaluation after each epoch not timed",
    }


def run_trainer(args, model, tokenizer, train_texts, train_labels, batch, max_length) -> dict:
    from trainer_peer import encode, train_with_trainer

    start = time.perf_counter()
    run = train_with_trainer(
        model,
        tokenizer,
        encode(tokenizer, train_texts, train_labels, max_length),
        None,
        tuned=True,
        epochs=1 + args.timed_epochs,
        batch_size=batch,
        learning_rate=5e-5,
        evaluate=False,
        warmup_epochs=1,
    )
    run.pop("model")
    return {
        **run,
        "wall_seconds": round(time.perf_counter() - start, 1),
        "setup": "Trainer: bf16 (fp16 without it), optim='adamw_torch_fused', train_sampling_strategy='group_by_length', "
        "dataloader_pin_memory, DataCollatorWithPadding(pad_to_multiple_of=8); no evaluation",
    }


def main(argv=None) -> list[dict]:
    import tempfile

    import torch
    from transformers import BertConfig, BertForSequenceClassification

    from resume_bert.dataset import ClassificationDataset, suggest_max_length, token_lengths
    from resume_bert.training import set_seed

    args = parse_args(argv)
    output_dir = Path(args.output_dir) if args.output_dir else (Path(tempfile.mkdtemp()) if args.smoke else RESULTS)
    splits, label_map = load_splits(args.data_path)
    tokenizer = vocab_tokenizer()
    size = dict(hidden_size=32, num_hidden_layers=2, num_attention_heads=2, intermediate_size=64) if args.tiny else {}
    config = BertConfig(
        vocab_size=tokenizer.vocab_size,
        num_labels=len(label_map),
        id2label=label_map.id2label,
        label2id=label_map.label2id,
        **size,
    )
    cuda = torch.cuda.is_available()
    written = []
    for batch in [int(b) for b in args.batch_sizes.split(",")]:
        train = splits["train"]
        if args.max_steps:
            train = train.sample(n=min(len(train), args.max_steps * batch), random_state=42)
        texts, labels = train["text"].tolist(), label_map.encode(train["label"])
        max_length = suggest_max_length(token_lengths(tokenizer, texts))
        train_set = ClassificationDataset(texts, labels, tokenizer, max_length)
        val_set = ClassificationDataset(
            splits["val"]["text"].tolist(), label_map.encode(splits["val"]["label"]), tokenizer, max_length
        )
        runs = {}
        for name in args.runs.split(","):
            set_seed(42)
            model = BertForSequenceClassification(config)
            if cuda:
                torch.cuda.empty_cache()
                torch.cuda.reset_peak_memory_stats()
            n_parameters = sum(p.numel() for p in model.parameters())
            if name == "resume_bert":
                runs[name] = run_ours(args, model, train_set, val_set, batch, tokenizer.pad_token_id)
            else:
                runs[name] = run_trainer(args, model, tokenizer, texts, labels, batch, max_length)
            runs[name]["peak_gpu_memory_gib"] = round(torch.cuda.max_memory_allocated() / 2**30, 2) if cuda else None
            print(f"batch {batch}, {name}: {runs[name]['samples_per_s']:.0f} samples/s", flush=True)
            del model
        out = {
            "gpu": torch.cuda.get_device_name() if cuda else None,
            "batch": batch,
            "runs": runs,
            "ratio_resume_bert_vs_trainer_tuned": (
                round(runs["resume_bert"]["samples_per_s"] / runs["trainer_tuned"]["samples_per_s"], 2)
                if {"resume_bert", "trainer_tuned"} <= set(runs)
                else None
            ),
            "machine": describe_machine(),
            "load_average": load_average(),
            "versions": versions(),
            "model": (
                "tiny BERT (2 layers, 32 hidden)"
                if args.tiny
                else "bert-base-uncased-sized BertConfig() (12 layers, 768 hidden), random weights"
            ),
            "parameters": n_parameters,
            "n_train": len(train_set),
            "max_length": max_length,
            "timed": f"median of epochs 2..{1 + args.timed_epochs} (epoch 1 is the warm-up); training steps only",
            "tf32_matmul": bool(cuda and torch.backends.cuda.matmul.allow_tf32),
            "command": "python benchmarks/gpu_train_speed.py " + " ".join(sys.argv[1:] if argv is None else argv),
        }
        path = write_result(out, f"gpu_train_speed_vs_trainer_b{batch}", output_dir)
        written.append(out)
        print(
            f"{out['gpu'] or out['machine']}, batch {batch}: resume_bert / trainer_tuned = "
            f"{out['ratio_resume_bert_vs_trainer_tuned']}x; written to {path}",
            flush=True,
        )
    return written


if __name__ == "__main__":
    main()
