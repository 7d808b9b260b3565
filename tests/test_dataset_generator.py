"""The sample data: the generator rewrites the committed CSV byte for byte, and the CSV keeps its promises."""

import json
import os
import random
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

sys.path.insert(0, str(DATA))
from resume_generator.assemble import MAX_ROWS, MIN_ROWS, N_RESUMES  # noqa: E402
from resume_generator.headers import is_header_line  # noqa: E402
from resume_generator.labels import LABELS  # noqa: E402


@pytest.fixture(scope="module")
def chunks() -> pd.DataFrame:
    return pd.read_csv(CSV, dtype=str, keep_default_na=False)


@pytest.mark.subprocess
def test_generator_rewrites_committed_csv_byte_for_byte_and_the_datasheet_shows_its_forms(tmp_path):
    pytest.importorskip("faker")  # pinned in the `test` extra: its output changes between versions
    out, report = tmp_path / "chunks.csv", tmp_path / "forms.json"
    # Another time zone and hash seed than the test process's: neither may change a byte.
    env = {**os.environ, "TZ": "Asia/Kolkata", "PYTHONHASHSEED": "12345"}
    subprocess.run(
        [sys.executable, str(DATA / "make_resume_chunks.py"), "--output", str(out), "--forms-report", str(report)],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    )
    assert out.read_bytes() == CSV.read_bytes(), (
        "data/make_resume_chunks.py no longer reproduces data/resume_chunks.csv; "
        "regenerate it and update data/README.md (python data/describe_dataset.py, python data/describe_forms.py)"
    )
    import describe_forms

    readme = (DATA / "README.md").read_text(encoding="utf-8")
    tables = describe_forms.blocks(json.loads(report.read_text(encoding="utf-8")))
    assert describe_forms.with_blocks(readme, tables) == readme, (
        "data/README.md's forms tables differ from the generator's; "
        "run python data/describe_forms.py --counts FORMS.json --write-readme"
    )


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
CLOCKS = [("2026-01-01 23:30", "Pacific/Kiritimati"), ("2031-06-15 23:30", "America/Adak"), ("2029-02-28 12:00", "UTC")]


@pytest.mark.parametrize("moment, zone", CLOCKS)
def test_generator_output_ignores_clock_and_time_zone(moment, zone, time_zone, tmp_path):
    pytest.importorskip("faker")
    time_machine = pytest.importorskip("time_machine")
    import make_resume_chunks

    time_zone(zone)
    with time_machine.travel(moment, tick=False):  # naive moment: local time in `zone`
        # The first 40 resumes (rendering them all takes half a minute): rows come out
        # resume by resume, so they are the committed file's first rows, byte for byte.
        rows = make_resume_chunks.generate(n_resumes=40, checked=False)
    out = tmp_path / "chunks.csv"
    make_resume_chunks.write_csv(rows, out)
    assert len(rows) > 200 and CSV.read_bytes().startswith(out.read_bytes()), (
        f"generator output changed at {moment} in {zone}"
    )


def test_the_generator_checks_another_resume_count_against_bounds_scaled_to_it():
    pytest.importorskip("faker")
    import make_resume_chunks
    from resume_generator.assemble import check

    rows = make_resume_chunks.generate(n_resumes=40, checked=False)
    check(rows, n_resumes=40)  # about 300 rows: inside 250-450, the default count's bounds scaled to 40
    with pytest.raises(ValueError, match=f"from {N_RESUMES} resumes; want {MIN_ROWS:,}-{MAX_ROWS:,}"):
        check(rows)


def test_columns_labels_and_size(chunks):
    assert list(chunks.columns) == ["text", "label", "resume_id"]
    assert set(chunks["label"]) == set(LABELS)
    assert MIN_ROWS <= len(chunks) <= MAX_ROWS
    assert chunks["resume_id"].nunique() == N_RESUMES
    assert (chunks["text"].str.strip() != "").all()
    assert CSV.stat().st_size < 10 * 1024 * 1024


def test_label_shares_between_8_and_20_percent(chunks):
    shares = chunks["label"].value_counts(normalize=True)
    assert shares.between(0.08, 0.20).all(), shares.to_dict()


def test_at_most_a_third_of_chunks_carry_a_header(chunks):
    assert chunks["text"].map(lambda t: is_header_line(t.split("\n")[0])).mean() <= 1 / 3


def test_every_row_has_a_resume_id_and_resumes_have_several_sections(chunks):
    assert chunks["resume_id"].str.fullmatch(r"R\d{4}").all()
    assert chunks.groupby("resume_id").size().min() >= 3


def test_no_unfilled_placeholders(chunks):
    assert not chunks["text"].str.contains(r"\{[A-Za-z0-9:]+\}").any()


def test_emails_use_example_domains_only(chunks):
    domains = set(re.findall(r"[\w.+-]+@([\w.-]+)", "\n".join(chunks["text"])))
    assert domains <= {"example.com", "example.org", "example.net"}, domains


# Numbers reserved for fiction or never issued: US/Canada 555-0100 to 0199, UK 07700 900xxx,
# Australia 0491 570 xxx and (02) 5550 xxxx, India "+91 00000 …" (Indian mobiles start with 6-9).
FICTIONAL_PHONE = re.compile(
    r"555[-. ]01\d\d|07700 ?900 ?\d{3}|\+44 (\(0\))?7700 900 ?\d{3}|0491 570 \d{3}|\+61 491 570 \d{3}"
    r"|\(02\) 5550 \d{4}|(\+91[- ]|\(\+91\) )?00000[- ]?\d{5}"
)


def test_phone_numbers_are_fictional(chunks):
    """Every run of digits shaped like a phone number is in a range reserved for fiction."""
    text = "\n".join(chunks["text"])
    numbers = re.findall(
        r"(?<![\w/.-])(?:\+\d{1,2}[ -]?)?(?:\(\+?\d{1,3}\)\s?)?\d{3,5}[-. ]?\d{3}[-. ]?\d{2,5}(?![\w/])", text
    )
    phones = [n for n in numbers if len(re.sub(r"\D", "", n)) >= 10]
    assert phones and all(FICTIONAL_PHONE.search(n) for n in phones), [
        n for n in phones if not FICTIONAL_PHONE.search(n)
    ][:5]


def test_sample_resumes_exist():
    resumes = sorted((DATA / "sample_resumes").glob("*.txt"))
    assert 3 <= len(resumes) <= 5
    for path in resumes:
        assert len(path.read_text(encoding="utf-8").splitlines()) > 10, path


def test_sample_documents_read_back_as_their_plain_text_resumes():
    """The PDF and DOCX samples are drawn from the .txt resumes of the same name (render_resumes.py)."""
    documents = sorted(p for p in (DATA / "sample_resumes").iterdir() if p.suffix in (".pdf", ".docx"))
    assert {p.suffix for p in documents} == {".pdf", ".docx"}
    for path in documents:
        source = set(re.findall(r"\w+", path.with_suffix(".txt").read_text(encoding="utf-8").lower()))
        extracted = set(re.findall(r"\w+", "\n".join(line.text for line in extract_lines(path)).lower()))
        assert len(source - extracted) <= 0.02 * len(source), (path.name, sorted(source - extracted)[:10])


# ---------- the document route: render, extract, cut back into chunks ----------
from resume_bert.resumes.extraction import extract_lines  # noqa: E402


@pytest.fixture(scope="module")
def render():
    """The generator's renderer: PDF and DOCX layouts, and the route back to labelled chunks."""
    pytest.importorskip("reportlab")  # pinned in the `test` extra
    from types import SimpleNamespace

    from resume_generator.documents import chunks, pdf, source, word

    return SimpleNamespace(
        SourceSection=source.SourceSection,
        render_pdf=pdf.render_pdf,
        render_docx=word.render_docx,
        trace_lines=chunks.trace_lines,
        document_chunks=chunks.document_chunks,
    )


MARKS = ["Qualification | Board | Year | Percentage", "B.Com | Pune University | 2014 | 68%"]


def lines_of(path) -> list[str]:
    return [line.text.strip() for line in extract_lines(path)]


def test_pdf_table_comes_out_one_row_per_line(render, tmp_path):
    sections = [render.SourceSection("Education", "EDUCATION", MARKS)]
    render.render_pdf(sections, tmp_path / "cv.pdf", "tables", random.Random(0), footer=None)
    assert lines_of(tmp_path / "cv.pdf") == [
        "EDUCATION",
        "Qualification Board Year Percentage",
        "B.Com Pune University 2014 68%",
    ]


def test_docx_table_comes_out_one_cell_per_line(render, tmp_path):
    sections = [render.SourceSection("Projects", "PROJECTS", ["Title: Online Shopping", "Team size: 4"])]
    render.render_docx(sections, tmp_path / "cv.docx", "tables", random.Random(0))
    lines = lines_of(tmp_path / "cv.docx")
    assert lines[0] == "PROJECTS"
    # label and value in cells of their own: "Title" / ": Online Shopping" or "Title:" / "Online Shopping"
    assert [line.strip(": ") for line in lines[1:]] == ["Title", "Online Shopping", "Team size", "4"]


def test_pdf_sidebar_interleaves_columns_and_lines_trace_back_to_their_sections(render, tmp_path):
    skills = render.SourceSection("Skills", "SKILLS", ["Python", "Docker", "Kubernetes", "PostgreSQL"], in_sidebar=True)
    work = render.SourceSection(
        "Work Experience",
        "EXPERIENCE",
        [
            "Backend Engineer, Acme Widgets, 2019 - Present",
            "Maintained billing services for retail customers",
            "Reviewed pull requests and mentored interns",
            "Migrated reporting jobs to nightly batches",
        ],
    )
    render.render_pdf([skills, work], tmp_path / "cv.pdf", "sidebar", random.Random(1), footer=None)
    lines = lines_of(tmp_path / "cv.pdf")
    assert any("Python" in line and "Backend" in line for line in lines) or any(
        "Docker" in line and "billing" in line for line in lines
    ), lines  # two columns on one line
    owners = render.trace_lines(lines, [skills, work])
    for line, owner in zip(lines, owners):
        if line in ("SKILLS", "Kubernetes", "PostgreSQL"):
            assert owner == 0, line
        if "pull requests" in line or "nightly" in line:
            assert owner == 1, line


def test_document_chunks_keep_labels_and_text(render, tmp_path):
    sections = [
        render.SourceSection("Contact Information", None, ["Jane Doe", "jane.doe@example.com"]),
        render.SourceSection("Education", "EDUCATION", MARKS),
        render.SourceSection("Skills", "SKILLS", ["Tally ERP 9, GST returns, MS Excel"]),
    ]
    for seed in range(6):  # several layouts, PDF and DOCX
        chunks = render.document_chunks(
            [render.SourceSection(s.label, s.header, list(s.lines)) for s in sections],
            tmp_path,
            f"cv{seed}",
            random.Random(seed),
            header_rate=0.5,
        )
        by_label = {section.label: text for section, text, _ in chunks}  # a sidebar may change the order
        assert len(chunks) == 3 and set(by_label) == {"Contact Information", "Education", "Skills"}, chunks
        assert "jane.doe@example.com" in by_label["Contact Information"]
        assert "2014" in by_label["Education"] and "Tally" in by_label["Skills"]
    assert not list(tmp_path.iterdir())  # rendered files are removed once read


def test_committed_data_carries_extraction_artefacts(chunks):
    text = chunks["text"]
    # symbol-font bullets as they come out of PDFs (➢ as "Ø", ▪ as "§", ✓ as "ü")
    assert text.str.contains(r"(?m)^[Øü§] \S").sum() >= 20
    # a value split from its label by a Word table, one cell per line
    assert text.str.contains(r"(?m)^: \S").sum() >= 10
    # a heading run into the first line of its body (PDF side headings)
    assert text.str.contains(r"^(?:EDUCATION|SKILLS|EXPERIENCE|PROJECTS|CERTIFICATIONS|AWARDS) \S").any()


def test_the_datasheets_label_examples_are_chunks_of_the_csv(chunks):
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("| label | covers | example from the CSV |") : readme.index("## Numbers")]
    examples = re.findall(r"^\| ([A-Z][\w ]+) \| .*? \| (`.*`) \|$", table, re.M)
    assert len(examples) == 8
    texts = set(zip(chunks["text"], chunks["label"]))
    for label, cell in examples:
        text = "\n".join(line.strip("`") for line in cell.split("<br>")).replace("\\|", "|")
        assert (text, label) in texts, (label, text[:60])
