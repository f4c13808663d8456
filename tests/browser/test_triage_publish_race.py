"""Issue 20, failures 1 and 11, in Chromium: a clinical reviewer publishes exactly the symptom
check she read, even when an editor saves a change while her review page is open; and the staff
preview says it is a preview and keeps its links inside."""

import pytest
from playwright.sync_api import expect

from triage.models import Finding, HelpService, Publication

pytestmark = pytest.mark.browser

REAL_NUMBER = "800-656-4673"
FAKE_NUMBER = "800-000-0000"
REVIEW = "/admin/triage/publication/review/"


def test_a_hotline_number_changed_while_the_reviewer_reads_is_not_published_unseen(
    browser, site, people
):
    edna, rita = people["edna"], people["rita"]
    finding = Finding.objects.get(code="fever")
    hotline = HelpService.objects.get(key="rainn")
    published = Publication.objects.count()

    edna.goto(f"{site}/admin/triage/finding/{finding.pk}/change/")
    edna.fill("#id_hint", "A new hint for the reviewer to read.")
    edna.click("input[name=_save]")
    expect(edna.locator(".messagelist")).to_contain_text("Saved as a draft")

    rita.goto(site + REVIEW)
    expect(rita.locator("#content")).to_contain_text("1 change is waiting")

    # While Rita reads, Edna changes the sexual-assault hotline's number.
    edna.goto(f"{site}/admin/triage/helpservice/{hotline.pk}/change/")
    edna.fill("#id_phone", FAKE_NUMBER)
    edna.click("input[name=_save]")
    expect(edna.locator(".messagelist")).to_contain_text("Saved as a draft")

    rita.fill("#publish-note", "A clearer fever hint")
    rita.get_by_role("button", name="Publish these changes").click()
    expect(rita.locator("#review-error")).to_contain_text(
        "The changes have moved on since you opened this page: Edna Okafor saved changes"
    )
    since = rita.locator(".triage-review__since")
    expect(since).to_contain_text("Help service: RAINN")
    expect(since.locator("td.word-diff ins")).to_contain_text(["000"])
    expect(rita.locator("#content")).to_contain_text("2 changes are waiting")
    expect(rita.locator("#publish-note")).to_have_value("A clearer fever hint")
    assert Publication.objects.count() == published

    public = browser.new_context(java_script_enabled=False, service_workers="block")
    help_page = public.new_page()
    help_page.goto(site + "/get-help/")
    expect(help_page.locator("main")).to_contain_text(REAL_NUMBER)
    expect(help_page.locator("main")).not_to_contain_text(FAKE_NUMBER)

    # Having read the new difference, she publishes it: now it goes out.
    rita.get_by_role("button", name="Publish these changes").click()
    expect(rita.locator(".messagelist")).to_contain_text("Published")
    expect(rita.locator("#result_list tbody tr").first).to_contain_text("Rita Rivera")
    assert Publication.objects.count() == published + 1
    help_page.goto(site + "/get-help/")
    expect(help_page.locator("main")).to_contain_text(FAKE_NUMBER)
    public.close()
    assert rita.console.errors == []
    assert edna.console.errors == []


def test_the_symptom_check_preview_says_it_is_one_and_stays_inside(site, people):
    edna = people["edna"]
    edna.goto(site + "/preview/triage/")
    banner = edna.locator(".preview-banner")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("Preview: not published")
    edna.locator("#finding-heavy_bleeding").check()
    edna.get_by_role("button", name="Continue").click()
    expect(edna.locator("main .triage-result")).to_have_attribute("data-triage-level", "emergency")
    expect(edna.locator(".preview-banner")).to_be_visible()
    edna.get_by_role("link", name="All places to get help").click()
    expect(edna).to_have_url(site + "/preview/triage/get-help/")
    expect(edna.locator(".preview-banner")).to_be_visible()
    edna.get_by_role("link", name="Symptom check", exact=True).click()
    expect(edna).to_have_url(site + "/preview/triage/")
    expect(edna.locator(".preview-banner")).to_be_visible()
    assert edna.console.errors == []
