"""Typos, Indian-English turns and imitated PDF-extraction artefacts, for chunks written as plain text."""

from __future__ import annotations

import random
import re

from . import phrases


def add_noise(rng: random.Random, text: str) -> str:
    """One typo or extraction artefact: a ligature, a broken hyphenation, a page footer, a private-use bullet."""
    kind = rng.choice(["typo", "typo", "ligature", "hyphen", "spaces", "page", "glyph", "mojibake"])
    if kind == "typo":
        words = list(re.finditer(r"(?<![\w@./])[a-z]{6,}(?![\w@./])", text))
        if words:
            m = rng.choice(words)
            w, i = m.group(), rng.randint(1, len(m.group()) - 3)
            w = rng.choice([w[:i] + w[i + 1] + w[i] + w[i + 2 :], w[:i] + w[i + 1 :], w[:i] + w[i] + w[i:]])
            text = text[: m.start()] + w + text[m.end() :]
    elif kind == "ligature":
        text = text.replace("fi", "ﬁ").replace("fl", "ﬂ")
    elif kind == "hyphen":
        words = list(re.finditer(r"(?<![\w@./])[a-z]{9,}(?![\w@./])", text))
        if words:
            m = rng.choice(words)
            cut = len(m.group()) // 2
            text = text[: m.start()] + m.group()[:cut] + "-\n" + m.group()[cut:] + text[m.end() :]
    elif kind == "spaces":
        text = re.sub(r" (?=\w)", lambda _: "  " if rng.random() < 0.2 else " ", text)
    elif kind == "page":
        page = f"Page {rng.randint(1, 2)} of {rng.randint(2, 3)}"
        text = f"{text}\n{page}" if rng.random() < 0.5 else f"{page}\n{text}"
    elif kind == "glyph":
        text = re.sub(r"^[•\-*·–▪o➢►✓❖] ", "\uf0b7 ", text, flags=re.M)
        if "\uf0b7" not in text:
            text = text.replace("\n", "\n\uf0b7 ", 1)
    else:
        text = text.replace("–", "â€“").replace("•", "â€¢").replace("’", "â€™")
    return text


def imperfect(rng: random.Random, text: str) -> str:
    """One to three turns of Indian English or common misspellings, each at its first occurrence."""
    for old, new in rng.sample(phrases.IMPERFECT, rng.randint(1, 3)):
        text = text.replace(old, new, 1)
    return text
