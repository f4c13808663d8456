"""Issue 19, finding 9, in Chromium: a real browser decodes answer pages that are compressed and
then padded inside the gzip header, and receives each at one length on the wire."""

import pytest
from django.urls import reverse

from .conftest import new_context

pytestmark = pytest.mark.browser


def test_chromium_renders_the_gzip_padded_pages_and_receives_one_length(site, browser, settings):
    """A real browser decodes the padded gzip stream: the question page, the page again with
    its error, and an emergency result all render, each the same number of bytes on the wire."""
    from playwright.sync_api import expect

    context = new_context(browser, java_script_enabled=False)  # the no-JS form
    page = context.new_page()
    received = []

    def answer(press):
        with page.expect_response(lambda response: response.request.method == "POST") as answered:
            press()
        response = answered.value
        assert response.header_value("content-encoding") == "gzip"
        received.append(
            (
                int(response.header_value("content-length")),
                response.request.sizes()["responseBodySize"],
            )
        )

    continue_button = page.get_by_role("button", name="Continue")
    page.goto(site + reverse("triage:start"))
    page.get_by_label("None of these").check()
    answer(continue_button.click)  # page 2
    expect(page.locator(".triage-group__caption")).to_contain_text("question 2 of 5")
    answer(continue_button.click)  # nothing chosen: page 2 again, with its error
    expect(page.locator(".triage-group__caption")).to_contain_text("question 2 of 5")
    expect(page.locator(".triage-group__error")).to_contain_text("Choose the signs you have")

    page.goto(site + reverse("triage:start"))
    page.locator("#finding-heavy_bleeding").check()
    answer(continue_button.click)  # an emergency on page 1: the result
    result = page.locator("main .triage-result")
    expect(result).to_be_visible()
    assert result.get_attribute("data-triage-level") == "emergency"
    expect(page.locator("main h1")).to_be_visible()

    size = settings.TRIAGE_RESULT_GZIP_BYTES
    assert received == [(size, size)] * 3
    context.close()
