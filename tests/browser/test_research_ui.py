"""The research UI of issue 17 in headless Chromium: filter /validate by severity with its form,
follow a search facet."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import Select, WebDriverWait

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def wait(driver, locator, seconds: float = 15):
    return WebDriverWait(driver, seconds).until(ec.presence_of_element_located(locator))


def test_pick_a_severity_on_validate(browser, live_server) -> None:
    """Choosing "Violation" in the severity list applies at once (filters.js): only Violations are
    listed, the choice stays selected, and the CSV link carries it."""
    browser.get(live_server.url + "/validate")
    listed = {li.get_attribute("class") for li in browser.find_elements(By.CSS_SELECTOR, "li.finding")}
    assert listed == {"finding violation", "finding warning"}
    Select(wait(browser, (By.ID, "filter-severity"))).select_by_value("Violation")
    WebDriverWait(browser, 15).until(lambda d: "severity=Violation" in d.current_url)
    listed = {li.get_attribute("class") for li in browser.find_elements(By.CSS_SELECTOR, "li.finding")}
    assert listed == {"finding violation"}
    assert Select(browser.find_element(By.ID, "filter-severity")).first_selected_option.get_attribute(
        "value") == "Violation"
    csv_link = browser.find_element(By.ID, "download-csv").get_attribute("href")
    assert csv_link.endswith("/validate.csv?severity=Violation")
    browser.find_element(By.ID, "clear-filters").click()
    WebDriverWait(browser, 15).until(lambda d: d.current_url.endswith("/validate"))
    assert len(browser.find_elements(By.CSS_SELECTOR, "li.finding")) == 2


def test_follow_a_search_facet(browser, live_server) -> None:
    """Search "so lao dong": five agencies of one name, each with its province; the province facet
    Quảng Ninh narrows the hits to it, and its × takes the filter off."""
    browser.get(live_server.url + "/")
    box = browser.find_element(By.NAME, "q")
    box.send_keys("so lao dong")
    box.submit()
    hits = wait(browser, (By.ID, "hits"))
    agencies = [li.find_element(By.CSS_SELECTOR, ".hit-context").text
                for li in hits.find_elements(By.CSS_SELECTOR, "li.kind-agency")
                if li.find_element(By.TAG_NAME, "a").text == "Sở Lao động - Thương binh và Xã hội"]
    assert len(agencies) >= 5 and len(set(agencies)) == len(agencies), agencies
    before = len(hits.find_elements(By.CSS_SELECTOR, "li.hit"))
    browser.find_element(By.CSS_SELECTOR, 'a.facet-link[data-facet="province"][data-value="quang-ninh"]').click()
    WebDriverWait(browser, 15).until(lambda d: "province=quang-ninh" in d.current_url)
    narrowed = wait(browser, (By.ID, "hits")).find_elements(By.CSS_SELECTOR, "li.hit")
    assert 0 < len(narrowed) < before and all("Quảng Ninh" in li.text for li in narrowed)
    selected = browser.find_element(By.CSS_SELECTOR, "#facet-province .facet-selected").text
    assert "Quảng Ninh" in selected
    browser.find_element(By.CSS_SELECTOR, "#facet-province a.facet-clear").click()
    WebDriverWait(browser, 15).until(lambda d: "province=" not in d.current_url)
    assert len(wait(browser, (By.ID, "hits")).find_elements(By.CSS_SELECTOR, "li.hit")) == before
