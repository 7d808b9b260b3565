"""App layer: what a notebook opened alone calls first, to produce the earlier notebooks' outputs it lacks (02–07)."""

from pathlib import Path

from ..modeling import DEFAULT_MODEL
from .artifacts import OutputLayout
from .notebooks import NOTEBOOKS
from .paths import repository_path

# The notebooks whose outputs the later ones read, in order.
STEPS = tuple(name.removesuffix(".ipynb") for name in NOTEBOOKS[:3])


def ensure_earlier_steps(
    output_dir,
    notebook: str,
    *,
    data_path=None,
    model_name_or_path: str = DEFAULT_MODEL,
    max_length: int | None = None,
    seed: int = 42,
) -> list[str]:
    """Produce what the notebooks before `notebook` write, when `output_dir` lacks it; return the steps run.

    A notebook opened alone calls this first: the first missing step and every one after it run with their defaults.
    """
    out = OutputLayout(output_dir)
    stem = notebook.removesuffix(".ipynb")
    earlier = STEPS[: [n.removesuffix(".ipynb") for n in NOTEBOOKS].index(stem)]
    first_missing = next((i for i, name in enumerate(earlier) if not out.done(name)), None)
    if first_missing is None:
        print(f"found the outputs of {', '.join(earlier) or 'no earlier notebook'} in {out.root}")
        return []
    if data_path is None:
        data_path = repository_path("data", "resume_chunks.csv", needed_for="running the earlier notebooks' steps")
    # The steps bring in the training stack (Accelerate, scikit-learn): loaded only when one must run,
    # so that every notebook's first cell does not pay for it.
    from ..training import TrainingConfig
    from .workflow import analyse_tokenization, prepare_data, train_model

    steps = (
        lambda: prepare_data(data_path, output_dir, seed=seed),
        lambda: analyse_tokenization(output_dir, model_name_or_path, max_length),
        lambda: train_model(output_dir, model_name_or_path, TrainingConfig(seed=seed), max_length=max_length),
    )
    runs = dict(zip(STEPS, steps, strict=True))
    names = list(earlier[first_missing:])
    print(
        f"{out.root} lacks the outputs of {names[0]}: running {', '.join(names)} with their defaults "
        f"(data_path {Path(data_path).name}, model_name_or_path {model_name_or_path!r}, seed {seed})"
    )
    for name in names:
        print(f"running {name} ...")
        runs[name]()
    return names
