"""A resume's typography, drawn once per resume: date format, range separator, "Present" word, bullet glyph."""

from __future__ import annotations

import random
from dataclasses import dataclass

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
DATE_STYLES = ["Mon YYYY", "Month YYYY", "MM/YYYY", "YYYY", "Mon. YYYY", "MM.YYYY", "YYYY-MM", "Mon 'YY"]
RANGE_SEPARATORS = [" – ", " - ", " to ", "–", " — ", " -- "]
PRESENT_WORDS = {
    "india": ["Till date", "till date", "Present", "Current", "Till Date", "to date"],
    "other": ["Present", "Present", "present", "Current", "Now", "to date", "Ongoing"],
}
BULLETS = ["•", "-", "*", "·", "–", "▪", "o", "➢", "►", "✓", "❖", "1."]


@dataclass
class Style:
    date_style: str
    range_sep: str
    present: str
    bullet: str

    @classmethod
    def draw(cls, rng: random.Random, convention: str) -> Style:
        return cls(
            rng.choice(DATE_STYLES),
            rng.choice(RANGE_SEPARATORS),
            rng.choice(PRESENT_WORDS["india" if convention == "india" else "other"]),
            rng.choice(BULLETS),
        )

    def date(self, year: int, month: int, style: str | None = None) -> str:
        mon = MONTHS[month - 1]
        return {
            "Mon YYYY": f"{mon[:3]} {year}",
            "Month YYYY": f"{mon} {year}",
            "MM/YYYY": f"{month:02d}/{year}",
            "YYYY": str(year),
            "Mon. YYYY": f"{mon[:3]}. {year}",
            "MM.YYYY": f"{month:02d}.{year}",
            "YYYY-MM": f"{year}-{month:02d}",
            "Mon 'YY": f"{mon[:3]} '{year % 100:02d}",
        }[style or self.date_style]

    def span(self, start: tuple[int, int], end: tuple[int, int] | None, style: str | None = None) -> str:
        end_text = self.present if end is None else self.date(*end, style=style)
        return f"{self.date(*start, style=style)}{self.range_sep}{end_text}"

    def bulletise(self, lines: list[str], rng: random.Random, glyph: str | None = None) -> str:
        """Lines with a bullet glyph, numbers ("1.", "2)", "(3)") or nothing ("")."""
        glyph = self.bullet if glyph is None else glyph
        if glyph == "1.":
            fmt = rng.choice(["{i}. {t}", "{i}) {t}", "({i}) {t}"])
            return "\n".join(fmt.format(i=i + 1, t=t) for i, t in enumerate(lines))
        if glyph == "":
            return "\n".join(lines)
        return "\n".join(f"{glyph} {t}" for t in lines)
