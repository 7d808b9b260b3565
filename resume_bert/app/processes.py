"""App layer: the processes `torchrun` or `accelerate launch` started: how many, and the device of this one."""

import os


def world_size() -> int:
    """How many processes were started together (1 when the command runs on its own)."""
    return int(os.environ.get("WORLD_SIZE", "1"))


def process_device() -> str | None:
    """Under torchrun on a GPU machine each process labels on its own GPU; otherwise the default device (None)."""
    import torch

    if world_size() > 1 and torch.cuda.is_available():
        return f"cuda:{int(os.environ.get('LOCAL_RANK', '0'))}"
    return None
