"""resume_bert: the helper package behind the resume-bert tutorial notebooks."""

import logging as _logging

from .errors import DataError, ModelError, ParameterError, ResumeBertError

__version__ = "0.1.0"
__all__ = ["__version__", "DataError", "ModelError", "ParameterError", "ResumeBertError"]

# A library leaves where its warnings go to the program: the command line prints them, a
# notebook shows them with `logging.basicConfig()`.
_logging.getLogger("resume_bert").addHandler(_logging.NullHandler())
