"""Steps through the symptom check shared by the browser tests (online, offline, without JS)."""

from playwright.sync_api import expect

TOTAL_PAGES = 5

# Paths through the five pages and the level the specification (version 3) gives; an emergency
# answer ends the check at once. Pages 2 and 3 each have a single choice (when; age).
PATHS = [
    ([["heavy_bleeding"]], "emergency"),
    ([["shock_signs", "object_stuck"]], "emergency"),
    ([[], ["fist_or_object", "when_later"], ["age_18_to_44"], ["fever"]], "emergency"),
    ([[], ["non_consensual", "when_48h"], ["age_18_to_44"], [], []], "er_today"),
    ([[], ["condomless", "partner_risk", "when_48h"], ["age_18_to_44"], [], []], "urgent"),
    (
        [
            [],
            ["non_consensual", "when_later"],
            ["blood_thinners", "age_18_to_44"],
            [],
            ["lump_or_piles"],
        ],
        "urgent",
    ),
    ([[], ["condomless", "partner_risk", "when_later"], ["age_18_to_44"], [], []], "soon"),
    ([[], ["when_later"], ["age_45_to_64"], [], []], "soon"),
    ([[], ["when_later"], ["age_18_to_44"], [], []], "self_care"),
]
SINGLE_CHOICE_OPTIONS = ("when_", "age_")


def answer_pages(page, pages):
    """Answer each page in turn, ticking the signs given or "None of these"; returns how many
    question pages were shown."""
    shown = 0
    for number, codes in enumerate(pages, start=1):
        expect(page.locator(".triage-group__caption")).to_contain_text(
            f"question {number} of {TOTAL_PAGES}"
        )
        shown += 1
        for code in codes:
            page.locator(f"#finding-{code}").check()
        if not [code for code in codes if not code.startswith(SINGLE_CHOICE_OPTIONS)]:
            page.get_by_label("None of these").check()
        page.get_by_role("button", name="Continue").click()
    return shown


def result_of(page):
    result = page.locator("main .triage-result")
    expect(result).to_be_visible()
    return result
