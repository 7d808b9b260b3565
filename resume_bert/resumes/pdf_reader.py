"""Read the text of a PDF resume page by page (notebook 06)."""

from __future__ import annotations

from pathlib import Path

from ..errors import DataError, first_line
from .extraction import TooManyPages


def pdf_pages(path: Path, max_pages: int | None = None) -> list[str]:
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
