"""A Spanish reader in Chromium (issue 11): from /es/guides/ to a guide, all in Spanish, with
alternates naming the English original, a language link that lands on the same guide in
English, no cookie and no request to another origin."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

# Interface words that must not be left in English on a Spanish page.
ENGLISH_UI_STRINGS = [
    "Page last reviewed",
    "Next review due",
    "Sources",
    "Exit this page",
    "Guides",
    "Symptom check",
    "Get help",
    "All guides",
]


def test_a_spanish_reader_goes_from_the_guide_list_to_a_guide_and_to_its_english_version(
    site, page, context
):
    origin = urlsplit(site).netloc
    requests = []
    page.on("request", lambda request: requests.append(request.url))

    page.goto(site + "/es/guides/")
    expect(page.locator("html")).to_have_attribute("lang", "es-US")
    page.get_by_role("link", name="Cuándo ver a un médico").click()
    expect(page).to_have_url(site + "/es/guides/cuando-ver-a-un-medico/")

    expect(page.locator("html")).to_have_attribute("lang", "es-US")
    expect(page.locator("h1")).to_have_text("Cuándo ver a un médico")
    expect(page.locator(".review-dates")).to_contain_text("5 de diciembre de 2026")
    alternates = {
        link.get_attribute("hreflang"): link.get_attribute("href")
        for link in page.locator('link[rel="alternate"][hreflang]').all()
    }
    assert alternates["es-US"].endswith("/es/guides/cuando-ver-a-un-medico/")
    assert alternates["en-US"].endswith("/guides/when-to-see-a-doctor/")
    assert alternates["x-default"] == alternates["en-US"]
    text = page.locator("body").inner_text()
    for words in ENGLISH_UI_STRINGS:
        assert words not in text, words

    switch = page.get_by_role("link", name="English", exact=True)
    expect(switch).to_have_attribute("lang", "en")
    expect(switch).to_have_attribute("hreflang", "en")
    switch.click()
    expect(page).to_have_url(site + "/guides/when-to-see-a-doctor/")
    expect(page.locator("html")).to_have_attribute("lang", "en-US")
    expect(page.get_by_role("link", name="Español", exact=True)).to_have_attribute(
        "href", "/es/guides/cuando-ver-a-un-medico/"
    )

    assert context.cookies() == []
    elsewhere = [url for url in requests if urlsplit(url).netloc not in (origin, "")]
    assert elsewhere == []
