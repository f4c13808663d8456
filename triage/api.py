"""The symptom check's JSON API: the published rule set, and an assessment of a list of
findings. Anonymous, no cookies; nothing sent is stored or logged."""

from itertools import combinations

from django.db import DatabaseError
from django.utils import translation
from django.views.decorators.debug import sensitive_variables
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    extend_schema,
    extend_schema_field,
    inline_serializer,
)
from rest_framework import serializers, status
from rest_framework.exceptions import APIException
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api import LANG_PARAMETER
from core.http import FixedLength, declared_length, pad_answer, sent_in_chunks
from core.languages import API_LANGUAGES, UnknownLanguageError, api_language
from core.ratelimit import AnswerRateThrottle

from . import errors
from .engine import evaluate
from .rules import published_rule_set

# A full answer is a few hundred bytes; anything far bigger is refused before it is read.
MAX_BODY_BYTES = 8 * 1024
MAX_FINDINGS = 100


class BodyTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = errors.BODY_TOO_LARGE
    default_code = "body_too_large"


class LengthRequired(APIException):
    status_code = status.HTTP_411_LENGTH_REQUIRED
    default_detail = errors.LENGTH_REQUIRED
    default_code = "length_required"


@extend_schema_field(OpenApiTypes.STR, component_name="FindingCode")
class FindingCodeField(serializers.CharField):
    """A finding code: only a JSON string counts (no numbers or booleans turned into text)."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            raise serializers.ValidationError(errors.NOT_A_STRING)
        return super().to_internal_value(data)


class AssessInputSerializer(serializers.Serializer):
    findings = serializers.ListField(
        child=FindingCodeField(
            max_length=100, trim_whitespace=False, error_messages={"null": errors.NOT_A_STRING}
        ),
        max_length=MAX_FINDINGS,
        error_messages={"not_a_list": errors.NOT_A_LIST, "max_length": errors.TOO_MANY_FINDINGS},
        help_text="Codes of the findings the person reported. Duplicates count once.",
    )
    lang = serializers.ChoiceField(
        choices=list(API_LANGUAGES),
        required=False,
        error_messages={"invalid_choice": UnknownLanguageError("").args[0]},
        help_text="The language of the reasons and of any error: en (the default) or es. "
        "?lang= in the address, if given, is used instead.",
    )

    def validate_lang(self, value):
        return api_language(value)


class ReasonSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="The code of a rule that matched.")
    text = serializers.CharField(help_text="What the rule tells the person.")


class AssessOutputSerializer(serializers.Serializer):
    level = serializers.CharField(
        help_text="emergency, er_today (an emergency room today, not urgent care), urgent, soon "
        "or self_care."
    )
    reasons = ReasonSerializer(many=True, help_text="The matching rules, most urgent first.")
    version = serializers.CharField(help_text="The rule-set version used.")


class GuideLinkSerializer(serializers.Serializer):
    title = serializers.CharField()
    url = serializers.CharField()


class LevelSerializer(serializers.Serializer):
    code = serializers.CharField()
    order = serializers.IntegerField(help_text="1 is the most urgent.")
    kind = serializers.CharField(help_text="Care card: emergency, urgent, non-urgent or advice.")
    title = serializers.CharField()
    advice = serializers.ListField(child=serializers.CharField(), help_text="What to do now.")
    signs_heading = serializers.CharField(
        allow_blank=True, help_text="Heads this level's group of the safety net."
    )
    safety_net = serializers.ListField(child=serializers.CharField())
    guides = GuideLinkSerializer(many=True)


class GroupSerializer(serializers.Serializer):
    code = serializers.CharField()
    order = serializers.IntegerField(help_text="Pages are asked from the lowest up.")
    question = serializers.CharField(help_text="The heading of the page.")
    unreached = serializers.ListField(
        child=serializers.CharField(),
        help_text="“Also tell the staff” prompts for an emergency result reached before this page.",
    )


class ChoiceSerializer(serializers.Serializer):
    code = serializers.CharField()
    group = serializers.CharField(help_text="The code of the page that asks it.")
    question = serializers.CharField()
    not_sure = serializers.CharField(help_text="The option a missing answer counts as.")


class FindingSerializer(serializers.Serializer):
    code = serializers.CharField()
    group = serializers.CharField(help_text="The code of the page that asks it.")
    choice = serializers.CharField(
        allow_null=True, help_text="The single choice it is an option of; null for a tick."
    )
    order = serializers.IntegerField()
    question = serializers.CharField()
    hint = serializers.CharField(allow_blank=True)
    said = serializers.CharField(help_text="First person, for the nurse script.")
    said_en = serializers.CharField(help_text="The same line in English.")
    tell_staff = serializers.CharField(
        allow_blank=True, help_text="An “Also tell the staff” line on emergency results."
    )
    private = serializers.BooleanField(help_text="The person can hide its nurse-script line.")
    develops = serializers.CharField(
        allow_blank=True,
        help_text="always, blank (history), or the code of the answer it can follow only.",
    )


class SourceSerializer(serializers.Serializer):
    publisher = serializers.CharField()
    title = serializers.CharField()
    url = serializers.CharField()
    checked_on = serializers.CharField(help_text="When it was last checked (YYYY-MM-DD).")
    confirmed = serializers.BooleanField(help_text="False until a clinician confirms it.")


class RuleSerializer(serializers.Serializer):
    code = serializers.CharField()
    level = serializers.CharField(help_text="The level the rule leads to.")
    all_of = serializers.ListField(
        child=serializers.CharField(), help_text="The rule needs every one of these."
    )
    any_of = serializers.ListField(
        child=serializers.CharField(), help_text="And, if not empty, at least one of these."
    )
    text = serializers.CharField(help_text="The reason shown when it matches.")
    watch_for = serializers.CharField(
        allow_blank=True, help_text="Its safety-net phrase; blank for history."
    )
    watch_for_order = serializers.IntegerField()
    sources = SourceSerializer(many=True)
    order = serializers.IntegerField()


class ServiceSerializer(serializers.Serializer):
    key = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField()
    kind_label = serializers.CharField()
    phone = serializers.CharField(allow_blank=True)
    tel = serializers.CharField(allow_blank=True, help_text="A tel: link, or blank.")
    text_to = serializers.CharField(allow_blank=True)
    website = serializers.CharField(allow_blank=True)
    website_in_other_language = serializers.BooleanField(
        help_text="The website is in English while the rule set is in Spanish."
    )
    opening_hours = serializers.CharField(allow_blank=True)
    languages = serializers.CharField(allow_blank=True)
    notes = serializers.CharField(allow_blank=True)
    levels = serializers.ListField(child=serializers.CharField())
    rules = serializers.ListField(child=serializers.CharField())
    findings = serializers.ListField(child=serializers.CharField())


class RuleSetSerializer(serializers.Serializer):
    version = serializers.CharField(help_text="Changes whenever a rule or its wording changes.")
    default_level = serializers.CharField(help_text="The result when no rule matches.")
    emergency_number = serializers.CharField()
    levels = LevelSerializer(many=True, help_text="Most urgent first.")
    groups = GroupSerializer(many=True, help_text="The pages of questions, in order.")
    choices = ChoiceSerializer(many=True, help_text="The single choices, page by page.")
    findings = FindingSerializer(many=True, help_text="Page by page, in order.")
    rules = RuleSerializer(many=True, help_text="Most urgent first, then in order.")
    services = ServiceSerializer(many=True)


def finding_codes_in_schema(result, generator, request, public):
    """Schema hook: the codes of the published rule set's findings, as the FindingCode enum,
    read whenever the schema is made: a finding a reviewer publishes is in it at once."""
    schemas = result.get("components", {}).get("schemas", {})
    try:
        rule_set = published_rule_set()
    except DatabaseError:
        # `manage.py check --deploy` makes the schema before any database is migrated: there
        # are no published codes to list yet (a server that read the rules once lists them).
        return result
    if "FindingCode" in schemas:
        schemas["FindingCode"]["enum"] = [finding.code for finding in rule_set.findings]
    findings = schemas.get("AssessInput", {}).get("properties", {}).get("findings")
    if findings is not None:
        findings["allOf"] = at_most_one_option_each(rule_set)
    return result


def at_most_one_option_each(rule_set) -> list[dict]:
    """ "Never two options of one single choice" in OpenAPI 3.0's words, which have no
    `contains`: for each pair of options, not (some item is one and some item is the other)."""

    def contains(code: str) -> dict:
        return {"not": {"items": {"not": {"enum": [code]}}}}

    return [
        {"not": {"allOf": [contains(first), contains(second)]}}
        for choice in rule_set.choices
        for first, second in combinations([o.code for o in rule_set.options(choice.code)], 2)
    ]


# Every message is in words a person understands; a field's errors are a flat list.
ERROR_SCHEMA = inline_serializer(
    name="AssessError",
    fields={
        "detail": serializers.CharField(
            required=False, help_text="A body that cannot be read, or too many answers at once."
        ),
        "findings": serializers.ListField(
            child=serializers.CharField(), required=False, help_text="What is wrong with them."
        ),
        "non_field_errors": serializers.ListField(
            child=serializers.CharField(), required=False, help_text="The body is no object."
        ),
        "lang": serializers.ListField(
            child=serializers.CharField(), required=False, help_text="The languages offered."
        ),
    },
)


class TriageRulesApi(APIView):
    """The published rule set. The offline client evaluates exactly these rules."""

    @extend_schema(
        parameters=[LANG_PARAMETER],
        responses={200: RuleSetSerializer, 400: ERROR_SCHEMA},
        operation_id="triage_rules",
    )
    def get(self, request):
        try:
            language = api_language(request.query_params.get("lang"))
        except UnknownLanguageError as error:
            return Response({"lang": [str(error)]}, status=status.HTTP_400_BAD_REQUEST)
        rule_set = published_rule_set(language)
        data = RuleSetSerializer({**rule_set.as_payload(), "version": rule_set.version}).data
        # A public page (api_urls.py): phones revalidate every time they are online, so a rule
        # change reaches them at once, and an unchanged rule set costs a 304.
        return Response(data)


class TriageAssessApi(APIView):
    """The level of care for a list of findings, and why. Nothing is stored or logged, and every
    answer, errors and the rate limit's 429 included, has one length on the wire
    (TRIAGE_ASSESS_GZIP_BYTES gzip-compressed, or TRIAGE_ASSESS_BYTES as it is), so neither the
    wire nor an access log tells one person's answers from another's (issue 19)."""

    fixed_length = "TRIAGE_ASSESS"  # core.http.pad_if_answer finds it for Django's own 400
    throttle_classes = [AnswerRateThrottle]

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response.render()
        return pad_answer(request, response, FixedLength.from_settings(self.fixed_length))

    @extend_schema(
        parameters=[LANG_PARAMETER],
        request=AssessInputSerializer,
        responses={
            200: AssessOutputSerializer,
            400: ERROR_SCHEMA,
            411: ERROR_SCHEMA,
            413: ERROR_SCHEMA,
            429: ERROR_SCHEMA,  # core.ratelimit, with Retry-After
        },
        operation_id="triage_assess",
    )
    @sensitive_variables()
    def post(self, request):
        if declared_length(request) > MAX_BODY_BYTES:
            raise BodyTooLarge()
        if sent_in_chunks(request):
            raise LengthRequired()
        try:
            language = api_language(asked_language(request))
        except UnknownLanguageError as error:
            return Response({"lang": [str(error)]}, status=status.HTTP_400_BAD_REQUEST)
        # Every word of the answer, errors included, in the language asked for.
        with translation.override(language):
            return self.answer(request, language)

    @sensitive_variables()
    def answer(self, request, language: str) -> Response:
        serializer = AssessInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            assessment = evaluate(
                published_rule_set(language), serializer.validated_data["findings"]
            )
        except errors.TriageInputError as error:
            return Response({"findings": [str(error)]}, status=status.HTTP_400_BAD_REQUEST)
        data = AssessOutputSerializer(
            {
                "level": assessment.level,
                "reasons": [{"code": r.code, "text": r.text} for r in assessment.reasons],
                "version": assessment.version,
            }
        ).data
        return Response(data, headers={"Cache-Control": "no-store"})


def asked_language(request) -> str | None:
    """One rule for the language of an answer: `?lang=`, else the body's `lang` (a body that is
    not an object has none; its own error then comes in English)."""
    if "lang" in request.query_params:
        return request.query_params["lang"]
    body = request.data
    language = body.get("lang") if isinstance(body, dict) else None
    return language if isinstance(language, str) else None
