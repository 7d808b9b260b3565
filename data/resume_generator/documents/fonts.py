"""Bitstream Vera, which ships inside reportlab, so every machine draws with the same metrics."""

from __future__ import annotations

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

# Invariant mode: no creation date or random document id in a PDF, so files match byte for byte.
rl_config.invariant = 1
pdfmetrics.registerFont(TTFont("Vera", "Vera.ttf"))
pdfmetrics.registerFont(TTFont("VeraBd", "VeraBd.ttf"))
REGULAR, BOLD = "Vera", "VeraBd"
_GLYPHS = set(TTFont("Vera", "Vera.ttf").face.charToGlyph)
# Symbol-font bullets come out of real PDFs as the Latin letters at their code points.
_SYMBOL_FALLBACK = {
    "➢": "Ø",
    "►": "Ø",
    "✓": "ü",
    "▪": "§",
    "❖": "v",
    "★": "*",
    "☆": "",
    "●": "l",
    "○": "o",
    "■": "§",
    "□": "o",
    "⋄": "|",
    "₹": "Rs.",
    "\uf0b7": "•",
}


def printable(text: str) -> str:
    """Replace glyphs the font lacks the way symbol fonts come out of real PDFs."""
    text = text.replace("\t", "    ")  # a tab stop, drawn as space (Vera has no tab glyph)
    return "".join(ch if ord(ch) in _GLYPHS else _SYMBOL_FALLBACK.get(ch, "") for ch in text)


def fitted(text: str, font: str, size: float, width: float) -> float:
    """The font size at which a line too long to wrap (a long e-mail or URL) still fits its column."""
    wide = pdfmetrics.stringWidth(text, font, size)
    return size if wide <= width else max(3.0, size * width / wide * 0.98)
