"""The UI in a real headless Chromium (Debian's chromium + chromium-driver, driven by Selenium):
run a canned query, see the table, follow an entity link, search without diacritics, use the editor."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from tests.servers import HB_PLAN

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def wait(driver, locator, seconds: float = 15):
    return WebDriverWait(driver, seconds).until(ec.presence_of_element_located(locator))


def test_run_a_canned_query_see_the_table_and_follow_an_entity_link(browser, live_server) -> None:
    browser.get(live_server.url + "/queries")
    browser.find_element(By.CSS_SELECTOR, 'a.canned-link[data-name="plans-citing-repealed"]').click()
    table = wait(browser, (By.ID, "results"))
    cells = [td.text for td in table.find_elements(By.CSS_SELECTOR, "tbody td")]
    assert any("55/2009/NĐ-CP" in c for c in cells), cells
    link = table.find_element(By.CSS_SELECTOR, 'tbody td a[title="' + HB_PLAN + '"]')
    link.click()
    title = wait(browser, (By.ID, "entity-title"))
    assert "258/KH-UBND" in title.text
    findings = browser.find_element(By.ID, "findings").text
    assert "55/2009/NĐ-CP" in findings


def test_canned_query_parameter_form(browser, live_server) -> None:
    browser.get(live_server.url + "/queries/implementation-chain?plan=" + HB_PLAN)
    box = wait(browser, (By.NAME, "plan"))
    box.clear()
    box.send_keys("eli/vn/quang-ninh/2021/kh-3f2a9c1d")
    browser.find_element(By.CSS_SELECTOR, "#params button").click()
    WebDriverWait(browser, 15).until(lambda d: "kh-3f2a9c1d" in d.current_url)
    text = wait(browser, (By.ID, "results")).text
    assert "1790/QĐ-TTg" in text and "Hải Phòng" not in text


def test_search_without_diacritics(browser, live_server) -> None:
    browser.get(live_server.url + "/")
    box = browser.find_element(By.NAME, "q")
    box.send_keys("binh dang gioi")
    box.submit()
    hits = wait(browser, (By.ID, "hits"))
    assert "bình đẳng giới" in hits.text
    hits.find_element(By.TAG_NAME, "a").click()
    assert wait(browser, (By.ID, "entity-title")).text


def test_hierarchy_links_to_plans(browser, live_server) -> None:
    browser.get(live_server.url + "/hierarchy")
    link = wait(browser, (By.CSS_SELECTOR, 'a.plan-link[href="/eli/vn/hai-phong/hong-bang/2022/258-kh-ubnd"]'))
    link.click()
    assert "258/KH-UBND" in wait(browser, (By.ID, "entity-title")).text


def test_yasgui_editor_runs_a_query(browser, live_server) -> None:
    browser.get(live_server.url + "/editor")
    wait(browser, (By.CSS_SELECTOR, ".yasqe .CodeMirror"))
    browser.find_element(By.CSS_SELECTOR, 'button.example[data-name="plans-citing-repealed"]').click()
    query = browser.execute_script("return document.querySelector('.CodeMirror').CodeMirror.getValue()")
    assert "Plans still citing repealed documents" in query
    browser.find_element(By.CSS_SELECTOR, ".yasqe_queryButton").click()
    WebDriverWait(browser, 20).until(
        lambda d: "55-2009-nd-cp" in d.find_element(By.CSS_SELECTOR, ".yasr").text
        or "55/2009" in d.find_element(By.CSS_SELECTOR, ".yasr").text)
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"
              and live_server.url in e.get("message", "")]
    assert errors == []


def test_plain_form_without_javascript(browser, live_server) -> None:
    browser.get(live_server.url + "/editor")
    browser.find_element(By.TAG_NAME, "details").click()
    area = browser.find_element(By.ID, "plain-query")
    area.clear()
    area.send_keys("SELECT ?n WHERE { <" + HB_PLAN + "> <http://data.europa.eu/eli/ontology#number> ?n }")
    browser.find_element(By.ID, "plain-run").click()
    assert "258/KH-UBND" in wait(browser, (By.ID, "results")).text


def test_upload_a_plan_from_the_form_and_see_its_findings(browser, tmp_path, own_corpus) -> None:
    """A token holder uploads a plan in the browser: the result table says added, its findings link
    shows the plan's Violation (a target weaker than Decision 1790's), and the file is in the corpus."""
    from kg.pipeline.build import build
    from tests.pipeline.test_build import PLANS, small_data
    from tests.servers import LiveServer

    data = small_data(tmp_path, 5)
    bac_kan = next(PLANS.glob("bac-kan_*.txt"))
    (data / "plans" / bac_kan.name).unlink()
    build(data, str(tmp_path / "store"))
    server = LiveServer(tmp_path / "store", VNGE_UPDATE_TOKEN="s3cret", VNGE_WARMUP="false")
    try:
        browser.get(server.url + "/")
        browser.find_element(By.LINK_TEXT, "Nạp / Upload").click()
        form = wait(browser, (By.ID, "upload-form"))
        form.find_element(By.NAME, "file").send_keys(str(bac_kan))
        form.find_element(By.NAME, "token").send_keys("s3cret")
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        row = wait(browser, (By.CSS_SELECTOR, "#upload-results tr.upload-added"), 120)
        assert bac_kan.name in row.text and "added" in row.text and "1 violations" in row.text
        row.find_element(By.CSS_SELECTOR, "a.findings-link").click()
        findings = wait(browser, (By.CSS_SELECTOR, ".plan-findings")).text
        assert "Violation" in findings and "1790/QĐ-TTg" in findings
        assert not browser.find_elements(By.ID, "stale")
        assert [p.name for p in own_corpus.glob("*/*")] == [bac_kan.name]
    finally:
        server.stop()
