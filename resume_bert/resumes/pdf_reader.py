"""Read a PDF resume line by line in the order a person reads it: columns first, then lines (notebook 06)."""

import os
import re
from collections import Counter
from pathlib import Path
from statistics import median

from ..errors import DataError, first_line
from .lines import LARGE, Line, TooManyPages, is_upper
from .reading_order import Box, reading_blocks
from .sources import display_name, without_paths

_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi|extrabold|,b$", re.IGNORECASE)
_SMALL_CAPS_FONT = re.compile(r"smallcaps|small-caps|[-_ ]sc$|sc$|caps", re.IGNORECASE)


def pdf_lines(source, max_pages: int | None = None, name: str | None = None, layout: bool = True) -> list[Line]:
    """The non-blank lines of a PDF (a path or a binary file object), in reading order.

    `layout=False` reads each page as pdfplumber's `extract_text` does, columns interleaved line by line
    (the generated training data is read that way).
    """
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    name = display_name(source, name, "upload.pdf")
    if isinstance(source, (str, os.PathLike)):
        source = Path(source)
    try:
        with pdfplumber.open(source) as pdf:
            if max_pages is not None and len(pdf.pages) > max_pages:
                raise TooManyPages(
                    f"{name} has {len(pdf.pages)} pages, more than the {max_pages} allowed; send the resume pages only"
                )
            has_text = False
            pages = []
            for number, page in enumerate(pdf.pages, start=1):
                has_text = has_text or any(c["text"].strip() for c in page.chars)
                pages.append(_page_lines(page, number) if layout else _plain_page_lines(page, number))
    except DataError:
        raise
    except Exception as err:  # pdfminer raises many types for damaged files
        # pdfplumber wraps pdfminer's errors: look inside for a wrong password.
        if any(isinstance(e, PDFPasswordIncorrect) for e in (err, err.__context__, *err.args)):
            raise DataError(f"{name} is an encrypted PDF; save an unprotected copy") from None
        raise DataError(
            f"{name} is not a readable PDF ({without_paths(first_line(err), source, name)}); export it again"
        ) from None
    if not has_text:
        raise DataError(
            f"{name} has no text layer (a scanned or image-only PDF); "
            "run it through OCR (for example ocrmypdf) and send the result"
        )
    lines = [line for page in pages for line in page]
    return _mark_large(lines) if layout else lines


def pdf_pages(source, max_pages: int | None = None, name: str | None = None, layout: bool = True) -> list[str]:
    """Each page's text, its lines in reading order (see `pdf_lines`)."""
    lines = pdf_lines(source, max_pages, name, layout)
    pages = max((line.page for line in lines), default=0)
    return ["\n".join(line.text for line in lines if line.page == p) for p in range(1, pages + 1)]


def _plain_page_lines(page, number: int) -> list[Line]:
    return [
        Line(text.rstrip(), number, k)
        for k, text in enumerate((page.extract_text() or "").splitlines(), start=1)
        if text.strip()
    ]


def _page_lines(page, number: int) -> list[tuple[Line, list[float]]]:
    """A page's lines with their characters' sizes: words grouped into columns, each column's words
    into lines as pdfplumber's `extract_text` joins them."""
    from pdfplumber.utils.text import WordMap

    words = page.extract_words(return_chars=True)
    boxes = [Box(w["x0"], w["top"], w["x1"], w["bottom"], w["text"]) for w in words]
    blocks = reading_blocks(boxes, float(page.width), _filled_rects(page))
    lines, k = [], 0
    for column, block in enumerate(blocks, start=1):
        tuples = [({key: v for key, v in words[i].items() if key != "chars"}, words[i]["chars"]) for i in block]
        for row in WordMap(tuples).to_textmap().extract_text_lines(strip=True, return_chars=True):
            if not row["text"].strip():
                continue
            chars = [c for c in row["chars"] if c["text"].strip()]
            k += 1
            fonts = [c.get("fontname") or "" for c in chars]
            bold = sum(bool(_BOLD_FONT.search(f.split("+")[-1])) for f in fonts) >= 0.6 * max(len(fonts), 1)
            small_caps = sum(bool(_SMALL_CAPS_FONT.search(f.split("+")[-1])) for f in fonts) >= 0.6 * max(len(fonts), 1)
            box = tuple(round(float(row[key]), 1) for key in ("x0", "top", "x1", "bottom"))
            upper = is_upper(row["text"]) or small_caps
            line = Line(row["text"].rstrip(), number, k, column, box, bold, large=False, upper=upper)
            lines.append((line, [round(float(c["size"]) * 2) / 2 for c in chars]))
    return lines


def _mark_large(page_lines: list) -> list[Line]:
    """Set `large` on lines whose text is larger than the body text of the whole document."""
    sizes = Counter(s for _, line_sizes in page_lines for s in line_sizes)
    body = sizes.most_common(1)[0][0] if sizes else 0
    out = []
    for line, line_sizes in page_lines:
        large = bool(line_sizes) and body > 0 and median(line_sizes) >= LARGE * body
        out.append(Line(line.text, line.page, line.line, line.column, line.bbox, line.bold, large, line.upper))
    return out


def _filled_rects(page) -> list[Box]:
    """Filled, non-white rectangles: where a shaded sidebar may be."""
    return [
        Box(float(r["x0"]), float(r["top"]), float(r["x1"]), float(r["bottom"]))
        for r in page.rects
        if r.get("fill") and not _is_white(r.get("non_stroking_color"))
    ]


def _is_white(colour) -> bool:
    """True for no colour too: nothing to shade."""
    if colour is None:
        return True
    values = colour if isinstance(colour, (tuple, list)) else (colour,)
    try:
        values = [float(v) for v in values]
    except (TypeError, ValueError):  # a pattern colour: treat it as a shade
        return False
    if len(values) == 4:  # CMYK: white is no ink
        return all(v <= 0.02 for v in values)
    return all(v >= 0.98 for v in values)
