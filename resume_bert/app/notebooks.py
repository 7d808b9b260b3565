"""App layer: execute the tutorial notebooks in order with papermill (`make tutorial`, `resume-bert run-notebooks`)."""

import ast
import os
from pathlib import Path

from ..errors import ParameterError
from .paths import repository_path

NOTEBOOKS = (
    "01_data_preparation.ipynb",
    "02_tokenization.ipynb",
    "03_training.ipynb",
    "04_evaluation.ipynb",
    "05_inference.ipynb",
    "06_resume_files.ipynb",
    "07_your_own_resumes.ipynb",
)


def parse_value(text: str):
    """Read a command-line parameter as a Python literal when it is one ("3", "None", "1e-4"), else as text."""
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return {"true": True, "false": False, "null": None, "none": None}.get(text.lower(), text)


def run_notebooks(
    output_dir: str | os.PathLike | None = None,
    parameters: dict | None = None,
    notebook_dir: str | os.PathLike | None = None,
    executed_dir: str | os.PathLike | None = None,
    notebooks=NOTEBOOKS,
    progress: bool = True,
) -> list[Path]:
    """Run `notebooks` in order with the same parameters; return the executed copies' paths.

    Notebooks run inside `notebook_dir`, as in Jupyter, so their default paths need no parameters;
    each gets only the parameters its `parameters` cell declares.
    """
    import papermill as pm

    notebook_dir = Path(notebook_dir) if notebook_dir else repository_path("notebooks", needed_for="run-notebooks")
    sources = [notebook_dir / name for name in notebooks]
    for source in sources:
        if not source.exists():
            raise ParameterError(f"notebook not found: {source}; run from the repository or pass --notebooks-dir")
    declared = {source: set(pm.inspect_notebook(str(source))) for source in sources}  # each `parameters` cell's names
    parameters = dict(parameters or {})
    unknown = set(parameters) - set().union(*declared.values())
    if unknown:
        raise ParameterError(
            f"unknown notebook parameter(s): {', '.join(sorted(unknown))}; see the notebooks' parameters cells"
        )
    # Paths given on the command line are relative to the caller's folder, not notebooks/.
    for name in ("data_path", "output_dir", "input_csv", "resume_dir"):
        if isinstance(parameters.get(name), str):
            parameters[name] = os.path.abspath(parameters[name])
    model = parameters.get("model_name_or_path")
    if isinstance(model, str) and os.path.isdir(model):  # a local model folder; hub ids stay as they are
        parameters["model_name_or_path"] = os.path.abspath(model)
    if output_dir is not None:
        parameters["output_dir"] = os.path.abspath(output_dir)
    root = Path(os.path.normpath(parameters.get("output_dir", notebook_dir / "../artifacts")))
    executed_dir = Path(executed_dir) if executed_dir else root / "executed"
    executed_dir.mkdir(parents=True, exist_ok=True)
    executed = []
    for source in sources:
        target = executed_dir / source.name
        pm.execute_notebook(
            str(source),
            str(target),
            cwd=str(notebook_dir),
            progress_bar=progress,
            kernel_name="python3",
            parameters={k: v for k, v in parameters.items() if k in declared[source]},
        )
        executed.append(target)
    return executed
