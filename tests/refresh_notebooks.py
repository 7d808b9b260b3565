"""Re-execute the committed notebooks in place, in order, with default parameters (`make notebooks`).

Each notebook runs with papermill inside notebooks/ (as in Jupyter), into a temporary
copy that replaces the committed one only when it ran without error. Volatile metadata
(papermill's paths and times, execution timestamps, widget state, kernel details) is
stripped, so a rerun on the same machine changes only what really changed. The run
fails if an output shows a machine-specific path.

    python tests/refresh_notebooks.py [NAME ...]     # default: all of them, in order, then the solutions

The hub is switched off (HF_HUB_OFFLINE=1) unless the environment says otherwise, so the
committed outputs come from the bundled model, as in CI.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import nbformat  # noqa: E402
import papermill as pm  # noqa: E402

from resume_bert.app.notebooks import NOTEBOOKS  # noqa: E402

NOTEBOOK_DIR = REPO / "notebooks"
# The solutions read what the lessons wrote, so they come last.
SOLUTIONS = tuple(f"solutions/{name[:2]}_solutions.ipynb" for name in NOTEBOOKS)
KERNELSPEC = {"display_name": "Python 3", "language": "python", "name": "python3"}
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
# Paths that differ from machine to machine; none may appear in a committed output.
MACHINE_PATH = re.compile(r"/work/|/tmp/|/root\b|/home/|/Users/|site-packages|dist-packages|/usr/|/opt/|\b[A-Za-z]:\\")


def output_texts(nb) -> list[tuple[int, str]]:
    """(cell index, text) of every textual output."""
    texts = []
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream":
                texts.append((index, output.get("text", "")))
            elif output.get("output_type") == "error":
                texts.append((index, "\n".join(output.get("traceback", []))))
            for mime, value in output.get("data", {}).items():
                if mime.startswith("text/") or mime.endswith("json"):
                    texts.append((index, value if isinstance(value, str) else str(value)))
    return texts


def machine_paths(nb) -> list[str]:
    """Lines of outputs that show a machine-specific path."""
    found = []
    for index, text in output_texts(nb):
        for line in text.splitlines():
            if MACHINE_PATH.search(line):
                found.append(f"cell {index}: {line.strip()[:160]}")
    return found


def strip_volatile(nb):
    """Drop what changes from run to run without meaning anything: times, paths, widget state."""
    nb.metadata.pop("papermill", None)
    nb.metadata.pop("widgets", None)
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata["language_info"] = {"name": "python"}
    for cell in nb.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        if cell.cell_type != "code":
            continue
        # Progress-bar widgets carry random model ids and show nothing without their state.
        cell.outputs = [o for o in cell.outputs if WIDGET_VIEW not in o.get("data", {})]
    return nb


def refresh(name: str) -> float:
    source = NOTEBOOK_DIR / name
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="refresh-notebooks-") as tmp:
        executed = Path(tmp) / Path(name).name
        pm.execute_notebook(
            str(source),
            str(executed),
            cwd=str(source.parent),
            kernel_name="python3",
            progress_bar=True,
            request_save_on_cell_execute=False,
        )
        nb = strip_volatile(nbformat.read(executed, as_version=4))
    nbformat.validate(nb)
    nbformat.write(nb, source)
    problems = machine_paths(nb)
    if problems:
        raise SystemExit(
            f"{name}: outputs show machine-specific paths; fix the cell that prints them:\n  " + "\n  ".join(problems)
        )
    return time.perf_counter() - start


def main(argv: list[str]) -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    names = [n if n.endswith(".ipynb") else f"{n}.ipynb" for n in argv] or [*NOTEBOOKS, *SOLUTIONS]
    unknown = [n for n in names if n not in NOTEBOOKS + SOLUTIONS]
    if unknown:
        raise SystemExit(f"unknown notebook(s): {', '.join(unknown)}; choose from {', '.join(NOTEBOOKS + SOLUTIONS)}")
    total = 0.0
    for name in names:
        seconds = refresh(name)
        total += seconds
        print(f"{name}: {seconds:.0f} s")
    print(f"refreshed {len(names)} notebook(s) in {total:.0f} s")


if __name__ == "__main__":
    main(sys.argv[1:])
