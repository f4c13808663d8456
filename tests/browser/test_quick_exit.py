"""Quick exit in real Chromium: the button and Shift pressed three times, online and offline; the
page is blanked at once and the exited page is gone from the history."""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import expect

from guides.models import Guide

from .worker import activate_worker

pytestmark = pytest.mark.browser

NEUTRAL_BODY = "<!doctype html><title>Free encyclopedia</title><p>Neutral destination</p>"


@pytest.fixture
def destination(context):
    """The neutral destination, answered locally: the tests never reach the real site."""
    context.route(
        settings.QUICK_EXIT_URL + "**",
        lambda route: route.fulfill(body=NEUTRAL_BODY, content_type="text/html"),
    )
    return settings.QUICK_EXIT_URL


@pytest.fixture
def unreachable_destination(context):
    context.route(settings.QUICK_EXIT_URL + "**", lambda route: route.abort("internetdisconnected"))
    return settings.QUICK_EXIT_URL


def a_guide_url(site) -> str:
    return site + Guide.objects.published().first().get_absolute_url()


def open_guide_after_home(page, site) -> str:
    """History: home, then a guide (the page to leave), with quick exit's script running."""
    page.goto(site + "/")
    guide = a_guide_url(site)
    page.goto(guide)
    expect(page.locator("[data-module='quick-exit']")).to_have_attribute(
        "data-quick-exit-started", "true"
    )
    return guide


def exit_with(page, method: str):
    if method == "button":
        page.get_by_role("link", name="Exit this page").click()
    else:
        for _ in range(3):
            page.keyboard.press("Shift")


def assert_not_our_page(page):
    html = page.content()
    assert settings.APP_NAME not in html
    assert "Exit this page" not in html


@pytest.mark.parametrize("method", ["button", "shift"])
def test_quick_exit_online_goes_to_the_neutral_site_and_back_skips_the_exited_page(
    site, page, destination, method
):
    open_guide_after_home(page, site)

    exit_with(page, method)

    expect(page).to_have_url(destination)
    expect(page.get_by_text("Neutral destination")).to_be_visible()
    page.go_back()
    # Earlier history stays (the privacy page says so); the exited page and /exit/ do not.
    expect(page).to_have_url(site + "/")


@pytest.mark.parametrize("method", ["button", "shift"])
def test_quick_exit_offline_lands_on_a_neutral_blank_screen(
    site, context, page, unreachable_destination, method
):
    page.goto(site + "/")
    activate_worker(page)
    open_guide_after_home(page, site)
    context.set_offline(True)

    exit_with(page, method)

    expect(page).to_have_url(site + reverse("exit"))
    expect(page).to_have_title("New tab")
    expect(page.get_by_text("No internet connection")).to_be_visible()
    assert_not_our_page(page)
    page.go_back()
    expect(page).to_have_url(site + "/")


def test_quick_exit_when_the_destination_fails_online_shows_nothing_of_ours(
    site, page, unreachable_destination
):
    open_guide_after_home(page, site)

    exit_with(page, "button")

    # Chromium's own "no connection" page for the destination: harmless and not ours.
    expect(page).to_have_url(re.compile(r"^chrome-error://"))
    assert_not_our_page(page)
    page.go_back()
    expect(page).to_have_url(site + "/")


def test_quick_exit_blanks_the_page_before_the_next_one_arrives(site, page, destination):
    open_guide_after_home(page, site)

    # Click and look in the same task: what the screen shows while the next page is loading.
    shown = page.evaluate(
        """() => {
          document.querySelector("[data-quick-exit]").click();
          return {
            exiting: document.documentElement.classList.contains("is-exiting"),
            visible: [...document.body.children]
              .filter((element) => element.checkVisibility({ visibilityProperty: true }))
              .map((element) => element.className),
            title: document.title,
          };
        }"""
    )

    assert shown == {"exiting": True, "visible": ["exit-overlay"], "title": "New tab"}
    expect(page).to_have_url(destination)


def test_shift_used_for_a_capital_letter_does_not_count_towards_quick_exit(site, page, destination):
    guide = open_guide_after_home(page, site)

    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift+KeyA")
    page.keyboard.press("Shift")

    expect(page.get_by_role("status").filter(has_text="press 2 more times")).to_be_attached()
    assert page.url == guide
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    expect(page).to_have_url(destination)


def test_without_javascript_quick_exit_is_a_plain_link_to_the_neutral_site(site, no_js_context):
    no_js_context.route(
        settings.QUICK_EXIT_URL + "**",
        lambda route: route.fulfill(body=NEUTRAL_BODY, content_type="text/html"),
    )
    page = no_js_context.new_page()
    page.goto(a_guide_url(site))

    page.get_by_role("link", name="Exit this page").click()

    expect(page).to_have_url(settings.QUICK_EXIT_URL)
    expect(page.get_by_text("Neutral destination")).to_be_visible()
