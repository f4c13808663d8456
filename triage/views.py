"""The symptom check pages. Without JavaScript it is a plain form: one page per group of signs
(emergency first), each answer POSTed with the earlier answers in hidden fields, and the final
answer POSTed to /triage/result/. With JavaScript, static/triage/triage-form.mjs walks the same
pages on the phone and shows the result from the <template>s on the first page.

Why these POST endpoints are csrf_exempt: they change nothing on the server (no database write,
no session, nothing stored or logged), so a forged request can do no harm; and CSRF protection
would need a cookie, which the site never sets for visitors (docs/clinical-safety.md, H9).
Answers are kept out of error reports by sensitive_post_parameters."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_http_methods

from core.http import pad_to_fixed_length, read_only

from . import errors
from .engine import Assessment, evaluate
from .forms import FormAnswers, answers_from
from .rules import LevelRule, RuleSet, published_rule_set


def question_context(
    rule_set: RuleSet, group: LevelRule, *, carried=(), error: str | None = None
) -> dict:
    step = [g.code for g in rule_set.groups].index(group.code) + 1
    is_last = rule_set.next_group(group.code) is None
    questions = rule_set.questions(group.code)
    return {
        "group": group,
        "questions": questions,
        "step": step,
        "total": len(rule_set.groups),
        "carried": carried,
        "error": error,
        "first_input_id": f"finding-{questions[0].code}" if questions else "",
        "action": reverse("triage:result") if is_last else reverse("triage:start"),
    }


def result_context(rule_set: RuleSet, assessment: Assessment) -> dict:
    level = rule_set.level_by_code[assessment.level]
    return {
        "level": level,
        "reasons": assessment.reasons,
        "sections": rule_set.safety_sections(level.code),
        "services": rule_set.services_for(level.code, assessment.codes),
        "sources": rule_set.sources_for(assessment.codes),
    }


def shell_context(rule_set: RuleSet, level: LevelRule) -> dict:
    """A result without answers, for the page's <template>: every service is included and
    marked with where it fits, so the phone can keep the ones that match."""
    return {
        "level": level,
        "reasons": (),
        "sections": rule_set.safety_sections(level.code),
        "services": rule_set.services,
        "sources": (),
        "shell": True,
    }


def private(response: HttpResponse) -> HttpResponse:
    """Pages that hold answers must never be kept by a browser, proxy or service worker."""
    add_never_cache_headers(response)  # max-age=0, no-cache, no-store, must-revalidate, private
    response.headers["X-Robots-Tag"] = "noindex"
    return pad_to_fixed_length(response, settings.TRIAGE_RESULT_BYTES)  # size tells no answer


def bad_answers(request: HttpRequest, error: errors.TriageInputError) -> HttpResponse:
    context = {"message": str(error)}
    return private(render(request, "triage/bad_request.html", context, status=error.status))


@sensitive_variables()
def answer(request: HttpRequest, rule_set: RuleSet, *, final: bool) -> HttpResponse:
    try:
        answers: FormAnswers = answers_from(request, rule_set)
    except errors.UnknownFindingError:
        return bad_answers(request, errors.TriageInputError(errors.ANSWERS_NOT_RECOGNIZED))
    except errors.TriageInputError as error:
        return bad_answers(request, error)
    if answers.step is None and not final:
        return bad_answers(request, errors.TriageInputError(errors.UNKNOWN_STEP))
    # Only the last page sends its answers to the result: from any other, questions were skipped.
    if final and answers.step is not None and rule_set.next_group(answers.step) is not None:
        return bad_answers(request, errors.TriageInputError(errors.UNKNOWN_STEP))
    if not answers.answered(rule_set):
        group = rule_set.level_by_code[answers.step]
        context = question_context(
            rule_set, group, carried=answers.carried(rule_set), error=errors.CHOOSE_AN_ANSWER
        )
        return private(render(request, "triage/question.html", context))

    assessment = evaluate(rule_set, answers.findings)
    next_group = rule_set.next_group(answers.step) if answers.step else None
    # An emergency answer goes straight to the emergency result, without further questions.
    if final or next_group is None or assessment.level == rule_set.most_urgent:
        context = result_context(rule_set, assessment)
        return private(render(request, "triage/result.html", context))
    context = question_context(rule_set, next_group, carried=answers.findings)
    return private(render(request, "triage/question.html", context))


@csrf_exempt
@sensitive_post_parameters()
@require_http_methods(["GET", "HEAD", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    rule_set = published_rule_set()
    if request.method == "POST":
        return answer(request, rule_set, final=False)
    groups = [question_context(rule_set, group) for group in rule_set.groups]
    results = [shell_context(rule_set, level) for level in rule_set.levels]
    return render(
        request,
        "triage/start.html",
        {
            **groups[0],
            "groups": groups,
            "results": results,
            "rules_version": rule_set.version,
            "choose_message": errors.CHOOSE_AN_ANSWER,
        },
    )


@csrf_exempt
@sensitive_post_parameters()
@require_http_methods(["GET", "HEAD", "POST"])
def result(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        # Results are never addressable: a bookmark or reload starts the check again.
        return redirect("triage:start")
    return answer(request, published_rule_set(), final=True)


@read_only
def get_help(request: HttpRequest) -> HttpResponse:
    return render(request, "triage/get_help.html", {"services": published_rule_set().services})
