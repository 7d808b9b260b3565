"""App layer: per-epoch training checkpoints in safetensors + JSON, so that `--resume` needs no pickle (`resume-bert train`)."""

import os
from pathlib import Path
from typing import Any

import torch
from safetensors.torch import load_file, save_file

from ..errors import ParameterError
from .artifacts import atomic_dir, atomic_path, read_json, recover_dir, write_json

LAST = "last"
BEST_WEIGHTS = "best_model.safetensors"


def _tensors(state: dict[str, torch.Tensor]) -> dict[str, torch.Tensor]:
    # safetensors wants contiguous CPU tensors that share no memory.
    return {k: v.detach().to("cpu").contiguous().clone() for k, v in state.items()}


def save_weights(state_dict: dict[str, torch.Tensor], path: str | os.PathLike) -> None:
    with atomic_path(path) as tmp:
        save_file(_tensors(state_dict), str(tmp))


def load_weights(path: str | os.PathLike) -> dict[str, torch.Tensor]:
    return load_file(str(path))


def _flatten_optimizer(state: dict) -> tuple[dict[str, torch.Tensor], dict]:
    flat = {f"{pid}.{key}": value for pid, slots in state["state"].items() for key, value in slots.items()}
    tensors = {name: value for name, value in flat.items() if torch.is_tensor(value)}
    scalars = {name: value for name, value in flat.items() if not torch.is_tensor(value)}
    return tensors, {"param_groups": state["param_groups"], "scalars": scalars}


def _unflatten_optimizer(tensors: dict[str, torch.Tensor], meta: dict) -> dict:
    state: dict[int, dict[str, Any]] = {}
    for name, value in [*tensors.items(), *meta["scalars"].items()]:
        pid, key = name.split(".", 1)
        state.setdefault(int(pid), {})[key] = value
    return {"state": state, "param_groups": meta["param_groups"]}


def save_checkpoint(
    checkpoint_dir: str | os.PathLike, *, model_state, optimizer, scheduler, progress: dict, fingerprint: dict
) -> Path:
    """Write `checkpoint_dir/last/` atomically: weights, optimizer, scheduler, RNG, progress."""
    dest = Path(checkpoint_dir) / LAST
    optim_tensors, optim_meta = _flatten_optimizer(optimizer.state_dict())
    rng = {"torch": torch.get_rng_state()}
    if torch.cuda.is_available():
        rng.update({f"cuda.{i}": s for i, s in enumerate(torch.cuda.get_rng_state_all())})
    with atomic_dir(dest) as tmp:
        save_file(_tensors(model_state), str(tmp / "model.safetensors"))
        save_file(_tensors(optim_tensors), str(tmp / "optimizer.safetensors"))
        save_file(_tensors(rng), str(tmp / "rng.safetensors"))
        state = {"progress": progress, "fingerprint": fingerprint, "optimizer": optim_meta}
        write_json({**state, "scheduler": scheduler.state_dict()}, tmp / "state.json")
    return dest


def load_checkpoint(
    checkpoint_dir: str | os.PathLike, *, model, optimizer, scheduler, fingerprint: dict
) -> dict | None:
    """Restore `checkpoint_dir/last/` into the given objects; return its progress, or None if there is none."""
    dest = Path(checkpoint_dir) / LAST
    recover_dir(dest)
    if not (dest / "state.json").exists():
        return None
    state = read_json(dest / "state.json")
    if state["fingerprint"] != fingerprint:
        changed = sorted(k for k in fingerprint if state["fingerprint"].get(k) != fingerprint[k])
        raise ParameterError(
            f"the checkpoint in {dest} was made with other settings ({', '.join(changed)} differ); "
            f"rerun with the same settings, or without resume to start over"
        )
    model.load_state_dict(load_file(str(dest / "model.safetensors")))
    optimizer.load_state_dict(_unflatten_optimizer(load_file(str(dest / "optimizer.safetensors")), state["optimizer"]))
    scheduler.load_state_dict(state["scheduler"])
    rng = load_file(str(dest / "rng.safetensors"))
    torch.set_rng_state(rng["torch"])
    cuda_states = cuda_rng_states(rng)
    if torch.cuda.is_available() and len(cuda_states) == torch.cuda.device_count():
        torch.cuda.set_rng_state_all(cuda_states)
    return state["progress"]


def cuda_rng_states(rng: dict[str, torch.Tensor]) -> list[torch.Tensor]:
    """The GPUs' RNG states saved as `cuda.0`, `cuda.1`, ... in device order (`cuda.2` before `cuda.10`)."""
    return [rng[f"cuda.{i}"] for i in range(sum(k.startswith("cuda.") for k in rng))]
