"""App layer: the repository's folders (sample data, check sets, notebooks), found when the package runs from a clone."""

from pathlib import Path

from ..errors import DataError


def repository() -> Path | None:
    """The clone this package came from (an editable install), or the clone around the working folder; None if neither."""
    here = Path(__file__).resolve().parents[2]
    for candidate in (here, *([Path.cwd()] + list(Path.cwd().parents))):
        if (candidate / "data" / "resume_chunks.csv").is_file() and (candidate / "notebooks").is_dir():
            return candidate
    return None


def repository_path(*parts: str, needed_for: str) -> Path:
    """`parts` inside the repository, or a one-line error saying that `needed_for` needs a clone."""
    repo = repository()
    if repo is None:
        raise DataError(
            f"{needed_for} needs the resume-bert repository ({'/'.join(parts)}); "
            f"run it inside a clone, or pass the file or folder yourself"
        )
    return repo.joinpath(*parts)


def development_path() -> Path | None:
    """The real-resume development set (`data/real_dev_chunks.csv`), which may guide choices; None outside a clone."""
    repo = repository()
    return repo / "data" / "real_dev_chunks.csv" if repo is not None else None


def check_sets() -> dict[str, Path]:
    """The labelled check sets kept out of training (`data/*_chunks.csv`), name → path; empty outside a clone."""
    repo = repository()
    if repo is None:
        return {}
    # holdout: written by hand after the generator was finished; real_holdout: chunks of real resumes.
    return {"holdout": repo / "data" / "holdout_chunks.csv", "real_holdout": repo / "data" / "real_holdout_chunks.csv"}
