"""What a new user's trial of the Studio found (2026-12-06): a second tab left on "Training…" for good, a double
click that made two projects, a test picture chosen again that was not tested again."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from tests._server import Server
from tests.browser.conftest import no_page_errors
from tests.browser.test_studio_projects import API, TRAINED, project


def test_a_second_tab_follows_a_training_started_in_the_first(studio: Server, page: Page, pictures: Path) -> None:
    errors = no_page_errors(page)
    classes = {label: sorted((pictures / label).glob("*.jpg")) for label in ("cat", "coffee")}
    pid = project(studio, "Two tabs", classes)
    other = page.context.new_page()
    for tab in (page, other):
        tab.goto(f"{studio.url}/studio/#/p/{pid}")
        expect(tab.get_by_role("button", name="Train", exact=True)).to_be_enabled()
    page.get_by_role("button", name="Train", exact=True).click()
    other.get_by_label("New class").fill("teapot")  # the other tab draws itself again while the training runs
    other.get_by_role("button", name="Add class").click()
    expect(other.locator('article[data-class="teapot"]')).to_be_visible()
    expect(other.get_by_role("button", name="Delete class cat")).to_be_enabled(timeout=TRAINED)  # stayed disabled
    expect(other.get_by_role("button", name="Training…")).to_have_count(0)
    assert errors == []


def test_a_double_click_on_create_makes_one_project(studio: Server, page: Page) -> None:
    page.goto(f"{studio.url}/studio/")
    page.get_by_label("New model").fill("Only once")
    page.get_by_role("button", name="Create").dblclick()
    expect(page.get_by_label("New class")).to_be_visible()
    with studio.client() as http:
        named = [p for p in http.get(API).json()["projects"] if p["name"] == "Only once"]
    assert len(named) == 1, named
