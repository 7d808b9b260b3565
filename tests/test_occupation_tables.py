"""The occupational tables the generator draws from: what they hold, and how occupations are weighted."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "data"))
from resume_generator import occupations  # noqa: E402
from resume_generator.conventions import WEIGHTS, occupation_weight  # noqa: E402


@pytest.fixture(scope="module")
def occs():
    return occupations.load_occupations()


def test_every_occupation_with_task_statements_is_there_with_what_a_resume_needs(occs):
    assert len(occs) == 923
    assert sum(len(o.tasks) for o in occs) == 18796
    for o in occs:
        assert o.tasks and o.titles and o.employment > 0, o.code
        assert sum(o.education) > 0 and o.skills and o.work_styles and o.fields, o.code
        assert 1 <= o.job_zone <= 5, o.code
    assert sum(bool(o.technology) for o in occs) > 0.95 * len(occs)
    assert sum(bool(o.tools) for o in occs) > 0.95 * len(occs)


def test_employment_comes_from_oews_and_occupations_under_one_soc_code_share_it(occs):
    by_code = {o.code: o for o in occs}
    national = {r["OCC_CODE"]: float(r["TOT_EMP"]) for r in occupations.read_table("bls_oews_national_may2024.tsv")}
    assert by_code["15-1252.00"].employment == national["15-1252"]  # software developers: one O*NET code
    nurses = [o for o in occs if o.soc == "29-1141"]
    assert len(nurses) > 1 and all(o.employment == national["29-1141"] / len(nurses) for o in nurses)
    buyers = [o for o in occs if o.code[:6] == "13-102"]  # published by OEWS only as the group 13-1020
    assert buyers and all(o.employment == national["13-1020"] / len(buyers) for o in buyers)


def test_draw_weight_is_the_square_root_of_employment_and_conventions_narrow_it(occs):
    software = next(o for o in occs if o.code == "15-1252.00")
    assert occupations.draw_weight(software) == pytest.approx(software.employment**0.5)
    assert all(occupation_weight(c, o) >= 0 for c in WEIGHTS for o in occs[:50])
    assert {o.family for o in occs if occupation_weight("executive", o) > 0} == {"11"}
    assert all(o.job_zone == 5 for o in occs if occupation_weight("academic", o) > 0)
    assert occupation_weight("india", software) > occupation_weight("us", software)


@pytest.mark.parametrize(
    "cip, field",
    [
        ("Registered Nursing/Registered Nurse.", "Registered Nursing"),
        ("Adult Health Nurse/Nursing.", "Adult Health Nursing"),
        ("Computer Programming/Programmer, General.", "Computer Programming"),
        ("Psychiatric/Mental Health Nurse/Nursing.", "Psychiatric and Mental Health Nursing"),
        ("Business Administration and Management, General.", "Business Administration and Management"),
        ("Accounting and Related Services, Other.", None),
        ("Pediatric Rheumatology Fellowship Program.", None),
    ],
)
def test_cip_titles_become_fields_of_study(cip, field):
    assert occupations.study_field(cip) == field


def test_tables_are_the_documented_columns():
    assert list(occupations.read_table("onet_task_statements.tsv.gz")[0]) == [
        "O*NET-SOC Code",
        "Task ID",
        "Task",
        "Task Type",
    ]
    assert list(occupations.read_table("nces_cip2020_soc2018.tsv.gz")[0]) == [
        "SOC2018Code",
        "CIP2020Code",
        "CIP2020Title",
    ]
    readme = " ".join((occupations.TABLES / "README.md").read_text(encoding="utf-8").replace(">", " ").split())
    for path in sorted(occupations.TABLES.glob("*.tsv*")):
        assert f"`{path.name}`" in readme, path.name
    assert "USDOL/ETA has not approved, endorsed, or tested these modifications" in readme
