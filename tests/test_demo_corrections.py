"""The demo page in a real headless Chromium: change a section's label with a click and download the sections as the pre-label CSV."""

import shutil
import time

import pandas as pd
import pytest

pytest.importorskip("fastapi", reason="the demo page needs the serve extra: pip install -e '.[serve]'")
webdriver = pytest.importorskip("selenium.webdriver", reason="the browser test needs selenium (serve extra)")

from resume_files import LABELS, REPO, save_tiny_classifier  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

from resume_bert.app.classifiers import load_classifier  # noqa: E402
from resume_bert.app.prelabel import CSV_COLUMNS, prelabel_files  # noqa: E402
from resume_bert.app.serve import create_app, running_server  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    not (CHROMIUM and CHROMEDRIVER),
    reason="needs Chromium and chromedriver (`make chromium`, or apt-get install chromium chromium-driver)",
)
RESUME = REPO / "data" / "sample_resumes" / "us_registered_nurse.pdf"


@pytest.fixture(scope="module")
def classifier(tiny_model_dir, tmp_path_factory):
    folder = save_tiny_classifier(tiny_model_dir, tmp_path_factory.mktemp("corrections") / "model")
    return load_classifier(folder, device="cpu")


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


def downloaded(folder, name, timeout=20):
    path = folder / name
    deadline = time.monotonic() + timeout
    while not path.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert path.exists(), f"no {name} in {sorted(p.name for p in folder.iterdir())}"
    return path


def test_a_label_changed_in_the_page_comes_back_in_the_downloaded_csv(browser, classifier, downloads):
    with running_server(create_app(classifier)) as url:
        browser.get(url + "/")
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
