"""Section headers: the wordings, their typography, and how to recognise one at the top of a chunk."""

from __future__ import annotations

import random
import re

from . import phrases

# Every header wording the generator can print, English and local-language, lower-cased.
KNOWN_HEADERS = {h.lower() for hs in phrases.HEADERS.values() for h in hs} | {
    h.lower() for by_label in phrases.LOCAL_HEADERS.values() for hs in by_label.values() for h in hs
}


def is_header_line(line: str) -> bool:
    """True when a chunk's first line is one of the known section headers (any styling)."""
    cleaned = line.strip().strip(":_-=■|").strip()
    letter = r"(?:[^\W\d_]|&)"  # any letter, accented ones included ("F Ä H I G K E I T E N")
    if re.fullmatch(rf"(?:{letter} ){{3,}}{letter}", cleaned):  # "E D U C A T I O N"
        cleaned = cleaned.replace(" ", "")
        return any(cleaned.lower() == h.replace(" ", "") for h in KNOWN_HEADERS)
    return cleaned.lower() in KNOWN_HEADERS


def format_header(rng: random.Random, label: str, word: str | None = None) -> str:
    """A header in one of the stylings resumes use: ALL CAPS, Title Case, a colon, underlined, letter-spaced."""
    word = word or rng.choice(phrases.HEADERS[label])
    style = rng.randint(0, 9)
    if style <= 3:
        return word.upper()
    if style <= 5:
        return word
    if style == 6:
        return word + ":"
    if style == 7:
        return f"{word.upper()}\n{rng.choice(['-', '_', '=']) * len(word)}"
    if style == 8:
        return rng.choice(["■ ", "| ", ""]) + word.upper()
    return " ".join(word.upper().replace(" ", "")) if len(word) < 14 and word.isalpha() else word.upper()


def header_word(rng: random.Random, locale: str, hint: dict[str, str], label: str) -> str | None:
    """A section's own header wording when it asked for one, else a local-language one half the time."""
    if label in hint and rng.random() < 0.7:
        return hint[label]
    local = phrases.LOCAL_HEADERS.get(locale)
    if local and rng.random() < 0.5:
        return rng.choice(local[label])
    return None  # format_header draws an English wording
