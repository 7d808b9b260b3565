"""The real-resume check sets are well formed, anonymised and split by resume.

data/real_dev_chunks.csv (development part) and data/real_holdout_chunks.csv (hold-out part)
are built from data/real_resumes/resumes/*.txt by data/real_resumes/build_real_chunks.py.
"""

import re
import subprocess
import sys

import pandas as pd
import pytest
from conftest import REPO
from conftest import SECTION_LABELS as LABELS

PARTS = ["real_dev_chunks.csv", "real_holdout_chunks.csv"]
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Phone numbers that could reach a real person: North American numbers outside 555-01xx,
# Indian mobiles (6-9 after +91), UK mobiles outside 07700 900xxx.
REAL_PHONE = [
    re.compile(r"(?<!\d)(?:\+?1[-. ]?)?\(?[2-9]\d{2}\)?[-. ]?(?!555)\d{3}[-. ]\d{4}(?!\d)"),
    re.compile(r"\+91[-. ]?[6-9]\d{4}[-. ]?\d{5}(?!\d)"),
    re.compile(r"(?<!\d)(?:\+44 ?|0)7(?!700 ?900)\d{3} ?\d{6}(?!\d)"),
]


def read(name):
    return pd.read_csv(REPO / "data" / name, encoding="utf-8", keep_default_na=False, dtype=str)


@pytest.fixture(scope="module")
def parts():
    return {name: read(name) for name in PARTS}


def test_columns_labels_and_text(parts):
    both = pd.concat(parts.values(), ignore_index=True)
    for frame in parts.values():
        assert list(frame.columns) == ["text", "label", "resume_id", "source"]
        assert set(frame["label"]) <= LABELS
    assert set(both["label"]) == LABELS
    assert (both["text"].str.strip() != "").all()
    assert (both["resume_id"] != "").all() and (both["source"] != "").all()
    assert not both["text"].duplicated().any()


def test_size_and_label_coverage(parts):
    both = pd.concat(parts.values(), ignore_index=True)
    assert len(both) >= 300
    counts = both["label"].value_counts()
    assert counts.min() >= 10, counts.to_dict()
    for frame in parts.values():
        assert set(frame["label"]) == LABELS


def test_no_resume_in_both_parts_and_split_follows_the_rule(parts):
    dev, holdout = (set(parts[name]["resume_id"]) for name in PARTS)
    assert dev and holdout and not dev & holdout
    sys.path.insert(0, str(REPO / "data" / "real_resumes"))
    from build_real_chunks import in_dev

    assert all(in_dev(r) for r in dev) and not any(in_dev(r) for r in holdout)


def test_personal_details_are_replaced(parts):
    texts = pd.concat(parts.values())["text"]
    emails = [e for text in texts for e in EMAIL.findall(text)]
    assert emails, "expected e-mail addresses in the contact chunks"
    assert all(re.fullmatch(r"[\w.+-]+@example\.(com|org|net)", e) for e in emails), emails
    phones = [m.group(0) for text in texts for pattern in REAL_PHONE for m in pattern.finditer(text)]
    assert not phones, phones


def test_every_source_is_documented(parts):
    sources = (REPO / "data" / "real_resumes" / "SOURCES.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([\w-]+)` \|", sources, flags=re.M))
    used = set(pd.concat(parts.values())["source"])
    assert used <= documented, sorted(used - documented)


@pytest.mark.subprocess
def test_csvs_are_rebuilt_from_the_transcribed_resumes():
    result = subprocess.run(
        [sys.executable, str(REPO / "data" / "real_resumes" / "build_real_chunks.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
