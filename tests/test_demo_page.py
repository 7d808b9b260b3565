"""The demo page in a real headless Chromium: upload a sample resume (or paste one), see its sections, correct a label and download them as the pre-label CSV."""

import os
import shutil
import time

import pandas as pd
import pytest

# On CI (CI=true) a missing browser or driver fails the run: a skipped browser test there tests nothing.
ON_CI = os.environ.get("CI", "").lower() == "true"
if ON_CI:
    import fastapi  # noqa: F401
    from selenium import webdriver
else:
    pytest.importorskip("fastapi", reason="the demo page needs the serve extra: pip install -e '.[serve]'")
    webdriver = pytest.importorskip("selenium.webdriver", reason="the browser test needs selenium (test extra)")

from resume_files import LABELS, REPO  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as ready  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

from resume_bert.app.classifiers import load_classifier  # noqa: E402
from resume_bert.app.prelabel import CSV_COLUMNS, prelabel_files  # noqa: E402
from resume_bert.app.serve import create_app, running_server  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
MISSING = "needs Chromium and chromedriver (`make chromium`, or apt-get install chromium chromium-driver)"
if ON_CI and not (CHROMIUM and CHROMEDRIVER):
    pytest.fail(f"CI=true and the demo page's browser test {MISSING}", pytrace=False)
pytestmark = [pytest.mark.browser, pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER), reason=MISSING)]
RESUME = REPO / "data" / "sample_resumes" / "us_registered_nurse.pdf"


@pytest.fixture(scope="module")
def classifier(classifier_dir):
    return load_classifier(classifier_dir, device="cpu")


@pytest.fixture(scope="module")
def page_url(classifier):
    with running_server(create_app(classifier)) as url:
        yield url + "/"


@pytest.fixture(scope="module")
def downloads(tmp_path_factory):
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def browser(downloads):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1100,900",
    ):
        options.add_argument(flag)
    options.add_experimental_option(
        "prefs", {"download.default_directory": str(downloads), "download.prompt_for_download": False}
    )
    driver = webdriver.Chrome(service=webdriver.ChromeService(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(20)
    yield driver
    driver.quit()


def sections_shown(browser):
    WebDriverWait(browser, 20).until(ready.presence_of_element_located((By.CSS_SELECTOR, "#sections .section")))
    return [
        (
            s.get_attribute("data-label"),
            s.find_element(By.CSS_SELECTOR, ".probability").text,
            s.find_element(By.TAG_NAME, "pre").text,
        )
        for s in browser.find_elements(By.CSS_SELECTOR, "#sections .section")
    ]


def test_an_uploaded_pdf_shows_its_sections_coloured_by_label(browser, page_url):
    browser.get(page_url)
    WebDriverWait(browser, 10).until(lambda b: len(b.find_elements(By.CSS_SELECTOR, "#legend span")) == len(LABELS))
    browser.find_element(By.ID, "file").send_keys(str(RESUME))
    browser.find_element(By.ID, "submit").click()
    shown = sections_shown(browser)
    assert shown and {label for label, _, _ in shown} <= set(LABELS)
    assert all(0 <= float(p) <= 1 for _, p, _ in shown)
    assert "MARIA L. ESPINOZA" in shown[0][2]
    assert "us_registered_nurse.pdf" in browser.find_element(By.ID, "status").text
    borders = {s.value_of_css_property("border-left-color") for s in browser.find_elements(By.CSS_SELECTOR, ".section")}
    assert len(borders) == len({label for label, _, _ in shown})  # one colour per label


def test_pasted_text_and_a_bad_file_in_the_page(browser, page_url, tmp_path):
    browser.get(page_url)
    browser.find_element(By.ID, "text").send_keys("Jane Doe\njane@example.com\n\nSkills\nPython, SQL")
    browser.find_element(By.ID, "submit").click()
    assert "Python, SQL" in "\n".join(text for _, _, text in sections_shown(browser))
    image = tmp_path / "photo.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    browser.get(page_url)
    browser.find_element(By.ID, "file").send_keys(str(image))
    browser.find_element(By.ID, "submit").click()
    WebDriverWait(browser, 10).until(ready.text_to_be_present_in_element((By.ID, "status"), "not a resume file"))
    status = browser.find_element(By.ID, "status")
    assert "error" in status.get_attribute("class")
    # the service's one-line detail, under its status code
    assert status.text.startswith("Error 415: photo.png is not a resume file; upload a PDF, DOCX or UTF-8 TXT file")


def downloaded(folder, name, timeout=20):
    path = folder / name
    deadline = time.monotonic() + timeout
    while not path.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert path.exists(), f"no {name} in {sorted(p.name for p in folder.iterdir())}"
    return path


def test_a_label_changed_in_the_page_comes_back_in_the_downloaded_csv(browser, page_url, classifier, downloads):
    browser.get(page_url)
    WebDriverWait(browser, 10).until(lambda b: len(b.find_elements(By.CSS_SELECTOR, "#legend span")) == len(LABELS))
    assert not browser.find_element(By.ID, "download").is_displayed()
    browser.find_element(By.ID, "file").send_keys(str(RESUME))
    browser.find_element(By.ID, "submit").click()
    WebDriverWait(browser, 20).until(lambda b: b.find_elements(By.CSS_SELECTOR, "#sections .section"))
    first = browser.find_elements(By.CSS_SELECTOR, "#sections .section")[0]
    model_label = first.get_attribute("data-label")
    new_label = next(label for label in LABELS if label != model_label)
    Select(first.find_element(By.CSS_SELECTOR, "select.label")).select_by_visible_text(new_label)
    assert first.get_attribute("data-label") == new_label and "corrected" in first.get_attribute("class")
    browser.find_element(By.ID, "download").click()
    rows = pd.read_csv(downloaded(downloads, "us_registered_nurse.sections.csv"))
    # The page's CSV is the one `resume-bert sections --output` writes, with the label as corrected.
    expected = prelabel_files(classifier, [RESUME], progress=False).rows
    expected["file"] = RESUME.name
    expected.loc[0, "label"] = new_label
    # The fixed columns first, then the section's other fields (its columns on the page), as the CSV writer orders them.
    assert list(rows.columns)[: len(CSV_COLUMNS)] == CSV_COLUMNS and list(rows.columns) == list(expected.columns)
    pd.testing.assert_frame_equal(rows, expected, check_dtype=False)
