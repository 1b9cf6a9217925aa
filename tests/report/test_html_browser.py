"""The HTML report in headless Chromium: claims highlighted, Arabic laid out right to left,
the filter box works, sorting works, and the page logs no console errors.

Chromium and chromedriver come from the distribution's packages (``.ci/run`` installs them);
the test is skipped, saying why, only where they are not installed.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from factcheck import api
from factcheck.models import EvidenceEntry
from factcheck.report import render_list

webdriver = pytest.importorskip(
    "selenium.webdriver", reason="selenium (test extra) drives Chromium"
)

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    not (CHROMIUM and CHROMEDRIVER),
    reason="headless Chromium is not installed (apt-get install chromium chromium-driver)",
)

ARTICLE_AR = (
    "# الميناء\n\n"
    "قال مدير الميناء إن 9000 طن من القمح وصلت إلى ميناء عدن في مارس 2024. "
    "وأضاف أن السفن تأخرت أسبوعا بسبب العواصف في البحر الأحمر خلال شهر مارس 2024.\n\n"
    'وذكرت وكالة الأنباء أن <script>document.title="pwned"</script> الحكومة وقعت اتفاقا '
    "لاستيراد 200 ألف طن من الذرة في يناير 2024.\n"
)
ARTICLE_EN = (
    "The minister said that 9,000 tonnes of wheat reached the port of Aden in March 2024.\n"
)
EVIDENCE = [
    EvidenceEntry(id="W1", claim="وصلت 4000 طن من القمح إلى ميناء عدن في مارس 2024.",
                  rating="صحيح", rating_class="true", source="هيئة الميناء", lang="ar"),
    EvidenceEntry(id="W2", claim="Only 4,000 tonnes of wheat reached the port of Aden in "
                  "March 2024.", rating="True", rating_class="true", lang="en"),
]


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = str(CHROMIUM)
    profile = tmp_path_factory.mktemp("chromium-profile")
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--no-first-run", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", f"--user-data-dir={profile}",
                 "--window-size=1280,1600"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    # An explicit driver path: Selenium Manager must never try to download one.
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    documents = [api.document_from_text(ARTICLE_AR, path="ar.md"),
                 api.document_from_text(ARTICLE_EN, path="en.md")]
    result = api.check_documents(documents, api.EvidenceBase(EVIDENCE))
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(render_list(result, "html"), encoding="utf-8")
    return path


def _visible_rows(driver: object) -> int:
    return int(driver.execute_script(  # type: ignore[attr-defined]
        "return Array.from(document.querySelectorAll('#claims tbody tr'))"
        ".filter(r => r.offsetParent !== null).length"))


def test_report_in_chromium(browser: object, report: Path) -> None:
    from selenium.webdriver.common.by import By

    driver = browser
    driver.get(report.as_uri())  # type: ignore[attr-defined]
    run = driver.execute_script  # type: ignore[attr-defined]
    assert run("return document.title").startswith("Fact-check report")  # no injected script

    # Claims are highlighted in place, and the Arabic article is laid out right to left.
    marks = driver.find_elements(By.CSS_SELECTOR, "mark.claim")  # type: ignore[attr-defined]
    assert len(marks) >= 3
    assert run("return getComputedStyle(document.querySelector('mark.v-refuted'))"
               ".backgroundColor") not in ("rgba(0, 0, 0, 0)", "transparent")
    assert run("return getComputedStyle(document.querySelector('.article[lang=ar]'))"
               ".direction") == "rtl"
    # Right to left on screen: the first claim's box hugs the right edge of the article.
    layout = run(
        "const a = document.querySelector('.article[lang=ar]').getBoundingClientRect();"
        "const m = document.querySelector('.article[lang=ar] mark').getClientRects()[0];"
        "return [a.left, a.right, m.left, m.right];")
    left, right, mark_left, mark_right = layout
    assert right - mark_right < mark_left - left
    assert run("return getComputedStyle(document.querySelector('.article[lang=en]'))"
               ".direction") == "ltr"
    assert "<script>" in run("return document.querySelector('.article[lang=ar]').textContent")

    # The filter box: typing narrows the rows, clearing restores them.
    total = _visible_rows(driver)
    assert total == len(marks)
    box = driver.find_element(By.ID, "filter")  # type: ignore[attr-defined]
    box.send_keys("عدن")
    assert 1 <= _visible_rows(driver) < total
    assert "of" in driver.find_element(By.ID, "shown").text  # type: ignore[attr-defined]
    box.clear()
    box.send_keys("no such words anywhere")
    assert _visible_rows(driver) == 0
    run("const b = document.getElementById('filter'); b.value = '';"
        "b.dispatchEvent(new Event('input'));")
    assert _visible_rows(driver) == total
    from selenium.webdriver.support.ui import Select

    Select(driver.find_element(By.ID, "verdict-filter")).select_by_value(  # type: ignore[attr-defined]
        "refuted")
    refuted = _visible_rows(driver)
    assert refuted == len(driver.find_elements(By.CSS_SELECTOR, "mark.v-refuted"))  # type: ignore[attr-defined]
    Select(driver.find_element(By.ID, "verdict-filter")).select_by_value("")  # type: ignore[attr-defined]

    # Sorting by score puts the highest score last on the second click.
    header = driver.find_elements(By.CSS_SELECTOR, "#claims th")[6]  # type: ignore[attr-defined]
    header.click()
    header.click()
    scores = run("return Array.from(document.querySelectorAll('#claims tbody tr'))"
                 ".map(r => parseFloat(r.cells[6].dataset.value))")
    assert scores == sorted(scores, reverse=True)

    # The SVG chart is inline and no console errors were logged.
    assert driver.find_elements(By.CSS_SELECTOR, "svg.chart rect")  # type: ignore[attr-defined]
    errors = [entry for entry in driver.get_log("browser")  # type: ignore[attr-defined]
              if entry["level"] in ("SEVERE", "ERROR")]
    assert errors == []
