"""Run `resume-bert train` and SIGKILL it at one exact moment (used by tests/test_interrupted_runs.py).

    python tests/interrupt_train.py MOMENT TRAIN-ARGUMENTS...

MOMENT is one of
    model-mid-write          weights written into the temporary model folder, tokenizer not yet
    model-moved-away         old model folder renamed to `.model.previous`, new one not yet renamed in
    model-swapped            new model folder in place, backup not yet deleted
    checkpoint-moved-away:E  epoch E's checkpoint half swapped in: `checkpoints/.last.previous` exists, `last` does not
    epoch:E:batch:B          during epoch E (1-based), when batch B is drawn

The moments are reached by wrapping library functions from outside, so the package itself
carries no test hooks. A killed process gets no chance to clean up, as with a power cut.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path


def die() -> None:
    sys.stdout.flush()
    sys.stderr.flush()
    os.kill(os.getpid(), signal.SIGKILL)


def install(moment: str) -> None:
    real_replace = os.replace

    def replace(src, dst, *args, **kwargs):
        src, dst = Path(src), Path(dst)
        if moment == "model-moved-away" and dst.name == ".model.previous":
            real_replace(src, dst, *args, **kwargs)
            die()
        if moment == "model-swapped" and dst.name == "model" and src.name.startswith(".model."):
            real_replace(src, dst, *args, **kwargs)
            die()
        if moment.startswith("checkpoint-moved-away:") and dst.name == ".last.previous":
            import json

            # `src` is the old checkpoint, the one of epoch E - 1, about to make way for epoch E's.
            epoch = int(moment.split(":")[1])
            old = json.loads((src / "state.json").read_text())
            if old["progress"]["epochs_done"] == epoch - 1:
                real_replace(src, dst, *args, **kwargs)
                die()
        return real_replace(src, dst, *args, **kwargs)

    os.replace = replace

    if moment == "model-mid-write":
        from transformers import PreTrainedTokenizerBase

        def save_pretrained(self, save_directory, *args, **kwargs):
            if Path(save_directory).name.startswith(".model."):
                die()

        PreTrainedTokenizerBase.save_pretrained = save_pretrained

    if moment.startswith("epoch:"):
        from resume_bert.dataset import ShuffledBatchSampler

        _, epoch, _, batch = moment.split(":")
        real_iter = ShuffledBatchSampler.__iter__

        def batches(self):
            for i, item in enumerate(real_iter(self)):
                if self.epoch + 1 == int(epoch) and i + 1 == int(batch):
                    die()
                yield item

        ShuffledBatchSampler.__iter__ = batches


if __name__ == "__main__":
    install(sys.argv[1])
    from resume_bert.app.cli import main

    sys.exit(main(["train", *sys.argv[2:]]))
