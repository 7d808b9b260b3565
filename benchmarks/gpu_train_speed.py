"""GPU training speed of a bert-base-uncased-sized model with `resume_bert.training_run.train_classifier`.

The model is built from `BertConfig()` (12 layers, 768 hidden, 110M parameters) with
random weights: speed does not depend on the weights, and no download is needed. The
tokenizer is the bert-base-uncased WordPiece vocabulary in `benchmarks/vocab.txt`.
Training uses the package defaults for a GPU: bf16 autocast (fp16 on cards without
bf16), fused AdamW, TF32 matmuls, dynamic padding to a multiple of 8, length-grouped
batches. The first epoch is a warm-up; the later epochs are timed.

    python benchmarks/gpu_train_speed.py                 # batch 64, 1 warm-up + 5 timed epochs
    python benchmarks/gpu_train_speed.py --compile       # the same with torch.compile
    python benchmarks/gpu_train_speed.py --tiny --max-steps 3   # a seconds-long smoke test on CPU

Needs only torch, transformers, accelerate, numpy, pandas, scikit-learn, safetensors,
tqdm and this repository (it puts the repository on sys.path itself).
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from benchmark_setup import DATA_PATH, describe_machine, load_splits, write_result

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
    p.add_argument("--per-device-train-batch-size", type=int, default=128, help="128 keeps an H100/H200 busy on short chunks (at 64 it waits on Python)")
    p.add_argument("--timed-epochs", type=int, default=5)
    p.add_argument("--compile", action="store_true", help="torch.compile the model (TrainingConfig.torch_compile)")
    p.add_argument("--mixed-precision", default="auto", choices=["auto", "no", "bf16", "fp16"])
    p.add_argument("--tiny", action="store_true", help="a 2-layer 32-wide BERT (for a CPU smoke test)")
    p.add_argument("--max-steps", type=int, default=None, help="train on only this many batches per epoch")
    p.add_argument("--output-name", default=None, help="results/<name>.json (default gpu_train_speed[_compile])")
    return p.parse_args(argv)


def main(argv=None) -> dict:
    import torch
    from transformers import BertConfig, BertForSequenceClassification

    from resume_bert.dataset import ClassificationDataset, suggest_max_length, token_lengths
    from resume_bert.modeling import count_parameters
    from resume_bert.training import TrainingConfig, set_seed
    from resume_bert.training_run import train_classifier

    args = parse_args(argv)
    batch = args.per_device_train_batch_size
    splits, label_map = load_splits(args.data_path)
    train = splits["train"]
    if args.max_steps:
        train = train.sample(n=min(len(train), args.max_steps * batch), random_state=42)
    tokenizer = vocab_tokenizer()
    max_length = suggest_max_length(token_lengths(tokenizer, train["text"].tolist()))
    train_set = ClassificationDataset(train["text"].tolist(), label_map.encode(train["label"]), tokenizer, max_length)
    val_set = ClassificationDataset(splits["val"]["text"].tolist(), label_map.encode(splits["val"]["label"]), tokenizer, max_length)

    size = dict(hidden_size=32, num_hidden_layers=2, num_attention_heads=2, intermediate_size=64) if args.tiny else {}
    config = BertConfig(vocab_size=tokenizer.vocab_size, num_labels=len(label_map), id2label=label_map.id2label,
                        label2id=label_map.label2id, **size)
    set_seed(42)
    model = BertForSequenceClassification(config)
    n_parameters = count_parameters(model)
    epochs = 1 + args.timed_epochs
    training = TrainingConfig(num_train_epochs=epochs, per_device_train_batch_size=batch, per_device_eval_batch_size=256,
                              learning_rate=5e-5, early_stopping_patience=epochs + 1,
                              mixed_precision=args.mixed_precision, torch_compile=args.compile)
    cuda = torch.cuda.is_available()
    if cuda:
        torch.cuda.reset_peak_memory_stats()
    start = time.perf_counter()
    result = train_classifier(model, train_set, val_set, training, pad_token_id=tokenizer.pad_token_id, show_progress=False)
    wall = time.perf_counter() - start
    rates = [h["train_samples_per_s"] for h in result.history]
    timed = rates[1:] or rates
    out = {
        "machine": describe_machine(),
        "gpu": torch.cuda.get_device_name() if cuda else None,
        "model": "tiny BERT (2 layers, 32 hidden)" if args.tiny else "bert-base-uncased-sized BertConfig() (12 layers, 768 hidden), random weights",
        "parameters": n_parameters,
        "samples_per_s": round(statistics.median(timed), 1),
        "samples_per_s_per_epoch": rates,
        "timed": f"median of epochs 2..{epochs} (epoch 1 is the warm-up); training steps only, evaluation not counted",
        "peak_gpu_memory_gib": round(torch.cuda.max_memory_allocated() / 2**30, 2) if cuda else None,
        "n_train": len(train_set),
        "max_length": max_length,
        "per_device_train_batch_size": batch,
        "mixed_precision": result.mixed_precision,
        "tf32_matmul": bool(cuda and torch.backends.cuda.matmul.allow_tf32),
        "fused_adamw": result.device.split(":")[0] in ("cuda", "cpu"),
        "torch_compile": args.compile,
        "device": result.device,
        "torch": torch.__version__,
        "wall_seconds": round(wall, 1),
    }
    name = args.output_name or ("gpu_train_speed" + ("_compile" if args.compile else "") + ("_tiny" if args.tiny else ""))
    path = write_result(out, name)
    print(f"{out['gpu'] or out['machine']}: {out['samples_per_s']:.0f} training samples/s "
          f"({out['model']}, batch {batch}, {out['mixed_precision']}, compile={args.compile}); "
          f"peak GPU memory {out['peak_gpu_memory_gib']} GiB; written to {path}")
    return out


if __name__ == "__main__":
    main()
