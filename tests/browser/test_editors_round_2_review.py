"""Issue 20 (editors, round 2) in Chromium, the failures a reviewer meets: a rule saved from the
browser shows only what really changed (failure 8); the symptom check rolled back by restoring a
publication and publishing it (failure 9); publishing one sentence of a Spanish guide does not
sign off the whole translation unless the reviewer says so (failure 6); and a save says what the
public page will leave out (failure 12). Edna (editor) and Rita (clinical reviewer) each work in
a browser of their own."""

import pytest
from playwright.sync_api import expect

from guides.models import SPANISH, Guide
from triage.models import HelpService, Publication, Rule

from .test_editors_two_people import change_form, save

pytestmark = pytest.mark.browser

REVIEW = "/admin/triage/publication/review/"
REAL_NUMBER = "800-656-4673"
FAKE_NUMBER = "800-000-0000"


def test_a_rule_saved_from_the_browser_shows_only_the_words_that_changed(site, people):
    edna, rita = people["edna"], people["rita"]
    rule = Rule.objects.get(code="sti_hiv_test")
    edna.goto(f"{site}/admin/triage/rule/{rule.pk}/change/")
    reason = edna.locator("#id_text")
    reason.fill(reason.input_value() + " Ask for a throat swab too.")
    edna.click("input[name=_save]")
    expect(edna.locator(".messagelist")).to_contain_text("Saved as a draft")

    rita.goto(site + REVIEW)
    expect(rita.locator("#content")).to_contain_text("1 change is waiting")
    item = rita.locator(".triage-review__item")
    rows = item.locator("tbody th[scope=row]")
    expect(rows).to_have_count(1)  # the reason; not its sources, which the browser re-sent
    expect(rows.first).to_have_text("Reason")
    expect(item.locator("td.word-diff ins")).to_contain_text(["throat swab"])
    assert edna.console.errors == []


def test_the_symptom_check_is_rolled_back_by_restoring_a_publication(site, people, browser):
    edna, rita = people["edna"], people["rita"]
    launch = Publication.objects.latest_first().first()
    hotline = HelpService.objects.get(key="rainn")
    edna.goto(f"{site}/admin/triage/helpservice/{hotline.pk}/change/")
    edna.fill("#id_phone", FAKE_NUMBER)
    edna.click("input[name=_save]")
    expect(edna.locator(".messagelist")).to_contain_text("Saved as a draft")
    rita.goto(site + REVIEW)
    rita.fill("#publish-note", "A trial number")
    rita.get_by_role("button", name="Publish these changes").click()
    expect(rita.locator(".messagelist")).to_contain_text("Published")

    public = browser.new_context(java_script_enabled=False, service_workers="block")
    help_page = public.new_page()
    help_page.goto(site + "/get-help/")
    expect(help_page.locator("main")).to_contain_text(FAKE_NUMBER)

    # Undo: Rita opens the launch publication, reads it, restores it, then publishes that.
    rita.goto(f"{site}/admin/triage/publication/{launch.pk}/change/")
    rita.fill("#restore-reason", "Undo the trial number")
    rita.get_by_role("button", name="Restore this publication as the working copy").click()
    expect(rita.locator(".messagelist")).to_contain_text("Restored as the working copy")
    help_page.goto(site + "/get-help/")
    expect(help_page.locator("main")).to_contain_text(FAKE_NUMBER)  # nothing public yet

    rita.goto(site + REVIEW)
    rainn = rita.locator(".triage-review__item", has_text="RAINN")
    expect(rainn.locator("td.word-diff ins")).to_contain_text(["656-4673"])
    rita.fill("#publish-note", "Back to the real number")
    rita.get_by_role("button", name="Publish these changes").click()
    expect(rita.locator(".messagelist")).to_contain_text("Published")
    help_page.goto(site + "/get-help/")
    expect(help_page.locator("main")).to_contain_text(REAL_NUMBER)
    expect(help_page.locator("main")).not_to_contain_text(FAKE_NUMBER)
    public.close()
    assert rita.console.errors == []


def test_one_published_sentence_does_not_sign_off_a_whole_translation(site, people, browser):
    rita = people["rita"]
    guide = Guide.objects.get(language=SPANISH, slug="prevencion")
    guide.reviewed_by = "Dra. Ana Ruiz"
    guide.save()
    assert guide.needs_language_review

    rita.goto(change_form(site, guide))
    whole = rita.get_by_label("I have reviewed the whole translation", exact=False)
    expect(whole).not_to_be_checked()
    body = rita.locator("#id_body")
    body.fill(body.input_value() + "\n\nUna frase más, corta.")
    rita.once("dialog", lambda dialog: dialog.accept())
    save(rita, "_publish")
    confirm = rita.get_by_role("button", name="Publish anyway")
    if confirm.count():  # hard-to-read Spanish asks once more
        confirm.click()
    expect(rita.locator(".messagelist")).to_contain_text("Published")

    guide.refresh_from_db()
    assert "Una frase más" in guide.published_html
    assert guide.needs_language_review
    public = browser.new_context(service_workers="block").new_page()
    public.goto(site + guide.get_absolute_url())
    expect(public.locator("main")).to_contain_text("Una frase más")
    expect(public.locator("main")).not_to_contain_text("Rita Rivera")
    public.context.close()


def test_a_save_says_what_the_public_page_will_leave_out(site, people):
    edna = people["edna"]
    guide = Guide.objects.get(slug="prevention")
    edna.goto(change_form(site, guide))
    body = edna.locator("#id_body")
    body.fill(
        body.input_value() + "\n\n[Call us](javascript:alert(1)) <b>bold</b> {foo} "
        "{{emergency_number}}"
    )
    save(edna, "_continue")
    said = edna.locator(".messagelist")
    expect(said).to_contain_text("Draft saved.")
    expect(said).to_contain_text("javascript:alert(1)")
    expect(said).to_contain_text("<b>")
    expect(said).to_contain_text("{foo}")
    expect(said).to_contain_text("two pairs of braces are not a placeholder")
    assert "javascript:alert(1)" in Guide.objects.get(pk=guide.pk).body  # kept as typed
