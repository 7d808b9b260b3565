"""Started by test_distributed.py under torchrun: train_model on 2 processes, each logging the training rows it read.

Usage: torchrun --nproc_per_node 2 tests/distributed_train.py OUTPUT_DIR MODEL_DIR
(OUTPUT_DIR must already hold notebook 01/02's files: data/, labels.json, tokenization.json).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from resume_bert.app import workflow
from resume_bert.dataset import ClassificationDataset
from resume_bert.training import TrainingConfig


class IndexLoggingDataset(ClassificationDataset):
    """A training set that remembers which of its rows this process read, in order."""

    read: list[int] = []

    def __getitem__(self, i):
        IndexLoggingDataset.read.append(int(i))
        return super().__getitem__(i)


def main(output_dir: str, model_dir: str) -> None:
    build = workflow.build_datasets

    def build_logging(*args, **kwargs):
        datasets = build(*args, **kwargs)
        datasets["train"].__class__ = IndexLoggingDataset  # only the training rows are logged
        return datasets

    workflow.build_datasets = build_logging
    config = TrainingConfig(
        num_train_epochs=2, per_device_train_batch_size=8, per_device_eval_batch_size=16, learning_rate=1e-3, seed=0
    )
    trained = workflow.train_model(output_dir, model_dir, config, show_progress=False)
    rank = int(os.environ.get("RANK", 0))
    Path(output_dir, f"indices_rank{rank}.json").write_text(
        json.dumps(
            {
                "read": IndexLoggingDataset.read,
                "n_train": len(workflow.load_splits(output_dir)[0]["train"]),
                "num_processes": trained.result.num_processes,
                "samples_seen": trained.result.samples_seen,
            }
        )
    )


if __name__ == "__main__":
    main(*sys.argv[1:3])
