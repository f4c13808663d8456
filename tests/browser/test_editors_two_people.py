"""Issue 13 in Chromium: an editor and a clinical reviewer, each signed in in a browser of their
own, work on the same guides. Each test is one of the ways work was lost, or the public saw a
change nobody approved, in the editors' trial."""

import re

import pytest
from django.contrib.sessions.models import Session
from playwright.sync_api import expect

from guides.models import Guide

from .conftest import new_context

pytestmark = pytest.mark.browser


def change_form(site, guide):
    return f"{site}/admin/guides/guide/{guide.pk}/change/"


def save(page, button="_save"):
    page.click(f"input[name={button}]")


# 1. Restore brings back the whole version --------------------------------------------------


def test_restoring_the_launch_version_brings_back_its_text_and_every_source(site, people):
    edna, rita = people["edna"], people["rita"]
    guide = Guide.objects.get(slug="what-to-do-now")
    launch_sources = guide.sources.count()

    edna.goto(change_form(site, guide))
    edna.fill("#id_body", "Edna replaced the whole body.")
    for row in range(1, launch_sources):
        edna.check(f"#id_sources-{row}-DELETE")
    save(edna)
    expect(edna.locator(".messagelist")).to_contain_text("Draft saved.")

    rita.goto(f"{site}/admin/guides/guide/{guide.pk}/history/")
    rows = rita.locator("#change-history tbody tr")
    expect(rows.first).to_contain_text("Edna Okafor")
    expect(rows.first).to_contain_text("Body, sources")
    expect(rows.last).to_contain_text("Launch content")
    rows.last.locator("a").first.click()  # the launch version's own page
    expect(rita.locator(".version__readonly")).to_contain_text("Read only.")
    expect(rita.locator(".version__sources li")).to_have_count(launch_sources)
    rita.get_by_role("button", name="Restore as draft").click()
    expect(rita.locator(".messagelist")).to_contain_text(f"and {launch_sources} sources")

    guide.refresh_from_db()
    assert guide.sources.count() == launch_sources
    assert "Edna replaced" not in guide.body
    assert rita.console.errors == []
    assert edna.console.errors == []


def test_a_version_page_reads_well_at_phone_width(site, people):
    rita = people["rita"]
    guide = Guide.objects.get(slug="treatment")
    record = guide.history.earliest()
    rita.set_viewport_size({"width": 375, "height": 812})
    rita.goto(f"{site}/admin/guides/guide/{guide.pk}/history/{record.history_id}/")
    expect(rita.locator(".version__readonly")).to_be_visible()
    width = rita.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the version page scrolls sideways on a phone ({width}px)"


# 2. Two people editing at once ---------------------------------------------------------------


def test_the_later_save_is_refused_naming_who_saved_and_keeping_both_texts(site, people):
    edna, rita = people["edna"], people["rita"]
    guide = Guide.objects.get(slug="treatment")
    edna.goto(change_form(site, guide))
    rita.goto(change_form(site, guide))  # both have the page open

    edna_body = edna.locator("#id_body").input_value() + "\n\nEdna's new paragraph."
    edna.fill("#id_body", edna_body)
    save(edna, "_continue")
    expect(edna.locator(".messagelist")).to_contain_text("Draft saved.")

    rita_body = rita.locator("#id_body").input_value() + "\n\nRita's own paragraph."
    rita.fill("#id_body", rita_body)
    save(rita, "_continue")
    expect(rita.locator(".errornote, .errorlist").first).to_be_visible()
    expect(rita.locator("#content-main")).to_contain_text(
        re.compile(r"Not saved: Edna Okafor saved this guide on .+, after you opened it")
    )
    expect(rita.locator("#id_body")).to_have_value(rita_body)  # nothing Rita typed is lost
    expect(rita.locator(".edit-conflict del")).to_contain_text(["Edna"])
    expect(rita.locator(".edit-conflict ins")).to_contain_text(["Rita"])
    guide.refresh_from_db()
    assert guide.body == edna_body.replace("\r\n", "\n")

    # Rita keeps Edna's paragraph too and saves again: now it goes through.
    rita.fill("#id_body", edna_body + "\n\nRita's own paragraph.")
    save(rita, "_continue")
    expect(rita.locator(".messagelist")).to_contain_text("Draft saved.")
    guide.refresh_from_db()
    assert "Edna's new paragraph." in guide.body
    assert "Rita's own paragraph." in guide.body


# 3. The idle limit -----------------------------------------------------------------------------


def sessions_of(username):
    return [
        session
        for session in Session.objects.all()
        if session.get_decoded().get("_auth_user_id")
        == str(Guide._meta.apps.get_model("auth", "User").objects.get(username=username).pk)
    ]


def test_a_save_sent_after_the_sign_out_keeps_its_text_and_says_what_happened(
    site, people, make_staff_user
):
    edna, rita = people["edna"], people["rita"]
    guide = Guide.objects.get(slug="prevention")
    edna.goto(change_form(site, guide))
    rita.goto(change_form(site, guide))
    typed = edna.locator("#id_body").input_value() + "\n\nWords typed before lunch."
    edna.fill("#id_body", typed)

    for session in sessions_of("edna"):  # Edna's session ends while she is away
        session.delete()
    save(edna)

    expect(edna.locator("#staff-expired-notice")).to_contain_text("Nothing you typed is lost")
    edna.fill("#id_username", "edna")
    edna.fill("#id_password", make_staff_user.password)
    edna.click("input[type=submit]")
    expect(edna.locator("#staff-restored-notice")).to_contain_text("back in the form")
    expect(edna.locator("#id_body")).to_have_value(typed)
    save(edna, "_continue")
    expect(edna.locator(".messagelist")).to_contain_text("Draft saved.")
    assert "Words typed before lunch." in Guide.objects.get(pk=guide.pk).body
    # The kept copy is gone once saved; Rita, still signed in, was never affected.
    assert edna.evaluate("Object.keys(sessionStorage).length") == 0
    rita.reload()
    expect(rita.locator("#id_body")).to_have_value(re.compile("Words typed before lunch."))


def test_typing_keeps_a_session_alive_and_an_idle_one_is_warned_then_signed_out(
    site, people, settings
):
    edna, rita = people["edna"], people["rita"]
    settings.SESSION_COOKIE_AGE = 12  # warn at 6 s left, keep alive at most every 3 s
    guide = Guide.objects.get(slug="sti-protection")
    edna.goto(change_form(site, guide))
    rita.goto(change_form(site, guide))

    body = rita.locator("#id_body")
    for _ in range(8):  # Rita types for 16 seconds, past the 12-second limit
        body.press("End")
        body.type(" x")
        rita.wait_for_timeout(2000)
        expect(rita.locator("#staff-session-notice")).to_have_count(0)

    # Edna did nothing: warned first, then told she is signed out, her page still intact.
    expect(edna.locator("#staff-session-notice")).to_contain_text("You have been signed out")
    save(rita, "_continue")
    expect(rita.locator(".messagelist")).to_contain_text("Draft saved.")


def test_warning_comes_before_the_sign_out(site, people, settings):
    edna = people["edna"]
    settings.SESSION_COOKIE_AGE = 8
    edna.goto(change_form(site, Guide.objects.get(slug="sti-protection")))
    expect(edna.locator("#staff-session-notice")).to_contain_text(
        "You will be signed out in about", timeout=6000
    )
    expect(edna.get_by_role("button", name="Stay signed in")).to_be_visible()


# 4. A refused publish changes nothing public ----------------------------------------------


def test_a_refused_publish_leaves_the_public_page_as_it_was(site, people, browser):
    edna, rita = people["edna"], people["rita"]
    guide = Guide.objects.get(slug="when-to-see-a-doctor")
    public = new_context(browser, service_workers="block").new_page()
    public.goto(f"{site}/guides/{guide.slug}/")
    review_dates = public.locator(".review-dates").inner_text()

    edna.goto(change_form(site, guide))
    edna.fill("#id_summary", "Edna's unreviewed summary.")
    save(edna)

    rita.goto(change_form(site, guide))
    rita.fill("#id_last_reviewed", "2020-01-01")
    rita.fill("#id_next_review_due", "2021-01-01")
    save(rita, "_publish")
    expect(rita.locator(".messagelist")).to_contain_text("was not published")

    public.reload()
    expect(public.locator(".review-dates")).to_have_text(review_dates)
    expect(public.locator("main")).not_to_contain_text("Edna's unreviewed summary.")
    public.context.close()


# 6. Placeholders, the difference a reviewer signs off, and the waiting list -----------------


def test_an_editors_draft_waits_shows_its_difference_and_reaches_the_public_with_911(
    site, people, browser
):
    edna, rita = people["edna"], people["rita"]
    guide = Guide.objects.get(slug="treatment")
    edna.goto(change_form(site, guide))
    card = '\n\n!!! emergency "Call {emergency_number} now if:"\n    - you feel faint'
    edna.fill("#id_body", edna.locator("#id_body").input_value() + card)
    edna.check("#id_ready_for_review")
    save(edna)
    expect(edna.locator(".messagelist")).to_contain_text("Draft saved.")

    rita.goto(f"{site}/admin/")
    item = rita.locator(".waiting-panel__item", has_text=guide.title)
    expect(item).to_contain_text("changed by Edna Okafor")
    expect(item).to_contain_text("Ready for review")
    item.get_by_role("link").click()
    expect(rita.locator(".unpublished-diff ins").last).to_contain_text("you feel faint")
    save(rita, "_publish")
    expect(rita.locator(".messagelist")).to_contain_text("Published.")

    public = new_context(browser, service_workers="block").new_page()
    public.goto(f"{site}/guides/{guide.slug}/")
    expect(public.locator(".care-card__heading").last).to_contain_text("Call 911 now if:")
    expect(public.locator("main")).not_to_contain_text("{emergency_number}")
    public.context.close()
    rita.goto(f"{site}/admin/")
    expect(rita.locator(".waiting-panel__item", has_text=guide.title)).to_have_count(0)


def test_save_and_unpublish_asks_first(site, people):
    rita = people["rita"]
    guide = Guide.objects.get(slug="prevention")
    rita.goto(change_form(site, guide))
    rita.once("dialog", lambda dialog: dialog.dismiss())
    save(rita, "_unpublish")
    rita.wait_for_timeout(300)
    assert Guide.objects.get(pk=guide.pk).is_published


def test_the_sources_table_fits_a_laptop_screen(site, people):
    edna = people["edna"]
    edna.set_viewport_size({"width": 1280, "height": 800})
    edna.goto(change_form(site, Guide.objects.get(slug="sti-protection")))
    width = edna.evaluate("document.documentElement.scrollWidth")
    assert width <= 1280, f"the change page scrolls sideways at 1280 px ({width}px)"
