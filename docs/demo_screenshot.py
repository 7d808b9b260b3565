"""Take docs/demo_page.png: the demo page after uploading a sample resume, in headless Chromium.

python docs/demo_screenshot.py --model-dir artifacts/model [--resume data/sample_resumes/us_registered_nurse.pdf]
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model-dir", default=str(ROOT / "artifacts" / "model"))
    parser.add_argument("--resume", default=str(ROOT / "data" / "sample_resumes" / "us_registered_nurse.pdf"))
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "demo_page.png")
    args = parser.parse_args(argv)

    from selenium import webdriver
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ready
    from selenium.webdriver.support.ui import WebDriverWait

    from resume_bert.app.artifacts import atomic_path
    from resume_bert.app.classifiers import load_classifier
    from resume_bert.app.serve import create_app, running_server

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or shutil.which("chromium-browser")
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--window-size=1000,1400",
        "--hide-scrollbars",
    ):
        options.add_argument(flag)
    app = create_app(load_classifier(args.model_dir, device="cpu"))
    with running_server(app) as url:
        driver = webdriver.Chrome(
            service=webdriver.ChromeService(executable_path=shutil.which("chromedriver")), options=options
        )
        try:
            driver.get(url + "/")
            driver.find_element(By.ID, "file").send_keys(str(Path(args.resume).resolve()))
            driver.find_element(By.ID, "submit").click()
            WebDriverWait(driver, 120).until(ready.presence_of_element_located((By.CSS_SELECTOR, "#sections .section")))
            height = driver.execute_script("return document.body.scrollHeight")
            driver.set_window_size(1000, min(height + 160, 2400))
            with atomic_path(args.output) as tmp:
                tmp.write_bytes(driver.get_screenshot_as_png())
        finally:
            driver.quit()
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
