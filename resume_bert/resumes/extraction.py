"""Read the text of a resume file (PDF, DOCX or TXT) line by line, as notebook 05 does.

The same extractor turns the generated training resumes into text (data/), so the model
learns from the artefacts it will meet on users' files: flattened tables, interleaved
columns, headings split from their bodies.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import DataError

SUFFIXES = (".pdf", ".docx", ".txt")


class TooManyPages(DataError):
    """A PDF longer than the `max_pages` a caller allows."""


@dataclass(frozen=True)
class Line:
    """One line of extracted text, with where it came from (page 1 for DOCX and TXT) and how it looks.

    `column`: the column (text block) of its page the line is in, counted in reading order;
    `bbox`: (x0, top, x1, bottom) in points from the page's top left (PDF only);
    `bold`, `large` (larger than the body text) and `upper` (upper-case or small capitals)
    are what a heading looks like. `upper` is worked out from the text when not given.
    """

    text: str
    page: int
    line: int
    column: int = 1
    bbox: tuple[float, float, float, float] | None = None
    bold: bool = False
    large: bool = False
    upper: bool | None = None

    def __post_init__(self):
        if self.upper is None:
            object.__setattr__(self, "upper", is_upper(self.text))


def is_upper(text: str) -> bool:
    """Whether a text has at least two letters and all of them are capitals."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def extract_lines(path: str | os.PathLike, max_pages: int | None = None) -> list[Line]:
    """The non-blank lines of a PDF, DOCX or TXT file in reading order (notebook 05).

    `max_pages` refuses longer PDFs before reading their text (a service's guard).
    """
    path = Path(path)
    if not path.is_file():
        raise DataError(f"resume file not found: {path}; check the path")
    suffix = path.suffix.lower()
    from .docx_reader import docx_lines
    from .pdf_reader import pdf_lines

    if suffix == ".pdf":
        lines = pdf_lines(path, max_pages)
    elif suffix == ".docx":
        lines = docx_lines(path)
    elif suffix == ".txt":
        lines = [Line(text.rstrip(), 1, number)
                 for number, text in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1)
                 if text.strip()]
    else:
        raise DataError(f"{path.name}: unsupported file type {suffix or '(none)'}; use a PDF, DOCX or TXT file")
    if not lines:
        raise DataError(f"{path.name} has no text to read (a scanned PDF needs OCR first)")
    return lines


def extract_text(path: str | os.PathLike) -> str:
    """The whole text of a resume file, one extracted line per line."""
    return "\n".join(line.text for line in extract_lines(path))
