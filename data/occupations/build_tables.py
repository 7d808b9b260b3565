"""Cut the occupational source files down to the rows and columns the resume generator reads.

    python data/occupations/build_tables.py --onet DIR --oews FILE --cip FILE [--output-dir data/occupations]

--onet is a folder of the O*NET 29.3 Database in Excel form (the official `db_29_3_excel`
files), --oews the BLS OEWS national estimates for May 2024 (`national_M2024_dl.xlsx`) and
--cip the NCES CIP 2020 to SOC 2018 crosswalk (`CIP2020_SOC2018_Crosswalk.xlsx`). Reading
Excel needs openpyxl (`pip install openpyxl`); the generator itself reads only the
tab-separated tables written here. Large tables are gzip-compressed with no name or time in
their header, so the same sources always give the same bytes. README.md names the sources.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
CODE = "O*NET-SOC Code"


def read(path: Path, sheet: str | int = 0) -> pd.DataFrame:
    return pd.read_excel(path, sheet_name=sheet, dtype=str, keep_default_na=False)


def write(frame: pd.DataFrame, path: Path) -> None:
    """Tab-separated, UTF-8, `\\n` line endings; gzip with mtime 0 when the name ends in .gz."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(frame.columns)
    writer.writerows(frame.itertuples(index=False))
    data = buffer.getvalue().encode("utf-8")
    if path.suffix == ".gz":
        out = io.BytesIO()
        with gzip.GzipFile(filename="", mode="wb", fileobj=out, compresslevel=9, mtime=0) as f:
            f.write(data)
        data = out.getvalue()
    path.write_bytes(data)
    print(f"{path.name}: {len(frame)} rows, {len(data):,} bytes")


def build(onet: Path, oews: Path, cip: Path, out: Path) -> None:
    tasks = read(onet / "Task Statements.xlsx")
    used = set(tasks[CODE])  # occupations with task statements: the ones a resume can be written for

    def of_used(frame: pd.DataFrame) -> pd.DataFrame:
        return frame[frame[CODE].isin(used)]

    write(of_used(read(onet / "Occupation Data.xlsx"))[[CODE, "Title"]], out / "onet_occupation_data.tsv")
    write(tasks[[CODE, "Task ID", "Task", "Task Type"]], out / "onet_task_statements.tsv.gz")
    write(
        of_used(read(onet / "Alternate Titles.xlsx"))[[CODE, "Alternate Title", "Short Title"]],
        out / "onet_alternate_titles.tsv.gz",
    )
    write(
        of_used(read(onet / "Sample of Reported Titles.xlsx"))[[CODE, "Reported Job Title"]],
        out / "onet_sample_of_reported_titles.tsv.gz",
    )
    write(of_used(read(onet / "Tasks to DWAs.xlsx"))[[CODE, "Task ID", "DWA ID"]], out / "onet_tasks_to_dwas.tsv.gz")
    write(
        read(onet / "DWA Reference.xlsx")[["Element ID", "Element Name", "DWA ID", "DWA Title"]],
        out / "onet_dwa_reference.tsv.gz",
    )
    write(
        of_used(read(onet / "Technology Skills.xlsx"))[[CODE, "Example", "Commodity Title", "Hot Technology"]],
        out / "onet_technology_skills.tsv.gz",
    )
    write(of_used(read(onet / "Tools Used.xlsx"))[[CODE, "Example", "Commodity Title"]], out / "onet_tools_used.tsv.gz")
    education = of_used(read(onet / "Education, Training, and Experience.xlsx"))
    education = education[(education["Element ID"] == "2.D.1") & (education["Scale ID"] == "RL")]
    write(education[[CODE, "Category", "Data Value"]], out / "onet_education_training_and_experience.tsv.gz")
    write(of_used(read(onet / "Job Zones.xlsx"))[[CODE, "Job Zone"]], out / "onet_job_zones.tsv")
    skills = of_used(read(onet / "Skills.xlsx"))
    write(skills[skills["Scale ID"] == "IM"][[CODE, "Element Name", "Data Value"]], out / "onet_skills.tsv.gz")
    styles = of_used(read(onet / "Work Styles.xlsx"))
    write(styles[styles["Scale ID"] == "IM"][[CODE, "Element Name", "Data Value"]], out / "onet_work_styles.tsv.gz")

    national = read(oews)
    write(national[["OCC_CODE", "OCC_TITLE", "O_GROUP", "TOT_EMP"]], out / "bls_oews_national_may2024.tsv")
    write(read(cip, "SOC-CIP")[["SOC2018Code", "CIP2020Code", "CIP2020Title"]], out / "nces_cip2020_soc2018.tsv.gz")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--onet", type=Path, required=True, help="folder of the O*NET 29.3 Excel files")
    parser.add_argument("--oews", type=Path, required=True, help="national_M2024_dl.xlsx")
    parser.add_argument("--cip", type=Path, required=True, help="CIP2020_SOC2018_Crosswalk.xlsx")
    parser.add_argument("--output-dir", type=Path, default=HERE)
    args = parser.parse_args(argv)
    build(args.onet, args.oews, args.cip, args.output_dir)


if __name__ == "__main__":
    main()
