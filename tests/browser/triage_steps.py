"""Steps through the symptom check shared by the browser tests (online, offline, without JS)."""

from playwright.sync_api import expect

TOTAL_PAGES = 5

# Paths through the five pages and the level the specification gives; an emergency answer
# ends the check at once.
PATHS = [
    ([["heavy_bleeding"]], "emergency"),
    ([["shock_signs", "object_stuck"]], "emergency"),
    ([[], ["fist_or_object"], [], ["fever"]], "emergency"),
    ([[], ["condomless", "partner_risk", "no_prep", "within_72h"], [], [], []], "urgent"),
    ([[], ["non_consensual"], ["blood_thinners"], [], ["sti_symptoms"]], "urgent"),
    ([[], ["condomless", "partner_risk"], [], [], []], "soon"),
    ([[], [], ["age_45_plus"], [], []], "soon"),
    ([[], [], [], [], []], "self_care"),
]


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
        if not codes:
            page.get_by_label("None of these").check()
        page.get_by_role("button", name="Continue").click()
    return shown


def result_of(page):
    result = page.locator("main .triage-result")
    expect(result).to_be_visible()
    return result
