"""The plan dossier and the document page (issue 17 item 1) in headless Chromium over the build of
data/: sort the activities, follow a fact's source link to its highlighted sentence, open a document
page and follow a citing plan."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from tests.servers import LiveServer, sparql

pytestmark = [pytest.mark.browser, pytest.mark.slow]
HP = "/eli/vn/hai-phong/hong-bang/2022/258-kh-ubnd"
GE_LAW = "/eli/vn/2006/73-2006-qh11"
HIGHLIGHT = "rgba(255, 207, 51, 1)"  # mark.ev:target in service/static/dossier.css


@pytest.fixture(scope="module")
def real_server(built_store) -> Iterator[LiveServer]:
    path, _ = built_store
    server = LiveServer(path)
    yield server
    server.stop()


def wait(driver, locator, seconds: float = 20):
    return WebDriverWait(driver, seconds).until(ec.presence_of_element_located(locator))


def test_sort_the_activities_by_lead(browser, real_server) -> None:
    browser.get(real_server.url + HP)
    before = [tr.get_attribute("id") for tr in browser.find_elements(By.CSS_SELECTOR, "#activities-table tbody tr")]
    browser.find_element(By.ID, "sort-lead").click()
    WebDriverWait(browser, 20).until(lambda d: "sort=lead" in d.current_url)
    rows = wait(browser, (By.ID, "activities-table")).find_elements(By.CSS_SELECTOR, "tbody tr")
    assert sorted(before) == sorted(tr.get_attribute("id") for tr in rows) != before
    firsts = [tr.find_elements(By.CSS_SELECTOR, "td.leads a")[0].text.casefold() for tr in rows
              if tr.find_elements(By.CSS_SELECTOR, "td.leads a")]
    assert firsts == sorted(firsts)
    browser.find_element(By.ID, "sort-number-n").click()  # back to the plan's order
    WebDriverWait(browser, 20).until(lambda d: "sort=" not in d.current_url)
    assert [tr.get_attribute("id") for tr in browser.find_elements(
        By.CSS_SELECTOR, "#activities-table tbody tr")] == before


def test_follow_a_fact_to_its_highlighted_sentence(browser, real_server) -> None:
    browser.get(real_server.url + HP)
    link = browser.find_element(By.CSS_SELECTOR, "#activities-table tr#task-3 a.src")
    anchor = link.get_attribute("data-quote-anchor")
    quote = " ".join(link.get_attribute("title").split())
    link.click()
    WebDriverWait(browser, 20).until(lambda d: d.current_url.endswith("#" + anchor))
    mark = browser.find_element(By.ID, anchor)
    assert mark.is_displayed() and mark.tag_name == "mark"
    assert " ".join(mark.text.split()).startswith(quote[:150])
    assert mark.value_of_css_property("background-color") == HIGHLIGHT
    inside = browser.execute_script("""const r = arguments[0].getBoundingClientRect();
        return r.top >= 0 && r.top < window.innerHeight && r.width > 0;""", mark)
    assert inside  # scrolled into view (the page and the source box)
    other = browser.find_element(By.CSS_SELECTOR, "#source-text mark.ev:not(:target)")
    assert other.value_of_css_property("background-color") != HIGHLIGHT  # only the followed one


def test_open_a_document_and_follow_a_citing_plan(browser, real_server) -> None:
    browser.get(real_server.url + GE_LAW)
    assert "73/2006/QH11" in wait(browser, (By.ID, "entity-title")).text
    assert browser.find_elements(By.CSS_SELECTOR, "#doc-status .in-force")
    source = browser.find_element(By.CSS_SELECTOR, "#citing-table a.src")
    target = source.get_attribute("href")
    plan = browser.find_element(By.CSS_SELECTOR, "#citing-table a.citing-link")
    plan_name = plan.text
    plan.click()
    WebDriverWait(browser, 20).until(lambda d: d.find_elements(By.ID, "dossier"))
    assert browser.find_element(By.ID, "entity-title").text == plan_name
    browser.get(target)  # the citation's own sentence in that plan
    anchor = target.rsplit("#", 1)[-1]
    mark = wait(browser, (By.ID, anchor))
    assert mark.is_displayed() and mark.value_of_css_property("background-color") == HIGHLIGHT
    assert "Bình đẳng giới" in mark.text or "bình đẳng giới" in mark.text


def test_nothing_wider_than_the_window(browser, real_server) -> None:
    """Every plan's dossier and a document page fit 1366 px (wide tables scroll inside their box)."""
    status, _, body = sparql(real_server, "SELECT DISTINCT ?p WHERE { ?p a <https://w3id.org/vnge/ontology#Plan> }",
                             "GET", "text/csv")
    plans = [p for p in body.decode().split()[1:] if p.startswith("https://")]
    browser.set_window_size(1366, 900)
    assert len(plans) >= 5
    for path in [p[len("https://w3id.org/vnge"):] for p in plans] + [GE_LAW]:
        browser.get(real_server.url + path)
        wait(browser, (By.ID, "entity-title"))
        wide = browser.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
        assert wide[0] <= wide[1], (path, wide)
    browser.set_window_size(1400, 1000)
