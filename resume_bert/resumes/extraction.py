"""Read the text of a resume file (PDF, DOCX or TXT) line by line, in reading order, as notebook 06 does.

The generated training resumes are read back with the same readers (data/render_resumes.py), so the model
learns from the artefacts of real files. The limits below are checked before a reader builds pages or inflates a Word file.
"""

import io
import os
import zipfile
from pathlib import Path
from typing import BinaryIO

from ..errors import DataError, first_line
from .docx_reader import docx_lines
from .lines import Line, TooLarge, TooManyPages, UnsupportedFile
from .pdf_reader import pdf_lines

SUFFIXES = (".pdf", ".docx", ".txt")
# What a Word file may unpack to, all its parts together: resumes with photos unpack to a
# few MB, a zip bomb to gigabytes from a few kB.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
# Readers accept a PDF header anywhere in the first kilobyte (junk before it is common).
PDF_HEADER_WINDOW = 1024

Source = str | os.PathLike | bytes | BinaryIO


def extract_lines(
    source: Source, max_pages: int | None = None, name: str | None = None, max_unpacked_bytes: int = MAX_UNPACKED_BYTES
) -> list[Line]:
    """The non-blank lines of a PDF, DOCX or TXT file in reading order (notebook 06).

    `source` is a path (its suffix says its type) or the file's bytes or a binary file object (its first
    bytes say its type); `name` is what error messages call it.
    """
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        if not path.is_file():
            raise DataError(f"resume file not found: {path}; check the path")
        name, suffix = name or path.name, path.suffix.lower()
        if suffix not in SUFFIXES:
            raise UnsupportedFile(f"{name}: unsupported file type {suffix or '(none)'}; use a PDF, DOCX or TXT file")
        kind = suffix[1:]
        if kind == "txt":
            lines = text_lines(path.read_text(encoding="utf-8", errors="replace"))
        else:
            with path.open("rb") as stream:
                lines = _read(kind, stream, name, max_pages, max_unpacked_bytes)
    else:
        data = bytes(source) if isinstance(source, (bytes, bytearray, memoryview)) else source.read()
        name = name or "the file"
        kind = type_by_content(data, name)
        if kind == "txt":
            lines = text_lines(data.decode("utf-8-sig"))
        else:
            lines = _read(kind, io.BytesIO(data), name, max_pages, max_unpacked_bytes)
    if not lines:
        raise DataError(f"{name} has no text to read (a scanned PDF needs OCR first)")
    return lines


def _read(kind, stream, name, max_pages, max_unpacked_bytes) -> list[Line]:
    """Check a PDF's page count or a Word file's contents, then hand the file to its reader."""
    if kind == "pdf":
        count = pdf_page_count(stream)
        if max_pages is not None and count is not None and count > max_pages:
            raise TooManyPages(
                f"{name} has {count} pages, more than the {max_pages} allowed; send the resume pages only"
            )
        stream.seek(0)
        return pdf_lines(stream, max_pages, name=name)
    check_word_file(stream, name, max_unpacked_bytes)
    stream.seek(0)
    return docx_lines(stream, name=name)


def text_lines(text: str) -> list[Line]:
    """The non-blank lines of a plain-text resume, all on page 1."""
    return [Line(line.rstrip(), 1, number) for number, line in enumerate(text.splitlines(), start=1) if line.strip()]


def type_by_content(data: bytes, name: str) -> str:
    """'pdf', 'docx' or 'txt' by the bytes' signature; the name's suffix only tells text from a damaged file."""
    suffix = Path(name).suffix.lower()
    if b"%PDF-" in data[:PDF_HEADER_WINDOW]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx"  # check_word_file tells a Word file from other zips
    if suffix in (".pdf", ".docx"):
        raise DataError(f"{name} is not a readable {suffix[1:].upper()} file (damaged or mislabelled); export it again")
    if suffix in ("", ".txt", ".text", ".md") and b"\x00" not in data:
        try:
            data.decode("utf-8")
            return "txt"
        except UnicodeDecodeError:
            pass
    raise UnsupportedFile(f"{name} is not a resume file; upload a PDF, DOCX or UTF-8 TXT file")


def check_word_file(stream: BinaryIO, name: str, max_unpacked_bytes: int = MAX_UNPACKED_BYTES) -> None:
    """Refuse a zip that is not a Word document, or whose parts unpack to more than `max_unpacked_bytes`.

    Reads only the zip's directory: for stored and deflated parts, zipfile inflates no more than the declared sizes.
    """
    try:
        with zipfile.ZipFile(stream) as archive:
            entries = archive.infolist()
            unpacked = sum(entry.file_size for entry in entries)
            if unpacked > max_unpacked_bytes:
                raise TooLarge(
                    f"{name} unpacks to {unpacked / 2**20:,.0f} MB, more than the "
                    f"{max_unpacked_bytes / 2**20:,.0f} MB allowed; save it without embedded files"
                )
            if any(entry.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) for entry in entries):
                # bzip2 and lzma inflate a whole read at once, past any declared size: Word uses neither
                raise UnsupportedFile(
                    f"{name} is a zip archive compressed in a way Word files are not; save it again from Word"
                )
            types = next((e for e in entries if e.filename == "[Content_Types].xml"), None)
            content_types = archive.read(types) if types is not None and types.file_size < 2**20 else b""
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError) as err:
        raise DataError(f"{name} is not a readable DOCX file ({first_line(err)}); save it again from Word") from None
    if b"wordprocessingml.document" not in content_types and b"ms-word.document" not in content_types:
        raise UnsupportedFile(
            f"{name} is a zip archive but not a Word document (a spreadsheet or slides?); "
            "upload a PDF, DOCX or UTF-8 TXT file"
        )


def pdf_page_count(stream: BinaryIO) -> int | None:
    """The page count a PDF's page tree declares, read without building any page (None if it cannot say)."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    try:
        pages = resolve1(PDFDocument(PDFParser(stream)).catalog.get("Pages"))
        count = resolve1(pages.get("Count")) if isinstance(pages, dict) else None
    except Exception:  # damaged or encrypted: the reader says what is wrong with it
        return None
    return count if isinstance(count, int) and count >= 0 else None


def extract_text(source: Source, name: str | None = None) -> str:
    """The whole text of a resume file, one extracted line per line."""
    return "\n".join(line.text for line in extract_lines(source, name=name))
