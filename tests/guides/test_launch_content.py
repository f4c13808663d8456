"""The launch guides arrive with the migrations and cover the seed text's facts."""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from guides.models import Guide
from guides.seed import read_seed_guides

SEED_SOURCE = Path(__file__).resolve().parents[3] / "shared" / "source"
EXPECTED_SLUGS = {
    "why-it-happens",
    "what-to-do-now",
    "treatment",
    "prevention",
    "sti-protection",
    "when-to-see-a-doctor",
}


def published_text() -> str:
    return " ".join(
        re.sub(r"<[^>]+>", " ", guide.published_html) for guide in Guide.objects.published()
    ).lower()


@pytest.mark.django_db
def test_a_fresh_database_has_every_launch_guide_published():
    assert set(Guide.objects.published().values_list("slug", flat=True)) >= EXPECTED_SLUGS


@pytest.mark.django_db
def test_every_launch_guide_has_sources_and_review_dates():
    for guide in Guide.objects.filter(slug__in=EXPECTED_SLUGS):
        assert len(guide.published_sources) >= 2, guide.slug
        assert any("medicalnewstoday" in source["url"] for source in guide.published_sources)
        assert guide.next_review_due > guide.last_reviewed
        assert guide.reviewed_by


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fact",
    [
        "fissure",
        "friction",
        "rough",
        "hemorrhoid",
        "chlamydia",
        "gonorrhea",
        "herpes",
        "warts",
        "constipation",
        "enema",
        "warm",
        "soap",
        "fingernails",
        "bath",
        "cream",
        "fiber",
        "water-based",
        "condom",
        "vaginal",
        "toys",
        "embarrass",
        "911",
    ],
)
def test_the_guides_cover_the_seed_texts_facts(fact):
    assert fact in published_text()


@pytest.mark.skipif(not SEED_SOURCE.exists(), reason="shared/ seed text is not beside the repo")
def test_no_sentence_of_the_seed_text_is_copied():
    """Our own words: no run of eight words from the seed text appears in any guide."""

    def words(text: str) -> list[str]:
        return re.findall(r"[a-z0-9']+", text.lower().replace("\u2019", "'"))

    def runs(tokens: list[str], size: int = 8) -> set[tuple[str, ...]]:
        return {tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}

    source_runs = set()
    for path in SEED_SOURCE.glob("*.txt"):
        source_runs |= runs(words(path.read_text(encoding="utf-8")))
    for seed in read_seed_guides():
        text = " ".join([seed["title"], seed["summary"], seed["body"]])
        copied = runs(words(text)) & source_runs
        assert not copied, f"{seed['slug']} copies: {[' '.join(run) for run in copied]}"


@pytest.mark.django_db
def test_loading_the_content_again_never_overwrites_an_editors_change():
    guide = Guide.objects.get(slug="treatment")
    guide.body = "An editor's new text."
    guide.save()
    call_command("load_seed_content", stdout=StringIO())
    guide.refresh_from_db()
    assert guide.body == "An editor's new text."
    assert Guide.objects.filter(slug="treatment").count() == 1


@pytest.mark.django_db
def test_loading_the_content_restores_a_deleted_launch_guide():
    Guide.objects.filter(slug="prevention").delete()
    call_command("load_seed_content", stdout=StringIO())
    assert Guide.objects.published().filter(slug="prevention").exists()
