"""resume_bert: the helper package behind the resume-bert tutorial notebooks."""

__version__ = "0.1.0"

import logging as _logging

from .errors import DataError, ModelError, ParameterError, ResumeBertError

__all__ = ["__version__", "DataError", "ModelError", "ParameterError", "ResumeBertError"]

# Warnings such as "max_length is more than the model takes" must be seen in notebooks and
# terminals without any logging set-up; a user-configured handler takes precedence.
_logger = _logging.getLogger("resume_bert")
if not _logger.handlers:
    _handler = _logging.StreamHandler()
    _handler.setFormatter(_logging.Formatter("%(levelname)s resume_bert: %(message)s"))
    _logger.addHandler(_handler)
    _logger.setLevel(_logging.INFO)
