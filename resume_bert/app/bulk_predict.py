"""Label a CSV of any size (`resume-bert predict --input`): read in chunks, written atomically, split across processes (app layer).

Under `torchrun` or `accelerate launch`, process r labels chunks r, r + W, r + 2W, ... into its own shard
beside the output (on a disk all machines share), and process 0 merges the shards in input order.
"""

import os
import shutil
from collections.abc import Iterator
from itertools import count
from pathlib import Path

import pandas as pd
from tqdm.auto import tqdm

from ..errors import DataError, ParameterError
from ..inference import top_labels
from ..preparation import CSV_READ_OPTIONS
from .artifacts import atomic_path
from .input_checks import csv_read_errors
from .processes import world_size

CHUNK_ROWS = 10_000


def _chunks(path: Path, chunk_rows: int, encoding: str = "utf-8") -> Iterator[pd.DataFrame]:
    """The CSV in frames of `chunk_rows` rows, with read errors as one-line DataErrors."""
    with csv_read_errors(path, encoding):
        yield from pd.read_csv(path, chunksize=chunk_rows, encoding=encoding, **CSV_READ_OPTIONS)


def _check_input(path: Path, text_column: str, encoding: str) -> None:
    if not path.is_file():
        raise DataError(
            f"input file not found: {path}; check --input"
            if not path.exists()
            else f"{path} is a folder, not a CSV file; pass the CSV inside it"
        )
    first = next(_chunks(path, 1, encoding), None)
    if first is None:
        raise DataError(f"{path} has a header but no rows, or no header; add rows to label")
    if text_column not in first.columns:
        found = ", ".join(repr(str(c)) for c in list(first.columns)[:20])
        raise DataError(
            f"column {text_column!r} not found in {path} (columns found: {found}); set --text-column to the right name"
        )


def _label_chunk(classifier, frame: pd.DataFrame, text_column: str) -> pd.DataFrame:
    labels, probability = top_labels(classifier.predict_proba(frame[text_column].tolist()), classifier.labels)
    return frame.assign(predicted_label=labels, probability=probability.round(4))


def _write_chunks(frames, dest: Path, progress: tqdm | None) -> int:
    """Append frames to `dest` (atomically: all of them or none); return the number of rows."""
    rows = 0
    with atomic_path(dest) as tmp, open(tmp, "w", encoding="utf-8", newline="") as f:
        for frame in frames:
            frame.to_csv(f, header=rows == 0, index=False, lineterminator="\n")
            rows += len(frame)
            if progress is not None:
                progress.update(len(frame))
        f.flush()
    return rows


def shard_dir(output: str | os.PathLike) -> Path:
    output = Path(output)
    return output.parent / f".{output.name}.shards"


def shard_path(output: str | os.PathLike, rank: int, world_size: int) -> Path:
    return shard_dir(output) / f"part-{rank:05d}-of-{world_size:05d}.csv"


def write_shard(
    classifier,
    input: str | os.PathLike,
    output: str | os.PathLike,
    rank: int,
    world_size: int,
    text_column: str = "text",
    chunk_rows: int = CHUNK_ROWS,
    encoding: str = "utf-8",
    show_progress: bool = False,
) -> Path:
    """Label chunks rank, rank + world_size, ... of `input` into this process's shard file."""
    mine = (
        _label_chunk(classifier, frame, text_column)
        for k, frame in zip(count(), _chunks(Path(input), chunk_rows, encoding))
        if k % world_size == rank
    )
    path = shard_path(output, rank, world_size)
    with tqdm(desc=f"labelling (process {rank + 1}/{world_size})", unit=" rows", disable=not show_progress) as bar:
        _write_chunks(mine, path, bar)
    return path


def merge_shards(output: str | os.PathLike, world_size: int, chunk_rows: int = CHUNK_ROWS) -> int:
    """Interleave the shards' chunks back into input order in `output`; remove the shards."""
    paths = [shard_path(output, r, world_size) for r in range(world_size)]
    # A process with no chunk (fewer chunks than processes) wrote an empty shard.
    readers = [_chunks(p, chunk_rows) if p.stat().st_size else iter(()) for p in paths]

    def in_input_order():
        for k in count():
            frame = next(readers[k % world_size], None)
            if frame is None:  # chunk k does not exist, so neither does any later one
                return
            yield frame

    rows = _write_chunks(in_input_order(), Path(output), None)
    shutil.rmtree(shard_dir(output), ignore_errors=True)
    return rows


def _process_group():
    """(rank, world_size, barrier) from torchrun's / accelerate's environment; one process otherwise."""
    if world_size() <= 1:
        return 0, 1, lambda: None
    import torch.distributed as dist

    if not dist.is_initialized():
        dist.init_process_group(backend="gloo")  # only barriers pass between processes: gloo works everywhere
    return dist.get_rank(), dist.get_world_size(), dist.barrier


def label_csv(
    classifier,
    input: str | os.PathLike,
    output: str | os.PathLike,
    text_column: str = "text",
    chunk_rows: int = CHUNK_ROWS,
    encoding: str = "utf-8",
    show_progress: bool = True,
) -> int:
    """Write `input` plus `predicted_label` and `probability` columns to `output`, whole or not at all; return the row count."""
    input, output = Path(input).expanduser(), Path(output).expanduser()
    if chunk_rows < 1:
        raise ParameterError(f"chunk_rows (--chunk-rows) must be at least 1, got {chunk_rows}")
    _check_input(input, text_column, encoding)
    rank, world_size, barrier = _process_group()
    if world_size == 1:
        frames = (_label_chunk(classifier, frame, text_column) for frame in _chunks(input, chunk_rows, encoding))
        with tqdm(desc="labelling", unit=" rows", disable=not show_progress) as bar:
            return _write_chunks(frames, output, bar)
    show = show_progress and rank == 0
    write_shard(classifier, input, output, rank, world_size, text_column, chunk_rows, encoding, show_progress=show)
    barrier()  # every shard is complete before process 0 reads them
    rows = merge_shards(output, world_size, chunk_rows) if rank == 0 else 0
    barrier()  # the merged file exists when any process returns
    return rows
