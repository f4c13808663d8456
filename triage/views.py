"""The symptom check pages. Without JavaScript it is a plain form: five pages of questions in the
specification's order, each POSTed with every earlier answer in hidden fields, and the last
POSTed to /triage/result/; Back and "Change your answers" are buttons of the same form. With
JavaScript, static/triage/triage-form.mjs walks the same pages on the phone and shows the
result from the <template>s on the first page.

Why these POST endpoints are csrf_exempt: they change nothing on the server (no database write,
no session, nothing stored or logged), so a forged request can do no harm; and CSRF protection
would need a cookie, which the site never sets for visitors (docs/clinical-safety.md, H9).
Answers are kept out of error reports by sensitive_post_parameters."""

from dataclasses import dataclass
from functools import wraps

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_http_methods

from core.http import answer_endpoint, read_only
from core.languages import api_query

from . import errors
from .engine import Assessment, evaluate
from .forms import BACK, CHANGE, FormAnswers, answers_from
from .results import compose, home_care_for
from .rules import LevelRule, PageRule, RuleSet, load_rule_set, published_rule_set


@dataclass(frozen=True)
class Check:
    """A rule set and where its pages post: the public check, or a staff preview of the
    working copy before a clinical reviewer publishes it."""

    rule_set: RuleSet
    start_url: str
    result_url: str
    rules_url: str

    @property
    def urls(self) -> dict:
        return {"start_url": self.start_url, "result_url": self.result_url}


def public_check() -> Check:
    """The published check in the page's language; the phone fetches the same language's rules."""
    rules_url = reverse("api:triage-rules") + api_query()
    return Check(published_rule_set(), reverse("triage:start"), reverse("triage:result"), rules_url)


def preview_check() -> Check:
    return Check(
        load_rule_set(),
        reverse("triage-preview:start"),
        reverse("triage-preview:result"),
        reverse("triage-preview:rules"),
    )


def question_context(
    check: Check, page: PageRule, answers: FormAnswers | None = None, *, error=None
) -> dict:
    """A page of questions, with its own earlier ticks in place and every other answer carried
    in hidden fields, so Back and "Change your answers" lose nothing."""
    rule_set = check.rule_set
    findings = answers.findings if answers else ()
    nones = answers.nones if answers else frozenset()
    questions = rule_set.questions(page.code)
    choices = [(choice, rule_set.options(choice.code)) for choice in rule_set.choices_on(page.code)]
    on_page = {f.code for f in rule_set.findings if f.group == page.code}
    first = next((f for f in rule_set.findings if f.group == page.code), None)
    number = rule_set.page_number(page.code)
    is_last = rule_set.next_page(page.code) is None
    return {
        "page": page,
        "questions": questions,
        "choices": choices,
        "checked": on_page.intersection(findings),
        "none_checked": page.code in nones,
        "step": number,
        "total": len(rule_set.pages),
        "carried": [code for code in findings if code not in on_page],
        "carried_nones": sorted(nones - {page.code}),
        "error": error,
        "first_input_id": f"finding-{first.code}" if first else "",
        "action": check.result_url if is_last else check.start_url,
        "has_back": number > 1,
        **check.urls,
    }


def result_context(
    check: Check, assessment: Assessment, reached: frozenset[str], nones=frozenset()
) -> dict:
    result = compose(check.rule_set, assessment, reached)
    return {
        "result": result,
        "level": result.level,
        "home_care": result.home_care,
        "carried": assessment.findings,
        "carried_nones": sorted(nones),
        **check.urls,
    }


def shell_context(check: Check, level: LevelRule) -> dict:
    """A result without answers, for the page's <template>: every help service and safety-net
    group the level can show, which the phone keeps or fills from the rule set
    (static/triage/triage-form.mjs), so both paths show the same markup."""
    rule_set = check.rule_set
    return {
        "level": level,
        "shell": True,
        "shell_services": [s for s in rule_set.services if level.code in s.levels],
        "shell_groups": rule_set.levels[: rule_set.rank[level.code]],
        "home_care": home_care_for(rule_set, level.code),
        **check.urls,
    }


def private(response: HttpResponse) -> HttpResponse:
    """Pages that hold answers must never be kept by a browser, proxy or service worker."""
    add_never_cache_headers(response)  # max-age=0, no-cache, no-store, must-revalidate, private
    response.headers["X-Robots-Tag"] = "noindex"
    return response  # padded by answer_endpoint: its size tells no answer


def bad_answers(request: HttpRequest, error: errors.TriageInputError) -> HttpResponse:
    context = {"message": str(error)}
    return private(render(request, "triage/bad_request.html", context, status=error.status))


def show_page(request, check, page, answers, *, error=None) -> HttpResponse:
    context = question_context(check, page, answers, error=error)
    return private(render(request, "triage/question.html", context))


@sensitive_variables()
def answer(request: HttpRequest, check: Check, *, final: bool) -> HttpResponse:
    rule_set = check.rule_set
    try:
        answers: FormAnswers = answers_from(request, rule_set)
    except errors.UnknownFindingError as error:
        # The refusal names only codes this check once had, never words another site sent.
        retired = set(error.codes) <= errors.RETIRED_FINDINGS
        message = str(error) if retired else errors.ANSWERS_NOT_RECOGNIZED
        return bad_answers(request, errors.TriageInputError(message))
    except errors.TriageInputError as error:
        return bad_answers(request, error)
    first_page = rule_set.pages[0]
    if answers.action == CHANGE:
        return show_page(request, check, first_page, answers)
    if answers.step is None and (answers.action == BACK or not final):
        return bad_answers(request, errors.TriageInputError(errors.UNKNOWN_STEP))
    if answers.action == BACK:
        page = rule_set.previous_page(answers.step) or first_page
        return show_page(request, check, page, answers)
    # Only the last page sends its answers to the result: from any other, questions were skipped.
    if final and answers.step is not None and rule_set.next_page(answers.step) is not None:
        return bad_answers(request, errors.TriageInputError(errors.UNKNOWN_STEP))
    try:
        assessment = evaluate(rule_set, answers.findings)
    except errors.TriageInputError as error:
        return bad_answers(request, error)
    # Answers that already match an emergency rule go straight to the emergency result, even
    # with a single choice unanswered or "None of these" also ticked (spec principle 4).
    emergency = assessment.level == rule_set.most_urgent
    problem = None if emergency else answers.problem(rule_set)
    if problem:
        page = rule_set.page_by_code[answers.step]
        return show_page(request, check, page, answers, error=problem)
    next_page = rule_set.next_page(answers.step) if answers.step else None
    if final or next_page is None or emergency:
        reached = rule_set.pages_up_to(answers.step)
        context = result_context(check, assessment, reached, answers.nones)
        return private(render(request, "triage/result.html", context))
    return show_page(request, check, next_page, answers)


def start_page(request: HttpRequest, check: Check) -> HttpResponse:
    if request.method == "POST":
        return answer(request, check, final=False)
    rule_set = check.rule_set
    pages = [question_context(check, page) for page in rule_set.pages]
    results = [shell_context(check, level) for level in rule_set.levels]
    return render(
        request,
        "triage/start.html",
        {
            **pages[0],
            "pages": pages,
            "results": results,
            "rules_url": check.rules_url,
            "rules_version": rule_set.version,
            "choose_message": errors.CHOOSE_AN_ANSWER,
            "none_and_sign_message": errors.NONE_AND_A_SIGN,
            "choose_one_messages": [
                (choice.code, errors.CHOOSE_ONE_OPTION % {"question": choice.question})
                for choice in rule_set.choices
            ],
        },
    )


def result_page(request: HttpRequest, check: Check) -> HttpResponse:
    if request.method != "POST":
        # Results are never addressable: a bookmark or reload starts the check again.
        return redirect(check.start_url)
    return answer(request, check, final=True)


@csrf_exempt
@sensitive_post_parameters()
@require_http_methods(["GET", "HEAD", "POST"])
@answer_endpoint("TRIAGE_RESULT")
def start(request: HttpRequest) -> HttpResponse:
    return start_page(request, public_check())


@csrf_exempt
@sensitive_post_parameters()
@require_http_methods(["GET", "HEAD", "POST"])
@answer_endpoint("TRIAGE_RESULT")
def result(request: HttpRequest) -> HttpResponse:
    return result_page(request, public_check())


def staff_preview(view):
    """Staff who may see the symptom check's rules get the working copy; everyone else a plain
    404, so the address reveals nothing. Never cached, never indexed."""

    @wraps(view)
    def wrapped(request: HttpRequest) -> HttpResponse:
        user = request.user
        if not (user.is_active and user.is_staff and user.has_perm("triage.view_rule")):
            raise Http404
        response = view(request, preview_check())
        add_never_cache_headers(response)
        response["X-Robots-Tag"] = "noindex"
        return response

    return wrapped


@csrf_exempt
@sensitive_post_parameters()
@require_http_methods(["GET", "HEAD", "POST"])
@staff_preview
@answer_endpoint("TRIAGE_RESULT")
def preview_start(request: HttpRequest, check: Check) -> HttpResponse:
    return start_page(request, check)


@csrf_exempt
@sensitive_post_parameters()
@require_http_methods(["GET", "HEAD", "POST"])
@staff_preview
@answer_endpoint("TRIAGE_RESULT")
def preview_result(request: HttpRequest, check: Check) -> HttpResponse:
    return result_page(request, check)


@require_http_methods(["GET", "HEAD"])
@staff_preview
def preview_rules(request: HttpRequest, check: Check) -> HttpResponse:
    """The working copy as the phone's engine would get it, for the preview page."""
    rule_set = check.rule_set
    return JsonResponse({**rule_set.as_payload(), "version": rule_set.version})


@read_only
def get_help(request: HttpRequest) -> HttpResponse:
    return render(request, "triage/get_help.html", {"services": published_rule_set().services})
