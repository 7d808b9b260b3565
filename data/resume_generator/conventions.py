"""Resume conventions: who writes them (Faker locales), which sections in which order, which occupations.

A convention is the tradition a resume follows: a US resume, a UK CV, a European
(Europass-style) CV, an Indian CV, an academic CV, a graduate's resume or an executive's.
It decides the person's locale, the sections and their order, and which occupations are
likely: an academic CV comes from an occupation of O*NET job zone 5, an executive's from
management, an Indian job-site resume more often from IT, office, finance or engineering.
"""

from __future__ import annotations

import random

from .occupations import Occupation, draw_weight

# Convention -> Faker locales of the people who write it (weighted by repetition).
LOCALES = {
    "us": ["en_US"] * 5 + ["en_CA"],
    "uk": ["en_GB"] * 4 + ["en_IE", "en_AU"],
    "europe": ["de_DE", "fr_FR", "nl_NL", "es_ES", "pl_PL"],
    "india": ["en_IN"],
    "academic": ["en_US", "en_GB", "en_IN", "de_DE", "fr_FR", "en_AU", "pl_PL"],
    "graduate": ["en_US", "en_GB", "en_IN", "en_AU", "en_CA", "en_IN"],
    "executive": ["en_US", "en_GB", "en_AU", "en_IN", "de_DE"],
}
WEIGHTS = {"us": 20, "uk": 14, "europe": 10, "india": 24, "academic": 8, "graduate": 14, "executive": 10}
# Which convention's degree names and spelling a locale uses.
SPELLING = {"en_US": "us", "en_CA": "us", "en_IN": "india", "en_GB": "uk", "en_IE": "uk", "en_AU": "uk"}
# Indian job-site resumes come far more often from IT, BPO and office, finance, engineering,
# sales and teaching than US employment shares say, and rarely from manual trades.
INDIA_FAMILY_TILT = {"15": 6.0, "43": 3.0, "13": 3.0, "17": 2.5, "41": 2.0, "11": 1.5, "25": 1.5, "29": 1.2}
INDIA_OTHER_TILT = 0.4

# Convention -> [(label, probability)], in the order the sections appear.
SECTION_PLAN = {
    "us": [
        ("Contact Information", 1),
        ("Summary", 0.8),
        ("Work Experience", 1),
        ("Projects", 0.5),
        ("Education", 1),
        ("Skills", 0.95),
        ("Certifications", 0.7),
        ("Awards", 0.65),
    ],
    "uk": [
        ("Contact Information", 1),
        ("Summary", 0.85),
        ("Work Experience", 1),
        ("Education", 1),
        ("Skills", 0.9),
        ("Certifications", 0.7),
        ("Projects", 0.45),
        ("Awards", 0.6),
    ],
    "europe": [
        ("Contact Information", 1),
        ("Summary", 0.7),
        ("Work Experience", 1),
        ("Education", 1),
        ("Skills", 0.95),
        ("Certifications", 0.6),
        ("Projects", 0.45),
        ("Awards", 0.55),
    ],
    "india": [
        ("Contact Information", 1),
        ("Summary", 0.9),
        ("Education", 1),
        ("Skills", 0.95),
        ("Work Experience", 0.85),
        ("Projects", 0.75),
        ("Certifications", 0.7),
        ("Awards", 0.75),
    ],
    "academic": [
        ("Contact Information", 1),
        ("Summary", 0.55),
        ("Education", 1),
        ("Work Experience", 1),
        ("Projects", 0.95),
        ("Awards", 0.95),
        ("Skills", 0.7),
        ("Certifications", 0.45),
    ],
    "graduate": [
        ("Contact Information", 1),
        ("Summary", 0.75),
        ("Education", 1),
        ("Projects", 0.95),
        ("Work Experience", 0.8),
        ("Skills", 1),
        ("Certifications", 0.7),
        ("Awards", 0.75),
    ],
    "executive": [
        ("Contact Information", 1),
        ("Summary", 1),
        ("Work Experience", 1),
        ("Education", 1),
        ("Skills", 0.8),
        ("Awards", 0.6),
        ("Certifications", 0.5),
        ("Projects", 0.45),
    ],
}


def eligible(convention: str, occ: Occupation) -> bool:
    if convention == "academic":
        return occ.job_zone == 5 and occ.family in ("15", "17", "19", "25", "29")
    if convention == "executive":
        return occ.family == "11" and occ.job_zone >= 4
    if convention == "graduate":
        return occ.job_zone >= 3
    return True


def occupation_weight(convention: str, occ: Occupation) -> float:
    if not eligible(convention, occ):
        return 0.0
    tilt = INDIA_FAMILY_TILT.get(occ.family, INDIA_OTHER_TILT) if convention == "india" else 1.0
    return draw_weight(occ) * tilt


def draw_convention(rng: random.Random) -> tuple[str, str]:
    """(convention, locale)."""
    convention = rng.choices(list(WEIGHTS), weights=list(WEIGHTS.values()))[0]
    return convention, rng.choice(LOCALES[convention])


def draw_occupation(rng: random.Random, convention: str, occupations: tuple[Occupation, ...]) -> Occupation:
    return rng.choices(occupations, weights=[occupation_weight(convention, o) for o in occupations])[0]
