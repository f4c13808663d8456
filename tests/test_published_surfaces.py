"""One table of what a reviewer publishes and every public surface that shows it (issue 21): an
editor's saved draft of a field appears on none of them, in either language, and appears on all
of them once published. A surface reads the draft instead of the published copy, and a row
here fails."""

from datetime import date

import pytest
from django.urls import reverse

from guides.models import Source
from guides.services import publish_guide

pytestmark = pytest.mark.django_db

MARK = "Zqxdraftword"


def page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def guide_page(client, guide):
    return page(client, guide.get_absolute_url())


def api_list(client, guide):
    return page(client, "/api/v1/guides/" + ("?lang=es" if guide.language == "es" else ""))


def api_detail(client, guide):
    query = "?lang=es" if guide.language == "es" else ""
    return page(client, f"/api/v1/guides/{guide.slug}/{query}")


def home(client, guide):
    return page(client, "/es/" if guide.language == "es" else "/")


def guide_list(client, guide):
    return page(client, "/es/guides/" if guide.language == "es" else "/guides/")


# What an editor changes in a draft, by field: each edit puts MARK into that field.
def edit_title(guide):
    guide.title = f"{guide.title} {MARK}"
    guide.save()


def edit_summary(guide):
    guide.summary = f"{MARK} summary."
    guide.save()


def edit_body(guide):
    guide.body += f"\n\n{MARK} paragraph.\n"
    guide.save()


def edit_sources(guide):
    Source.objects.create(guide=guide, title=MARK, publisher="CDC", url="https://www.cdc.gov/x/")


def edit_reviewer(guide):
    guide.reviewed_by = f"Dr {MARK}"
    guide.save()


def edit_review_dates(guide):
    guide.last_reviewed, guide.next_review_due = date(2026, 11, 3), date(2027, 11, 3)
    guide.save()


# field → (the draft edit, the surfaces that show the field, what to look for on them).
GUIDE_FIELDS = {
    "title": (edit_title, [guide_page, home, guide_list, api_list, api_detail], MARK),
    "summary": (edit_summary, [guide_page, home, guide_list, api_list, api_detail], MARK),
    "body": (edit_body, [guide_page, api_detail], MARK),
    "sources": (edit_sources, [guide_page, api_detail], MARK),
    "reviewer": (edit_reviewer, [guide_page, api_detail], MARK),
    "review dates": (edit_review_dates, [guide_page, api_detail], "2027-11-03"),
}


def formatted(text: str, surface) -> list[str]:
    """A date is written out on HTML pages and as ISO in JSON."""
    if text == "2027-11-03" and surface in (guide_page, home, guide_list):
        return ["3 November 2027", "November 3, 2027", "3 de noviembre de 2027"]
    return [text]


@pytest.mark.parametrize("language", ["en-us", "es"])
@pytest.mark.parametrize("field", list(GUIDE_FIELDS))
def test_a_guide_draft_reaches_no_public_surface_until_published(
    client, make_guide, field, language
):
    edit, surfaces, mark = GUIDE_FIELDS[field]
    guide = make_guide(language=language, slug=f"surface-{language}-{field.replace(' ', '-')}")
    edit(guide)
    guide.refresh_from_db()
    for surface in surfaces:
        shown = surface(client, guide)
        assert not any(text in shown for text in formatted(mark, surface)), (field, surface)

    publish_guide(guide=guide, reviewer_name="Dr Rita Rivera")
    guide.refresh_from_db()
    for surface in surfaces:
        shown = surface(client, guide)
        assert any(text in shown for text in formatted(mark, surface)), (field, surface)


# The symptom check: each published wording, its draft edit, and where the public meets it.
def check_page(client, language):
    return page(client, ("/es" if language == "es" else "") + reverse("triage:start"))


def rules_api(client, language):
    return page(client, "/api/v1/triage/" + ("?lang=es" if language == "es" else ""))


def get_help(client, language):
    return page(client, ("/es" if language == "es" else "") + reverse("get-help"))


def emergency_result(client, language):
    path = ("/es" if language == "es" else "") + reverse("triage:start")
    response = client.post(path, {"findings": ["heavy_bleeding"], "step": "emergency"})
    assert response.status_code == 200
    return response.content.decode()


TRIAGE_FIELDS = {
    # model, code field, code, field (the Spanish one on Spanish surfaces), surfaces
    "answer": ("Finding", "code", "heavy_bleeding", "question", [check_page, rules_api]),
    "hint": ("Finding", "code", "heavy_bleeding", "hint", [check_page, rules_api]),
    "said": ("Finding", "code", "heavy_bleeding", "said", [emergency_result, rules_api]),
    "reason": ("Rule", "code", "heavy_bleeding", "text", [emergency_result, rules_api]),
    "watch for": ("Rule", "code", "heavy_bleeding", "watch_for", [rules_api]),
    "level card": ("Level", "code", "emergency", "title", [emergency_result, check_page]),
    "page question": ("Page", "code", "emergency", "question", [check_page, rules_api]),
    "help name": ("HelpService", "key", "crisis-988", "name", [get_help, emergency_result]),
    "help hours": (
        "HelpService",
        "key",
        "crisis-988",
        "opening_hours",
        [get_help, emergency_result, rules_api],
    ),
    "help languages": (
        "HelpService",
        "key",
        "crisis-988",
        "languages",
        [get_help, emergency_result, rules_api],
    ),
    "help notes": ("HelpService", "key", "crisis-988", "notes", [get_help, emergency_result]),
    "help texting": ("HelpService", "key", "crisis-988", "text_to", [get_help, rules_api]),
    "level advice": ("Level", "code", "emergency", "advice", [emergency_result, rules_api]),
    "safety-net heading": ("Level", "code", "emergency", "signs_heading", [rules_api]),
    "unreached prompt": ("Page", "code", "about_the_sex", "unreached", [emergency_result]),
    "single choice": ("Choice", "code", "when", "question", [check_page, rules_api]),
    "staff line": ("Finding", "code", "fist_or_object", "tell_staff", [rules_api]),
    "source title": ("Source", "key", "mayo-rectal-bleeding", "title", [emergency_result]),
}
UNTRANSLATED = {"Source"}  # one row for both languages


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("field", list(TRIAGE_FIELDS))
def test_a_symptom_check_draft_reaches_no_public_surface_until_published(
    client, publish_rules, field, language
):
    from django.apps import apps

    model, key, code, name, surfaces = TRIAGE_FIELDS[field]
    row = apps.get_model("triage", model).objects.get(**{key: code})
    name = f"{name}_es" if language == "es" and model not in UNTRANSLATED else name
    setattr(row, name, f"{getattr(row, name)} {MARK}")
    row.save()
    for surface in surfaces:
        assert MARK not in surface(client, language), (field, surface.__name__)

    publish_rules()
    for surface in surfaces:
        assert MARK in surface(client, language), (field, surface.__name__)
