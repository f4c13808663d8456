"""The symptom check's publish flow in a real Chromium: an editor's wording is invisible to the
rule set API, the plain pages and the phone's offline copy until a clinical reviewer publishes
it in the admin; then it shows everywhere, and an installed phone's service worker picks it up."""

import pytest
from playwright.sync_api import expect

from triage.models import Finding

from .test_editorial_flow import sign_in
from .worker import activate_worker

pytestmark = pytest.mark.browser

NEW_LABEL = "A lot of blood, or bleeding that just will not stop"


def label_on_first_page(page) -> str:
    return page.locator("label[for=finding-heavy_bleeding]").inner_text()


def test_an_edit_reaches_the_public_and_the_phone_only_once_published(
    site, browser, context, page, make_staff_user
):
    make_staff_user("edna", group="Editor")
    make_staff_user("rita", group="Clinical reviewer")
    finding = Finding.objects.get(code="heavy_bleeding")
    old_label = finding.question

    # A phone visits once: its worker saves the check for offline use.
    page.goto(site + "/triage/")
    activate_worker(page)

    staff = browser.new_context(service_workers="block")
    admin = staff.new_page()
    sign_in(admin, site, "edna", make_staff_user.password)
    admin.goto(f"{site}/admin/triage/finding/{finding.pk}/change/")
    admin.fill("#id_question", NEW_LABEL)
    admin.click("input[name=_save]")
    expect(admin.locator(".messagelist")).to_contain_text("Saved as a draft")
    admin.goto(site + "/preview/triage/")
    expect(admin.locator("label[for=finding-heavy_bleeding]")).to_have_text(NEW_LABEL)
    admin.goto(site + "/admin/triage/publication/review/")
    expect(admin.locator("#content")).to_contain_text(NEW_LABEL)
    expect(admin.get_by_role("button", name="Publish these changes")).to_have_count(0)
    admin.get_by_role("button", name="Mark ready for review").click()

    # The public, with and without JavaScript, still gets the published wording.
    plain = browser.new_context(java_script_enabled=False, service_workers="block")
    plain_page = plain.new_page()
    plain_page.goto(site + "/triage/")
    assert label_on_first_page(plain_page) == old_label
    rules = page.evaluate("fetch('/api/v1/triage/', {cache: 'no-store'}).then((r) => r.json())")
    assert NEW_LABEL not in str(rules)

    staff.clear_cookies()
    sign_in(admin, site, "rita", make_staff_user.password)
    admin.goto(site + "/admin/triage/publication/review/")
    expect(admin.locator("#content")).to_contain_text("Marked ready for review by edna")
    admin.fill("#publish-note", "Plainer words for heavy bleeding")
    admin.get_by_role("button", name="Publish these changes").click()
    expect(admin.locator(".messagelist")).to_contain_text("Published")

    plain_page.goto(site + "/triage/")
    assert label_on_first_page(plain_page) == NEW_LABEL

    # The phone's next visit finds a new worker version, which saves the new check; then offline
    # the phone shows the published wording.
    page.goto(site + "/triage/")
    reload_button = page.get_by_role("button", name="Reload")
    expect(reload_button).to_be_visible(timeout=15_000)
    reload_button.click()
    expect(page.locator("label[for=finding-heavy_bleeding]")).to_have_text(NEW_LABEL)
    context.set_offline(True)
    page.goto(site + "/triage/")
    expect(page.locator("[data-triage-ready]")).to_be_attached()
    expect(page.locator("label[for=finding-heavy_bleeding]")).to_have_text(NEW_LABEL)
    page.locator("#finding-heavy_bleeding").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("main .triage-result")).to_have_attribute("data-triage-level", "emergency")
    plain.close()
    staff.close()
