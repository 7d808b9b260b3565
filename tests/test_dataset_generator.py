"""The sample data: the generator rewrites the committed CSV byte for byte, and the CSV keeps its promises."""

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
CSV = DATA / "resume_chunks.csv"
LABELS = {"Contact Information", "Summary", "Work Experience", "Education", "Skills",
          "Projects", "Certifications", "Awards"}

sys.path.insert(0, str(DATA))
from make_resume_chunks import is_header_line  # noqa: E402


@pytest.fixture(scope="module")
def chunks() -> pd.DataFrame:
    return pd.read_csv(CSV, dtype=str, keep_default_na=False)


def test_generator_rewrites_committed_csv_byte_for_byte(tmp_path):
    pytest.importorskip("faker")  # pinned in the `test` extra: its output changes between versions
    out = tmp_path / "chunks.csv"
    # Another time zone and hash seed than the test process's: neither may change a byte.
    env = {**os.environ, "TZ": "Asia/Kolkata", "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, str(DATA / "make_resume_chunks.py"), "--output", str(out)],
                   check=True, capture_output=True, text=True, env=env)
    assert out.read_bytes() == CSV.read_bytes(), (
        "data/make_resume_chunks.py no longer reproduces data/resume_chunks.csv; "
        "regenerate it and update data/README.md (python data/describe_dataset.py)")


@pytest.fixture
def time_zone():
    """Switch the process's local time zone (TZ + tzset) and restore it afterwards."""
    before = os.environ.get("TZ")

    def switch(name: str) -> None:
        os.environ["TZ"] = name
        time.tzset()

    yield switch
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


# Far-apart days, late in the evening, in zones up to 14 hours either side of UTC: a date
# read from the clock (local or UTC) differs between any two of these.
CLOCKS = [("2026-01-01 23:30", "Pacific/Kiritimati"), ("2031-06-15 23:30", "America/Adak"),
          ("2029-02-28 12:00", "UTC")]


@pytest.mark.parametrize("moment, zone", CLOCKS)
def test_generator_output_ignores_clock_and_time_zone(moment, zone, time_zone, tmp_path):
    pytest.importorskip("faker")
    time_machine = pytest.importorskip("time_machine")
    import make_resume_chunks

    time_zone(zone)
    with time_machine.travel(moment, tick=False):  # naive moment: local time in `zone`
        rows = make_resume_chunks.generate()
    out = tmp_path / "chunks.csv"
    make_resume_chunks.write_csv(rows, out)
    assert out.read_bytes() == CSV.read_bytes(), f"generator output changed at {moment} in {zone}"


def test_columns_labels_and_size(chunks):
    assert list(chunks.columns) == ["text", "label", "resume_id"]
    assert set(chunks["label"]) == LABELS
    assert 2000 <= len(chunks) <= 3000
    assert (chunks["text"].str.strip() != "").all()


def test_label_shares_between_8_and_20_percent(chunks):
    shares = chunks["label"].value_counts(normalize=True)
    assert shares.between(0.08, 0.20).all(), shares.to_dict()


def test_at_most_a_third_of_chunks_carry_a_header(chunks):
    assert chunks["text"].map(lambda t: is_header_line(t.split("\n")[0])).mean() <= 1 / 3


def test_every_row_has_a_resume_id_and_resumes_have_several_sections(chunks):
    assert chunks["resume_id"].str.fullmatch(r"R\d{4}").all()
    assert chunks.groupby("resume_id").size().min() >= 3


def test_emails_use_example_domains_only(chunks):
    domains = set(re.findall(r"[\w.+-]+@([\w.-]+)", "\n".join(chunks["text"])))
    assert domains <= {"example.com", "example.org", "example.net"}, domains


def test_sample_resumes_exist():
    resumes = sorted((DATA / "sample_resumes").glob("*.txt"))
    assert 3 <= len(resumes) <= 5
    for path in resumes:
        assert len(path.read_text(encoding="utf-8").splitlines()) > 10, path
