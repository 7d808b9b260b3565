"""Exceptions for mistakes a user can fix; the CLI prints them as one line."""


class ResumeBertError(Exception):
    """A user-fixable problem: the message names the problem and the fix."""


class DataError(ResumeBertError, ValueError):
    """The data file or its rows cannot be used as they are."""


class ModelError(ResumeBertError, OSError):
    """A model folder is missing, incomplete or not a classification model."""


class ParameterError(ResumeBertError, ValueError):
    """A parameter value is out of range."""


def first_line(err: BaseException) -> str:
    """The first line of a library's error message (or its type), for a one-line user error."""
    text = str(err).strip()
    return text.splitlines()[0] if text else type(err).__name__
