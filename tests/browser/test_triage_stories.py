"""Patient stories through the symptom check (version 2 of shared/triage-spec.md), in a real
Chromium, with JavaScript and without.

Each story is one person, in their own words. Its ticks are what that person would tick reading
each page's labels literally, and only what the story says: a page the story says nothing about
gets "None of these". The expected level (and whether the "go to an emergency room" line shows)
was worked out by hand from the specification's rule table, never with the app's engine, so an
engine bug shows up here. The pages are answered by their visible wording only.

An emergency story lists ticks only up to the page where its emergency rule is complete: the
check must end there, and every other result must come after all five pages."""

import re
from typing import NamedTuple

import pytest
from playwright.sync_api import expect

from .story_steps import (
    ER_LINE,
    NONE_OF_THESE,
    TOTAL_PAGES,
    after_continue,
    answer,
    checkbox,
    continue_,
    expect_question,
    open_check,
    result_of,
    told_list,
    walk,
)

# django_db makes pytest-django create the test database even when only tests from this module
# run: `site` below is not its `live_server`, which would otherwise ask for it. Each test's own
# transaction is on this thread's connection, where nothing is written; the server's threads
# read what `site` committed. The browser starts before that transaction (see `walker`): starting
# Playwright changes the context Django's connections are kept in.
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

# The visible words of the tick-boxes (triage/seed.py), enough of each to pick out one label.
# Page 1: emergency signs
A_LOT_OF_BLOOD = "A lot of blood, or bleeding that will not stop"
PASSED_OUT = "You passed out"
VERY_BAD_BELLY_PAIN = "Very bad belly pain"
OBJECT_STUCK = "A toy or object is stuck inside"
SPREADING_REDNESS = "Redness or swelling that spreads fast"
# Page 2: about the sex
NO_CONSENT = "without your consent, or you are not sure you agreed"
NO_CONDOM = "No condom was used, or it broke or came off"
NEW_PARTNER = "The partner is new or casual"
NO_PREP = "You do not take PrEP, you missed doses"
UNDER_3_DAYS = "less than 3 days (72 hours) ago"
SHARED_NEEDLES = "You shared needles"
FIST_OR_BIG_TOY = "A fist or hand, or a large toy or object, went inside"
# Page 3: about you
BLOOD_THINNER = "You take a medicine that thins your blood"
WEAK_IMMUNE = "Your immune system is weak"
RECENT_PROCEDURE = "You had a procedure on your anus, bowel or prostate"
PREGNANT = "You are pregnant, or you might be"
PREGNANCY_SIGNS = "You have cramps"
AGE_45 = "You are 45 or older"
UNDER_18 = "You are under 18"
# Page 4: today
TAR_POOP = "like tar"
BLOODY_DIARRHEA = "Diarrhea with blood in it"
FEVER = "A fever, or you feel hot and shivery"
BELLY_PAIN = "Belly pain since the sex"
PAINFUL_LUMP = "A painful lump near your bottom"
CANNOT_SIT = "so bad that you cannot sit"
CANNOT_HOLD = "You still cannot hold in poop or gas"
BULGE = "bulge"
CANNOT_PEE = "You cannot pee"
# Page 5: soon
PAIN_NEXT_DAY = "still there the day after, or pain when you poop"
BLEEDING_LASTS = "The bleeding has lasted more than 2 days"
BLEED_WITHOUT_SEX = "You also bleed from your bottom at times when you have not had sex"
STI_SIGNS = "Discharge, sores, blisters, warts or itching"
THREE_WEEKS = "For 3 weeks or more"
PILES = "hemorrhoids (piles) that keep coming back"
WEEK_NO_BETTER = "no better after a week"
SOMETHING_ELSE = "Something else about your health since the sex worries you"


class Story(NamedTuple):
    id: str
    story: str
    ticks: dict[int, list[str]]  # page number: label words to tick; other pages "None of these"
    level: str
    # Must the "emergency room, not urgent care" line show? None: not checked. The line belongs
    # to urgent results only: a matching `er` rule below the result's level does not bring it.
    er_line: bool | None


STORIES = [
    # --- HIV risk, PrEP and PEP --------------------------------------------------------------
    Story(
        "prep-daily-app-hookup",
        "I'm 29 and take PrEP every day. Last night I hooked up with a guy from an app without "
        "a condom, and there was a bit of blood on the tissue afterwards.",
        {2: [NO_CONDOM, NEW_PARTNER, UNDER_3_DAYS]},
        "soon",  # sti_hiv_test; no hiv_pep without "no PrEP"
        None,
    ),
    Story(
        "condom-broke-never-prep",
        "The condom broke last night with a guy I just met. I've never taken PrEP.",
        {2: [NO_CONDOM, NEW_PARTNER, NO_PREP, UNDER_3_DAYS]},
        "urgent",  # hiv_pep (setting any)
        False,
    ),
    Story(
        "woman-missed-prep-party",
        "I'm a woman, 22. Two days ago I had anal sex without a condom with a guy I met at a "
        "party. I take PrEP pills but I missed a few this week.",
        {2: [NO_CONDOM, NEW_PARTNER, NO_PREP, UNDER_3_DAYS]},
        "urgent",  # hiv_pep
        False,
    ),
    Story(
        "trans-woman-prep-shots",
        "I'm a trans woman and my PrEP shots are up to date. Last night I had sex with a guy "
        "from Grindr without a condom and now there's a little blood.",
        {2: [NO_CONDOM, NEW_PARTNER, UNDER_3_DAYS]},
        "soon",  # sti_hiv_test
        None,
    ),
    Story(
        "partner-hiv-viral-load-unknown",
        "My new boyfriend told me after we had sex without a condom yesterday that he has HIV, "
        "and he doesn't know if he's undetectable. I'm not on PrEP.",
        {2: [NO_CONDOM, NEW_PARTNER, NO_PREP, UNDER_3_DAYS]},
        "urgent",  # hiv_pep
        False,
    ),
    Story(
        "partner-undetectable",
        "My husband has HIV and he's undetectable, so we don't use condoms and I'm not on "
        "PrEP. There was a little blood after sex last night.",
        {2: [NO_CONDOM, NO_PREP, UNDER_3_DAYS]},
        "self_care",  # no partner risk: neither hiv_pep nor sti_hiv_test
        None,
    ),
    Story(
        "chemsex-slamming-last-night",
        "At a chemsex party last night I shared a needle to slam, and we fucked without "
        "condoms. I don't know the guys' HIV status. I'm on PrEP and took it.",
        {2: [NO_CONDOM, NEW_PARTNER, UNDER_3_DAYS, SHARED_NEEDLES]},
        "urgent",  # hiv_pep_needles (any), sti_hiv_test, needles_test
        False,
    ),
    Story(
        "needles-two-weeks-ago",
        "Two weeks ago at a party I shared needles and had sex with my boyfriend. Since then "
        "I've had a little blood now and then.",
        {2: [SHARED_NEEDLES], 5: [BLEEDING_LASTS]},
        "soon",  # needles_test, bleeding_persists
        None,
    ),
    Story(
        "bloody-diarrhea-on-prep",
        "A week ago I had sex with a new guy without a condom; I take PrEP every day. For two "
        "days now I've had diarrhea with blood in it.",
        {2: [NO_CONDOM, NEW_PARTNER], 4: [BLOODY_DIARRHEA]},
        "urgent",  # bloody_diarrhea (any), sti_hiv_test
        False,
    ),
    # --- Consent -----------------------------------------------------------------------------
    Story(
        "drunk-unsure-consent-last-night",
        "I was really drunk at a party last night and woke up sore and bleeding from my bottom. "
        "I don't know who it was or if I said yes.",
        {2: [NO_CONSENT, NO_CONDOM, NEW_PARTNER, UNDER_3_DAYS]},
        "urgent",  # non_consensual_recent (er)
        True,
    ),
    Story(
        "spiked-drink-unsure-when",
        "I think my drink was spiked at a bar. I don't think I agreed to what happened, I don't "
        "know if he used a condom, and I'm not sure if it was two or three days ago.",
        {2: [NO_CONSENT, NO_CONDOM, UNDER_3_DAYS]},
        "urgent",  # non_consensual_recent (er)
        True,
    ),
    Story(
        "forced-a-week-ago",
        "A man I know forced himself on me a week ago. I haven't told anyone. I still bleed a "
        "little every time I poop.",
        {2: [NO_CONSENT], 5: [BLEEDING_LASTS]},
        "urgent",  # non_consensual (any): past 72 hours, no ER line
        False,
    ),
    # --- Fisting, toys and objects -----------------------------------------------------------
    Story(
        "fisting-then-hot-and-shivery",
        "We did fisting two nights ago. Since yesterday I feel hot and shivery.",
        {2: [FIST_OR_BIG_TOY, UNDER_3_DAYS], 4: [FEVER]},
        "emergency",  # fist_fever
        None,
    ),
    Story(
        "fisting-then-belly-ache",
        "My partner fisted me last night. My belly has ached ever since and it's getting worse, "
        "though it isn't terrible.",
        {2: [FIST_OR_BIG_TOY, UNDER_3_DAYS], 4: [BELLY_PAIN]},
        "emergency",  # fist_belly_pain
        None,
    ),
    Story(
        "fisting-a-week-ago-fine",
        "My regular partner fisted me a week ago. There was a bit of blood after, none since, "
        "and I feel fine.",
        {2: [FIST_OR_BIG_TOY]},
        "self_care",  # fist_or_object is context only
        None,
    ),
    Story(
        "fisting-cannot-hold-gas",
        "My partner fisted me last night. Hours later I still can't hold in gas, and I've "
        "leaked a bit of poop.",
        {2: [FIST_OR_BIG_TOY, UNDER_3_DAYS], 4: [CANNOT_HOLD]},
        "urgent",  # leaking_poop (er)
        True,
    ),
    Story(
        "plug-snapped-inside",
        "I used a butt plug an hour ago and the base snapped off. Part of it is still inside.",
        {1: [OBJECT_STUCK]},
        "emergency",  # object_stuck
        None,
    ),
    Story(
        "glass-toy-cracked",
        "A glass dildo cracked while I was using it. I got it out, but I'm not sure every piece "
        "came out.",
        {1: [OBJECT_STUCK]},
        "emergency",  # object_stuck (the hint: not sure all of it came out)
        None,
    ),
    Story(
        "big-dildo-hard-belly",
        "After using a really big dildo I have terrible belly pain and my belly feels hard.",
        {1: [VERY_BAD_BELLY_PAIN]},
        "emergency",  # severe_abdominal_pain
        None,
    ),
    Story(
        "big-toy-cannot-pee",
        "I used a really big toy last night. Today I can only pee a little, and only if I push "
        "hard.",
        {2: [FIST_OR_BIG_TOY, UNDER_3_DAYS], 4: [CANNOT_PEE]},
        "urgent",  # cannot_pee (er)
        True,
    ),
    # --- Bleeding itself ---------------------------------------------------------------------
    Story(
        "toilet-bright-red-clots",
        "About an hour after sex the toilet water went bright red and I passed some clots.",
        {1: [A_LOT_OF_BLOOD]},
        "emergency",  # heavy_bleeding
        None,
    ),
    Story(
        "fainted-in-bathroom",
        "I fainted in the bathroom right after we had sex. I'm lying down now and feel okay.",
        {1: [PASSED_OUT]},
        "emergency",  # shock_signs (tick them even if they stopped)
        None,
    ),
    Story(
        "pink-water-only",
        "This morning after sex the toilet water went a bit pink, no clots, and it's stopped.",
        {2: [UNDER_3_DAYS]},
        "self_care",  # pink water is not heavy bleeding (the hint says so)
        None,
    ),
    Story(
        "bled-once-now-fine",
        "I bled a little once, right after sex with my boyfriend last week. It stopped straight "
        "away and I feel completely fine.",
        {},
        "self_care",
        None,
    ),
    Story(
        "poppers-racing-heart",
        "After poppers my heart raced for a minute, but that passed and I'm not dizzy. There was "
        "a little blood on the condom afterwards.",
        {},
        "self_care",  # a racing heart alone is not a shock sign
        None,
    ),
    Story(
        "worried-nothing-fits",
        "There was a tiny bit of blood on the tissue after sex a week ago. None of your signs "
        "fit me, but I keep worrying about it.",
        {5: [SOMETHING_ELSE]},
        "soon",  # still_worried (not sure counts as yes)
        None,
    ),
    Story(
        "piles-for-years",
        "I've had piles for years that keep flaring up. After sex with my wife there was bright "
        "red blood on the paper, but I sometimes bleed when I poop anyway.",
        {5: [PILES, BLEED_WITHOUT_SEX]},
        "soon",  # lump_or_piles, bleeding_without_sex
        None,
    ),
    Story(
        "fissure-stings-when-pooping",
        "Since anal sex four days ago it stings like a paper cut every time I poop, and there's "
        "a streak of blood on the paper each time.",
        {5: [PAIN_NEXT_DAY, BLEEDING_LASTS]},
        "soon",  # painful_bleeding, bleeding_persists
        None,
    ),
    Story(
        "strap-on-8-days-no-better",
        "It's been 8 days since my girlfriend pegged me with a strap-on. I'm still sore and "
        "still spotting, and it's no better.",
        {5: [PAIN_NEXT_DAY, BLEEDING_LASTS, WEEK_NO_BETTER]},
        "soon",
        None,
    ),
    Story(
        "woman-itching-discharge",
        "I'm a woman, 31. After anal sex with my boyfriend of two years there was a bit of "
        "blood, and I also have itching and a discharge from my bottom.",
        {5: [STI_SIGNS]},
        "soon",  # sti_symptoms
        None,
    ),
    # --- Age, medicines, health --------------------------------------------------------------
    Story(
        "age-50-husband-condom",
        "I'm 50. My husband and I had anal sex with a condom five days ago and I saw a streak of "
        "bright red blood on the paper. It stopped and I feel fine.",
        {3: [AGE_45]},
        "soon",  # age_45_plus
        None,
    ),
    Story(
        "tired-thin-poop-61",
        "I'm 61. For about a month I've felt very tired and my poop has been thinner than usual. "
        "I noticed blood after sex with my wife.",
        {3: [AGE_45], 5: [THREE_WEEKS]},
        "soon",  # age_45_plus, bowel_changes
        None,
    ),
    Story(
        "tar-black-poop-58",
        "I'm 58. Since the weekend my poop has been black and sticky, like tar.",
        {3: [AGE_45], 4: [TAR_POOP]},
        "urgent",  # dark_stool (er)
        True,
    ),
    Story(
        "eliquis-67-on-and-off",
        "I'm 67 and take Eliquis for my heart rhythm. I've been bleeding from my bottom on and "
        "off since my partner and I had anal sex two days ago.",
        {2: [UNDER_3_DAYS], 3: [BLOOD_THINNER, AGE_45], 5: [BLEEDING_LASTS]},
        "urgent",  # blood_thinners (any)
        False,
    ),
    Story(
        "plavix-stent-once",
        "I've taken Plavix since my heart stent. I saw blood on the tissue once after anal sex "
        "with my wife last week.",
        {3: [BLOOD_THINNER]},
        "urgent",  # blood_thinners
        False,
    ),
    Story(
        "baby-aspirin-52",
        "I'm 52 and take a baby aspirin every day, nothing else. There was a bit of blood after "
        "anal sex with my partner of 20 years last week.",
        {3: [AGE_45]},
        "soon",  # low-dose aspirin alone does not count (the hint says so): age_45_plus
        None,
    ),
    Story(
        "hemorrhoid-banding-3-weeks",
        "I had my hemorrhoids banded three weeks ago. Last night my boyfriend and I had sex and "
        "now there's blood.",
        {2: [UNDER_3_DAYS], 3: [RECENT_PROCEDURE]},
        "urgent",  # recent_procedure (any)
        False,
    ),
    Story(
        "chemo-fever",
        "I'm on chemotherapy for lymphoma. After sex with my partner two days ago there was "
        "some blood, and tonight my temperature is 38.3.",
        {2: [UNDER_3_DAYS], 3: [WEAK_IMMUNE], 4: [FEVER]},
        "emergency",  # fever_weak_immunity
        None,
    ),
    Story(
        "hiv-off-meds-fever",
        "I have HIV but stopped my meds last year, and my last CD4 count was low. I had sex "
        "with my partner last week and now I have a fever of 101.",
        {3: [WEAK_IMMUNE], 4: [FEVER]},
        "emergency",  # fever_weak_immunity
        None,
    ),
    Story(
        "crohns-humira-no-fever",
        "I have Crohn's disease and take Humira. I had a little blood after sex with my husband "
        "a week ago; no fever, nothing else.",
        {3: [WEAK_IMMUNE]},
        "self_care",  # weak_immune_system is context only
        None,
    ),
    Story(
        "pregnant-with-cramps",
        "I'm 24 weeks pregnant. After anal sex with my husband this morning there's some blood "
        "from my bottom, and now I'm having cramps.",
        {2: [UNDER_3_DAYS], 3: [PREGNANT, PREGNANCY_SIGNS]},
        "emergency",  # pregnancy_warning
        None,
    ),
    Story(
        "pregnant-spotting-week-ago",
        "I'm about 12 weeks pregnant. There was a little blood on the toilet paper after anal "
        "sex with my husband a week ago. No cramps or anything else.",
        {3: [PREGNANT]},
        "soon",  # pregnant
        None,
    ),
    # --- Young people ------------------------------------------------------------------------
    Story(
        "teen-16-boyfriend-condom",
        "I'm 16. My boyfriend and I have been together a year, and we used a condom this "
        "morning. There was a little blood but it stopped.",
        {2: [UNDER_3_DAYS], 3: [UNDER_18]},
        "self_care",  # under_18 and within_72h are context only
        None,
    ),
    Story(
        "teen-17-hot-and-shivery",
        "I'm 17. Since sex with my boyfriend two days ago I've felt hot and shivery.",
        {2: [UNDER_3_DAYS], 3: [UNDER_18], 4: [FEVER]},
        "urgent",  # fever (any)
        False,
    ),
    Story(
        "teen-17-big-toy-fever",
        "I'm 17. My boyfriend used a big toy on me two days ago, and since last night I've had "
        "a fever.",
        {2: [FIST_OR_BIG_TOY, UNDER_3_DAYS], 3: [UNDER_18], 4: [FEVER]},
        "emergency",  # fist_fever; youth support still shows
        None,
    ),
    # --- Lumps, bulges, infection ------------------------------------------------------------
    Story(
        "lump-and-fever",
        "There's a painful lump next to my anus that keeps getting bigger and throbs, and since "
        "yesterday I've had a fever of 101.",
        {4: [FEVER, PAINFUL_LUMP]},
        "urgent",  # fever_abscess (er)
        True,
    ),
    Story(
        "bulge-stuck-cannot-sit",
        "Something bulged out of my bottom after sex this morning and won't go back in, and it "
        "hurts so much I can't sit.",
        {2: [UNDER_3_DAYS], 4: [BULGE, CANNOT_SIT]},
        "emergency",  # trapped_prolapse; prolapse (er) is only urgent, so no ER line
        False,
    ),
    Story(
        "spreading-redness-diabetic",
        "I'm diabetic. Since this morning the skin around my anus and balls has gone red and "
        "swollen, and the redness is spreading fast.",
        {1: [SPREADING_REDNESS]},
        "emergency",  # spreading_infection
        None,
    ),
]

MODES = [pytest.param(True, id="js"), pytest.param(False, id="no-js")]
# Help lines the specification names (as seeded for the United States).
RAINN = "800-656-4673"
CHILDHELP = "1-800-422-4453"
TREVOR = "1-866-488-7386"


def test_the_stories_are_well_formed():
    """A guard on the table itself: unique ids, real pages, and (see the module docstring)
    emergency stories that stop at their last ticked page."""
    assert len(STORIES) >= 32
    assert len({story.id for story in STORIES}) == len(STORIES)
    levels = {story.level for story in STORIES}
    assert levels == {"emergency", "urgent", "soon", "self_care"}
    for story in STORIES:
        assert set(story.ticks) <= set(range(1, TOTAL_PAGES + 1)), story.id
        assert all(story.ticks.values()), f"{story.id}: leave out a page with nothing to tick"
        if story.level in {"soon", "self_care"}:
            assert story.er_line is None, story.id


@pytest.fixture(scope="module")
def site(launch_content, django_db_blocker):
    """One live server, and one copy of the launch content, for every test in this module.

    The tests here only read: nothing they do writes to the database. The shared `site` fixture
    reloads the content and flushes the database around each test, which is most of a test's
    time here; one load for the module keeps the 100-odd walks within a few minutes. The content
    loaded is what the migrations made, so the database is left as the other tests expect it
    (these tests are not transactional, so pytest-django runs them before the tests that flush).
    Taking the shared fixture's name keeps it out of this module: its flush after a test would
    empty the database the others here read."""
    from django.core import serializers
    from django.db import transaction
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        with transaction.atomic():
            for deserialised in serializers.deserialize("json", launch_content):
                deserialised.save()
        server = LiveServer("localhost")
        server._live_server_modified_settings.enable()
        try:
            yield server.url
        finally:
            server._live_server_modified_settings.disable()
            server.stop()


@pytest.fixture
def walker(request, site, browser):
    """A fresh tab, in a fresh context with or without JavaScript, and what to check after.
    (`browser` is named here so that it starts before the test's database transaction.)"""
    javascript = request.param
    ctx = request.getfixturevalue("context" if javascript else "no_js_context")
    page = ctx.new_page()
    page.set_default_timeout(10_000)  # a label that is not there fails in seconds, not 30
    errors = []
    if javascript:
        page.on("pageerror", lambda error: errors.append(str(error)))
    return javascript, ctx, page, errors


def walk_and_watch(page, site, ticks, *, javascript):
    """Walks the check; with JavaScript, records every request made after the rule set is in
    and the page is quiet."""
    requests = []
    open_check(page, site, javascript=javascript)
    if javascript:
        page.wait_for_load_state("networkidle")
        page.on("request", lambda request: requests.append(f"{request.method} {request.url}"))
    shown = walk(page, ticks)
    return shown, requests


@pytest.mark.parametrize("walker", MODES, indirect=True)
@pytest.mark.parametrize("story", STORIES, ids=[story.id for story in STORIES])
def test_story(site, story, walker):
    javascript, ctx, page, errors = walker
    shown, requests = walk_and_watch(page, site, story.ticks, javascript=javascript)

    result = result_of(page)
    expect(result).to_have_attribute("data-triage-level", story.level)
    if story.level == "emergency":
        assert shown == max(story.ticks), "the check must end at the first emergency match"
    else:
        assert shown == TOTAL_PAGES
    er_line = page.get_by_text(ER_LINE)
    if story.er_line is True:
        expect(er_line).to_be_visible()
    elif story.er_line is False:
        expect(er_line).not_to_be_visible()
    if story.level == "emergency":
        # The check may have ended before the questions about the sex: the time-critical advice
        # always comes (PEP within 72 hours; support after sex without consent, with RAINN).
        expect(result).to_contain_text("ask for PEP")
        expect(result).to_contain_text(RAINN)
    if UNDER_18 in story.ticks.get(3, []):
        # Youth support on every result, whatever the level.
        expect(result).to_contain_text(CHILDHELP)
        expect(result).to_contain_text(TREVOR)

    assert ctx.cookies() == []
    if javascript:
        assert requests == [], "answers must never leave the phone"
        assert page.url == site + "/triage/"
        assert errors == []


# --- The flow around the stories ------------------------------------------------------------


@pytest.mark.parametrize("walker", MODES, indirect=True)
def test_back_keeps_the_ticks_of_the_page_before(site, walker):
    javascript, ctx, page, errors = walker
    open_check(page, site, javascript=javascript)
    back = page.get_by_role("button", name="Back", exact=True)
    expect(back).to_be_hidden()
    answer(page, [])
    expect_question(page, 2)
    answer(page, [NO_CONDOM, NEW_PARTNER])
    expect_question(page, 3)

    def page_2_as_left():
        expect_question(page, 2)
        expect(checkbox(page, NO_CONDOM)).to_be_checked()
        expect(checkbox(page, NEW_PARTNER)).to_be_checked()
        expect(checkbox(page, NO_PREP)).not_to_be_checked()
        expect(checkbox(page, NONE_OF_THESE)).not_to_be_checked()

    back.click()
    page_2_as_left()
    if javascript:
        continue_(page)
        expect_question(page, 3)
        page.go_back()
        page_2_as_left()
    continue_(page)
    expect_question(page, 3)
    # Back once more from page 2 shows page 1 as answered.
    back.click()
    expect_question(page, 2)
    back.click()
    expect_question(page, 1)
    expect(checkbox(page, NONE_OF_THESE)).to_be_checked()
    # Continue still works, with every answer kept: no condom with a new partner is "soon".
    assert walk(page, {2: [NO_CONDOM, NEW_PARTNER]}) == TOTAL_PAGES
    expect(result_of(page)).to_have_attribute("data-triage-level", "soon")
    assert ctx.cookies() == []
    assert errors == []


@pytest.mark.parametrize("walker", MODES, indirect=True)
def test_change_your_answers_starts_again_with_the_ticks_in_place(site, walker):
    javascript, ctx, page, errors = walker
    open_check(page, site, javascript=javascript)
    walk(page, {2: [NO_CONDOM, NEW_PARTNER, UNDER_3_DAYS], 3: [AGE_45]})
    expect(result_of(page)).to_have_attribute("data-triage-level", "soon")

    page.get_by_role("button", name="Change your answers").click()
    expect_question(page, 1)
    expect(checkbox(page, NONE_OF_THESE)).to_be_checked()
    continue_(page)
    expect_question(page, 2)
    for label in (NO_CONDOM, NEW_PARTNER, UNDER_3_DAYS):
        expect(checkbox(page, label)).to_be_checked()
    expect(checkbox(page, NO_PREP)).not_to_be_checked()
    # The one change: no PrEP after all. That makes it PEP, today.
    checkbox(page, NO_PREP).check()
    continue_(page)
    expect_question(page, 3)
    expect(checkbox(page, AGE_45)).to_be_checked()
    continue_(page)
    for number in (4, 5):
        expect_question(page, number)
        expect(checkbox(page, NONE_OF_THESE)).to_be_checked()
        continue_(page)
    result = result_of(page)
    expect(result).to_have_attribute("data-triage-level", "urgent")
    expect(page.get_by_text(ER_LINE)).not_to_be_visible()
    assert ctx.cookies() == []
    assert errors == []


def test_none_of_these_and_a_sign_without_javascript_is_an_error(site, no_js_context):
    page = no_js_context.new_page()
    open_check(page, site, javascript=False)
    checkbox(page, A_LOT_OF_BLOOD).check()
    checkbox(page, NONE_OF_THESE).check()
    continue_(page)
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("None of these")
    expect(alert).to_contain_text("a sign")
    expect_question(page, 1)
    expect(page.locator("main .triage-result")).to_have_count(0)
    # The person fixes it and goes on.
    checkbox(page, NONE_OF_THESE).uncheck()
    continue_(page)
    expect(result_of(page)).to_have_attribute("data-triage-level", "emergency")
    assert no_js_context.cookies() == []


def test_none_of_these_excludes_the_signs_with_javascript(site, page, context):
    open_check(page, site, javascript=True)
    sign, none = checkbox(page, A_LOT_OF_BLOOD), checkbox(page, NONE_OF_THESE)
    sign.check()
    checkbox(page, OBJECT_STUCK).check()
    none.check()
    expect(sign).not_to_be_checked()
    expect(checkbox(page, OBJECT_STUCK)).not_to_be_checked()
    sign.check()
    expect(none).not_to_be_checked()
    # Both checked by a script, without change events: Continue refuses them.
    for label in (A_LOT_OF_BLOOD, NONE_OF_THESE):
        checkbox(page, label).evaluate("(element) => { element.checked = true; }")
    continue_(page)
    assert after_continue(page, 1) == "error"
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("None of these")
    expect(alert).to_contain_text("a sign")
    expect_question(page, 1)
    expect(page.locator("main .triage-result")).to_have_count(0)
    assert page.console.errors == []
    assert context.cookies() == []


PRINT_STUB = "window.__printed = 0; window.print = () => { window.__printed += 1; };"
# The short forms (seed.py's `text`) of what the person below ticks, in the pages' order.
TOLD = [
    "no condom, or it broke or came off, or not sure",
    "a new or casual partner, or one who may have HIV that is not undetectable",
    "45 or older",
]


@pytest.mark.parametrize("walker", MODES, indirect=True)
def test_the_result_prints_what_to_tell_the_nurse(site, walker):
    javascript, ctx, page, errors = walker
    if javascript:
        page.add_init_script(PRINT_STUB)
    open_check(page, site, javascript=javascript)
    walk(page, {2: [NO_CONDOM, NEW_PARTNER], 3: [AGE_45]})
    expect(result_of(page)).to_have_attribute("data-triage-level", "soon")
    told = told_list(page)
    expect(told).to_have_text(TOLD)

    print_button = page.get_by_role("button", name="Print or save this page")
    if javascript:
        expect(print_button).to_be_visible()
        print_button.click()
        assert page.evaluate("window.__printed") == 1
    else:
        expect(print_button).to_be_hidden()

    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.get_by_role("link", name=re.compile("Exit this page"))).to_be_hidden()
    expect(page.get_by_role("heading", name="What to tell the nurse or doctor")).to_be_visible()
    for item in told.all():
        expect(item).to_be_visible()
    assert ctx.cookies() == []
    assert errors == []
