"""Read the text of a resume file (PDF, DOCX or TXT) line by line, as notebook 05 does.

The same extractor turns the generated training resumes into text (data/), so the model
learns from the artefacts it will meet on users' files: flattened tables, interleaved
columns, headings split from their bodies.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import DataError, first_line

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
    if suffix == ".pdf":
        pages = _pdf_pages(path, max_pages)
    elif suffix == ".docx":
        pages = [_docx_text(path)]
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


def _pdf_pages(path: Path, max_pages: int | None = None) -> list[str]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        with pdfplumber.open(path) as pdf:
            if max_pages is not None and len(pdf.pages) > max_pages:
                raise TooManyPages(f"{path.name} has {len(pdf.pages)} pages, more than the {max_pages} allowed; "
                                "send the resume pages only")
            # pdfplumber's default reading order, as a user's PDF would come out of it:
            # columns interleave and table cells land on lines of their own.
            return [page.extract_text() or "" for page in pdf.pages]
    except DataError:
        raise
    except Exception as err:  # pdfminer raises many types for damaged files
        # pdfplumber wraps pdfminer's errors: look inside for a wrong password.
        if any(isinstance(e, PDFPasswordIncorrect) for e in (err, err.__context__, *err.args)):
            raise DataError(f"{path.name} is an encrypted PDF; save an unprotected copy") from None
        raise DataError(f"{path.name} is not a readable PDF ({first_line(err)}); export it again") from None


def _docx_text(path: Path) -> str:
    import zipfile

    import docx

    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as err:
        raise DataError(f"{path.name} is not a readable DOCX file ({first_line(err)}); save it again from Word") from None
    lines: list[str] = []
    # Body paragraphs and tables in document order; a table cell becomes a line of its own,
    # as PDF extraction flattens tables.
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append("".join(_run_text(node) for node in block.iter()))
        elif tag == "tbl":
            for row in docx.table.Table(block, document).rows:
                seen = []
                for cell in row.cells:  # merged cells repeat: keep each once
                    if cell._tc not in seen:
                        seen.append(cell._tc)
                        lines.extend(cell.text.splitlines())
    return "\n".join(lines)


def _run_text(node) -> str:
    """A paragraph node's text: tabs and line breaks count, or the words either side would run together."""
    tag = node.tag.rsplit("}", 1)[-1]
    if tag == "t":
        return node.text or ""
    if not node.getparent().tag.endswith("}r"):  # tab stops in paragraph properties are not text
        return ""
    return {"tab": "\t", "br": "\n", "cr": "\n"}.get(tag, "")
