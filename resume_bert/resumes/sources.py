"""Where a resume file comes from (a path or a binary file object) and the name messages call it."""

import os
from pathlib import Path


def display_name(source, name: str | None = None, default: str = "upload") -> str:
    """The file name shown in messages: `name` if given, else the base name of a path; never a folder."""
    if name:
        return Path(str(name)).name or default
    if isinstance(source, (str, os.PathLike)):
        return Path(source).name
    return Path(str(getattr(source, "name", "") or default)).name


def without_paths(message: str, source, name: str) -> str:
    """A library's message with the file's full path and folder taken out (a server's temporary paths stay private)."""
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        message = message.replace(str(path), name).replace(str(path.resolve()), name)
        message = message.replace(str(path.parent) + os.sep, "").replace(str(path.resolve().parent) + os.sep, "")
    return message
