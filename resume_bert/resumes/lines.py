"""A line of a resume file with its layout, and the errors the readers raise: what the readers and the dispatcher share."""

from dataclasses import dataclass

from ..errors import DataError

# A line whose font is this much larger than the body text is set like a heading.
LARGE = 1.12


class TooLarge(DataError):
    """A file, or what it unpacks to, over a limit a caller set."""


class TooManyPages(TooLarge):
    """A PDF longer than the `max_pages` a caller allows."""


class UnsupportedFile(DataError):
    """A file that is none of PDF, DOCX or text."""


@dataclass(frozen=True)
class Line:
    """One line of extracted text, with where it came from (page 1 for DOCX and TXT) and how it looks.

    `column` counts its page's text blocks in reading order; `bbox` is (x0, top, x1, bottom) in points (PDF only);
    `bold`, `large` and `upper` (capitals, worked out from the text when not given) are what a heading looks like.
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
