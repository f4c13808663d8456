"""The content life cycle in a real browser: an editor's change waits until a reviewer publishes."""

import pytest
from playwright.sync_api import expect

from guides.models import Guide

from .conftest import sign_in

pytestmark = pytest.mark.browser

ADDED = "A sentence the editor added in the browser."


def test_editor_edit_stays_private_until_a_reviewer_publishes_it(
    site, page_without_worker, make_staff_user
):
    page = page_without_worker
    make_staff_user("edna", group="Editor")
    make_staff_user("rita", group="Clinical reviewer", first_name="Rita", last_name="Rivera")
    guide = Guide.objects.published().first()
    change_form = f"{site}/admin/guides/guide/{guide.pk}/change/"
    public_page = f"{site}/guides/{guide.slug}/"

    sign_in(page, site, "edna", make_staff_user.password)
    page.goto(change_form)
    expect(page.get_by_role("button", name="Save and publish")).to_have_count(0)
    body = page.locator("#id_body")
    body.fill(body.input_value() + "\n\n" + ADDED)
    page.click("input[name=_save]")
    expect(page.locator(".messagelist")).to_contain_text("Draft saved.")

    page.goto(public_page)
    expect(page.locator("h1")).to_have_text(guide.published_title)
    expect(page.locator("main")).not_to_contain_text(ADDED)

    page.goto(f"{site}/preview/guides/{guide.slug}/")
    expect(page.locator(".preview-banner")).to_contain_text("Preview: not published")
    expect(page.locator("main")).to_contain_text(ADDED)

    page.context.clear_cookies()
    sign_in(page, site, "rita", make_staff_user.password)
    page.goto(change_form)
    page.get_by_role("button", name="Save and publish").click()
    expect(page.locator(".messagelist")).to_contain_text("Published.")

    page.goto(public_page)
    expect(page.locator("main")).to_contain_text(ADDED)
    expect(page.locator(".preview-banner")).to_have_count(0)


def test_the_history_page_works_under_the_admins_content_security_policy(
    site, page_without_worker, make_staff_user
):
    page = page_without_worker
    make_staff_user("rita", group="Clinical reviewer", first_name="Rita", last_name="Rivera")
    guide = Guide.objects.published().first()
    guide.save()  # a first entry in its history
    sign_in(page, site, "rita", make_staff_user.password)
    page.goto(f"{site}/admin/guides/guide/{guide.pk}/history/")
    expect(page.locator("#change-history")).to_be_visible()
    paginator = page.locator("p.paginator")
    expect(paginator).to_have_css("border-top-style", "none")
    assert page.console.errors == []
