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
