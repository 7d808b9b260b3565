"""Atomic writes of JSON files, figures and model folders (an interrupted run leaves the old or the new), and the OUT layout (notebook 01)."""

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..errors import DataError

# Which step (notebook) writes which of OUT's files; each later step reads them. A model folder
# counts as written once its config.json is.
STEP_OUTPUTS = {
    "01_data_preparation": ("data/train.csv", "data/val.csv", "data/test.csv", "labels.json"),
    "02_tokenization": ("tokenization.json",),
    "03_training": ("model/config.json", "history.json"),
    "04_evaluation": ("metrics.json",),
}


class OutputLayout:
    """Where each notebook reads and writes inside one `output_dir`."""

    def __init__(self, output_dir: str | os.PathLike):
        self.root = Path(output_dir)
        self.data = self.root / "data"
        self.labels = self.root / "labels.json"
        self.tokenization = self.root / "tokenization.json"
        self.model = self.root / "model"
        self.checkpoints = self.root / "checkpoints"
        self.history = self.root / "history.json"
        self.metrics = self.root / "metrics.json"
        self.figures = self.root / "figures"

    def split(self, name: str) -> Path:
        return self.data / f"{name}.csv"

    def outputs(self, step: str) -> list[Path]:
        """The files `step` writes (STEP_OUTPUTS)."""
        return [self.root / name for name in STEP_OUTPUTS[step]]

    def done(self, step: str) -> bool:
        return all(path.exists() for path in self.outputs(step))

    def require(self, path: Path) -> Path:
        """Return `path`, or fail with the notebook that writes it."""
        if not Path(path).exists():
            step = writer_of(Path(path).relative_to(self.root).as_posix())
            raise DataError(f"{path} not found: run {step} first (same output_dir)")
        return Path(path)


def writer_of(name: str) -> str:
    """The step that writes `name`, a path inside an output folder: one of its files, or a folder of them ("model")."""
    return next(
        step for step, names in STEP_OUTPUTS.items() for out in names if out == name or out.startswith(f"{name}/")
    )


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextmanager
def atomic_path(dest: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary file beside `dest`; rename it over `dest` on success."""
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent)
    os.close(fd)
    tmp = Path(tmp)
    os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private; give it the mode open() would
    try:
        yield tmp
        os.replace(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)


def write_json(data: Any, dest: str | os.PathLike) -> Path:
    """Write `data` as indented JSON, atomically."""
    with atomic_path(dest) as tmp:
        tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return Path(dest)


def read_json(path: str | os.PathLike) -> Any:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def write_csv(df, dest: str | os.PathLike) -> Path:
    """Write a DataFrame as UTF-8 CSV without its index, atomically."""
    with atomic_path(dest) as tmp:
        df.to_csv(tmp, index=False, lineterminator="\n")
    return Path(dest)


def _backup_of(dest: Path) -> Path:
    return dest.with_name(f".{dest.name}.previous")


def recover_dir(dest: str | os.PathLike) -> None:
    """Finish an interrupted `replace_dir`: put the previous folder back if the new one never arrived."""
    dest = Path(dest)
    backup = _backup_of(dest)
    if backup.exists():
        if dest.exists():
            shutil.rmtree(backup)
        else:
            os.replace(backup, dest)


@contextmanager
def atomic_dir(dest: str | os.PathLike) -> Iterator[Path]:
    """Yield an empty temporary folder beside `dest`; swap it in for `dest` on success.

    A crash between the two renames leaves a backup that `recover_dir` (called by every loader) restores.
    """
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    recover_dir(dest)
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent))
    os.chmod(tmp, 0o777 & ~_umask())
    try:
        yield tmp
        backup = _backup_of(dest)
        if dest.exists():
            os.replace(dest, backup)
        os.replace(tmp, dest)
        shutil.rmtree(backup, ignore_errors=True)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
