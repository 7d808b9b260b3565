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
    """One line of extracted text, with where it came from (page 1 for DOCX and TXT)."""

    text: str
    page: int
    line: int


def extract_lines(path: str | os.PathLike, max_pages: int | None = None) -> list[Line]:
    """The non-blank lines of a PDF, DOCX or TXT file in reading order (notebook 05).

    `max_pages` refuses longer PDFs before reading their text (a service's guard).
    """
    path = Path(path)
    if not path.is_file():
        raise DataError(f"resume file not found: {path}; check the path")
    suffix = path.suffix.lower()
    from .docx_reader import docx_text
    from .pdf_reader import pdf_pages

    if suffix == ".pdf":
        pages = pdf_pages(path, max_pages)
    elif suffix == ".docx":
        pages = [docx_text(path)]
    elif suffix == ".txt":
        pages = [path.read_text(encoding="utf-8", errors="replace")]
    else:
        raise DataError(f"{path.name}: unsupported file type {suffix or '(none)'}; use a PDF, DOCX or TXT file")
    lines = [Line(text.rstrip(), page, number)
             for page, page_text in enumerate(pages, start=1)
             for number, text in enumerate(page_text.splitlines(), start=1) if text.strip()]
    if not lines:
        raise DataError(f"{path.name} has no text to read (a scanned PDF needs OCR first)")
    return lines


def extract_text(path: str | os.PathLike) -> str:
    """The whole text of a resume file, one extracted line per line."""
    return "\n".join(line.text for line in extract_lines(path))
