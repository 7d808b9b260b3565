"""Where a training step of `train_classifier` spends its time: torch.profiler over a few batches.

Same model and data as `gpu_train_speed.py` (bert-base-sized `BertConfig()`, random
weights). One unprofiled epoch warms up (cuBLAS handles, the allocator, autocast caches),
then one epoch of --steps batches runs under the profiler. Reported per training step:
kernel launches, host-device synchronisations (`.item()` and other device-to-host reads
the host waits on), and the share of the profiled wall time the GPU was busy; then the
operators with the most host time and the most device time. When the GPU is idle much
of the time, Python and launches are the limit, not arithmetic.

    python benchmarks/gpu_profile.py                     # batch 128, 10 profiled steps
    python benchmarks/gpu_profile.py --smoke             # seconds on a CPU: tiny model
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from benchmark_setup import DATA_PATH, describe_machine, load_splits, versions
from gpu_train_speed import vocab_tokenizer

from resume_bert.app.artifacts import write_json  # noqa: E402

LAUNCHES = ("cudaLaunchKernel", "cuLaunchKernel", "cudaLaunchKernelExC", "cuLaunchKernelEx")
SYNCS = ("cudaStreamSynchronize", "cudaDeviceSynchronize", "cudaEventSynchronize")
SCALAR_READS = ("aten::item", "aten::_local_scalar_dense")


def kernel_time_us(events) -> float:
    """Time the GPU spent in kernels, in microseconds: the device-side rows, else what the host ops launched."""
    from torch.autograd import DeviceType

    device = [e for e in events if getattr(e, "device_type", None) == DeviceType.CUDA]
    return sum(e.self_device_time_total for e in (device or events))


def main(argv=None) -> dict:
    import torch
    from torch.profiler import ProfilerActivity, profile
    from transformers import BertConfig, BertForSequenceClassification

    from resume_bert.app.training_run import train_classifier
    from resume_bert.dataset import ClassificationDataset, suggest_max_length, token_lengths
    from resume_bert.training import TrainingConfig, set_seed

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data-path", default=str(DATA_PATH))
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--steps", type=int, default=10, help="profiled training steps")
    p.add_argument("--smoke", action="store_true", help="tiny model, batch 8, 3 steps (CPU)")
    p.add_argument("--output", default=None, help="JSON file to write (default: print only)")
    args = p.parse_args(argv)
    if args.smoke:
        args.batch, args.steps = 8, 3

    splits, label_map = load_splits(args.data_path)
    tokenizer = vocab_tokenizer()
    size = dict(hidden_size=32, num_hidden_layers=2, num_attention_heads=2, intermediate_size=64) if args.smoke else {}
    config = BertConfig(vocab_size=tokenizer.vocab_size, num_labels=len(label_map), **size)
    train = splits["train"].sample(n=min(len(splits["train"]), args.steps * args.batch), random_state=42)
    texts, labels = train["text"].tolist(), label_map.encode(train["label"])
    max_length = suggest_max_length(token_lengths(tokenizer, texts))
    train_set = ClassificationDataset(texts, labels, tokenizer, max_length)
    # A small validation set: train_classifier scores it after each epoch, which is not the step being looked at.
    val = splits["val"].head(args.batch)
    val_set = ClassificationDataset(val["text"].tolist(), label_map.encode(val["label"]), tokenizer, max_length)
    training = TrainingConfig(num_train_epochs=1, per_device_train_batch_size=args.batch, learning_rate=5e-5)
    set_seed(42)
    model = BertForSequenceClassification(config)
    train_classifier(model, train_set, val_set, training, pad_token_id=tokenizer.pad_token_id, show_progress=False)

    cuda = torch.cuda.is_available()
    activities = [ProfilerActivity.CPU] + ([ProfilerActivity.CUDA] if cuda else [])
    start = time.perf_counter()
    with profile(activities=activities) as prof:
        result = train_classifier(
            model, train_set, val_set, training, pad_token_id=tokenizer.pad_token_id, show_progress=False
        )
        if cuda:
            torch.cuda.synchronize()
    wall_us = (time.perf_counter() - start) * 1e6
    steps = -(-len(train_set) // args.batch)
    events = prof.key_averages()
    count = {e.key: e.count for e in events}
    device_us = kernel_time_us(events)
    summary = {
        "gpu": torch.cuda.get_device_name() if cuda else None,
        "machine": describe_machine(),
        "versions": versions(),
        "model": "tiny BERT (2 layers, 32 hidden)"
        if args.smoke
        else "bert-base-uncased-sized BertConfig(), random weights",
        "batch": args.batch,
        "steps": steps,
        "max_length": max_length,
        "mixed_precision": result.mixed_precision,
        "kernel_launches_per_step": round(sum(count.get(k, 0) for k in LAUNCHES) / steps, 1),
        "host_syncs_per_step": round(sum(count.get(k, 0) for k in SYNCS) / steps, 1),
        "scalar_reads_per_step": round(sum(count.get(k, 0) for k in SCALAR_READS) / steps, 1),
        "device_busy_share": round(device_us / wall_us, 3) if cuda else None,
        "profiled_wall_ms": round(wall_us / 1e3, 1),
        "note": "one epoch of `steps` batches plus one validation pass of one batch, after an unprofiled warm-up epoch; "
        "device_busy_share is kernel time over that wall time (profiler overhead included)",
    }
    print(events.table(sort_by="self_cpu_time_total", row_limit=15))
    if cuda:
        print(events.table(sort_by="self_device_time_total", row_limit=15))
    print(json.dumps(summary, indent=2))
    if args.output:
        write_json(summary, Path(args.output))
    return summary


if __name__ == "__main__":
    main()
