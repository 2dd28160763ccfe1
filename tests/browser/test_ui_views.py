"""Issue 17, items 3 and 4 in headless Chromium: pick a plan from the canned query's picker and run
it, sort and facet the result table, follow a link; the citation network's nodes link to their
pages; a bar chart draws the result's counts."""

from __future__ import annotations

import json
import urllib.request

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from tests.servers import DECISION_1790, HB_PLAN

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def wait(driver, locator, seconds: float = 15):
    return WebDriverWait(driver, seconds).until(ec.presence_of_element_located(locator))


def column(driver, name: str) -> list[str]:
    heads = [a.get_attribute("data-var") for a in driver.find_elements(By.CSS_SELECTOR, "#results thead a.sort-link")]
    at = heads.index(name)
    return [row.find_elements(By.TAG_NAME, "td")[at].text
            for row in driver.find_elements(By.CSS_SELECTOR, "#results tbody tr")]


def test_pick_a_plan_run_and_sort(browser, live_server) -> None:
    """The query opened without its parameter shows the form; typing part of the plan's name lists it;
    choosing it and running gives the chain up to 1790; a column header sorts the table."""
    browser.get(live_server.url + "/queries/implementation-chain")
    box = wait(browser, (By.NAME, "plan"))
    assert browser.find_element(By.ID, "form-message").text
    box.send_keys("hong bang")
    # the list of the typed text (the one opened on focus, for an empty box, is replaced by it)
    choice = WebDriverWait(browser, 15).until(ec.element_to_be_clickable(
        (By.CSS_SELECTOR, '#suggest-plan[data-q="hong bang"] li.suggestion[data-value$="258-kh-ubnd"]')))
    assert "258/KH-UBND" in choice.text
    choice.click()
    assert box.get_attribute("value").endswith("258-kh-ubnd")
    assert "258/KH-UBND" in browser.find_element(By.ID, "picked-plan").text
    browser.find_element(By.ID, "run").click()
    table = wait(browser, (By.ID, "results"))
    assert "1790/QĐ-TTg" in table.text
    browser.find_element(By.CSS_SELECTOR, 'a.sort-link[data-var="distance"]').click()
    WebDriverWait(browser, 15).until(lambda d: "sort=distance" in d.current_url)
    distances = [int(v) for v in column(browser, "distance")]
    assert distances == sorted(distances, reverse=True) and len(set(distances)) > 1
    browser.find_element(By.CSS_SELECTOR, 'a.sort-link[data-var="distance"]').click()
    WebDriverWait(browser, 15).until(lambda d: "desc=" not in d.current_url)
    assert [int(v) for v in column(browser, "distance")] == sorted(distances)


def test_facet_and_follow_a_link(browser, live_server) -> None:
    """indicator-summary: the level facet keeps that level's rows only; × takes it off; an indicator's
    link opens its page."""
    browser.get(live_server.url + "/queries/indicator-summary")
    before = len(wait(browser, (By.ID, "results")).find_elements(By.CSS_SELECTOR, "tbody tr"))
    facet = browser.find_element(By.CSS_SELECTOR, 'a.facet-link[data-facet="level"][data-value$="level-province"]')
    facet.click()
    WebDriverWait(browser, 15).until(lambda d: "f.level=" in d.current_url)
    levels = column(browser, "level")
    assert 0 < len(levels) < before and set(levels) == {"Cấp tỉnh"}
    browser.find_element(By.CSS_SELECTOR, "#facet-level a.facet-clear").click()
    WebDriverWait(browser, 15).until(lambda d: "f.level" not in d.current_url)
    assert len(browser.find_elements(By.CSS_SELECTOR, "#results tbody tr")) == before
    link = browser.find_element(By.CSS_SELECTOR, "#results tbody td a.iri")
    name = link.text
    link.click()
    assert wait(browser, (By.ID, "entity-title")).text == name


def test_network_nodes_link_to_pages(browser, live_server) -> None:
    browser.get(live_server.url + "/" + HB_PLAN.split("/vnge/", 1)[1])
    wait(browser, (By.ID, "network-link")).click()
    svg = wait(browser, (By.ID, "network-svg"))
    nodes = svg.find_elements(By.CSS_SELECTOR, "a.node")
    assert len(nodes) >= 4 and browser.find_element(By.ID, "network-legend").is_displayed()
    labels = [n.find_element(By.TAG_NAME, "text").text for n in nodes]
    assert "Quyết định 1790/QĐ-TTg" in labels and not any(t.startswith("http") for t in labels)
    assert len(svg.find_elements(By.CSS_SELECTOR, "path.edge")) >= 3
    svg.find_element(By.CSS_SELECTOR, f'a.node[data-iri="{DECISION_1790}"] rect').click()
    assert "1790/QĐ-TTg" in wait(browser, (By.ID, "entity-title")).text


def test_bar_chart_draws_the_counts(browser, live_server) -> None:
    with urllib.request.urlopen(live_server.url + "/queries/indicator-summary?format=json", timeout=30) as r:
        rows = json.load(r)["results"]["bindings"]
    expected: dict[str, int] = {}
    for row in rows:
        expected[row["label"]["value"]] = expected.get(row["label"]["value"], 0) + int(row["plans"]["value"])
    browser.get(live_server.url + "/queries/indicator-summary")
    bars = wait(browser, (By.ID, "bar-chart")).find_elements(By.CSS_SELECTOR, "rect.bar")
    drawn = {b.get_attribute("data-name"): int(b.get_attribute("data-count")) for b in bars}
    assert drawn == expected
    widths = {b.get_attribute("data-name"): b.size["width"] for b in bars}
    top = max(expected, key=lambda k: expected[k])
    assert all(widths[top] >= w > 0 for w in widths.values())
    assert widths[top] > min(widths.values())  # lengths follow the counts
