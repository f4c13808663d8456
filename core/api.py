"""What every JSON API answer has in common: one error shape, and the errors the OpenAPI schema
documents for every operation (drf-spectacular post-processing hook)."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import NotFound, ParseError, ValidationError
from rest_framework.views import exception_handler as drf_exception_handler

from core.languages import API_LANGUAGES

# ?lang= on the endpoints whose words come in more than one language.
LANG_PARAMETER = OpenApiParameter(
    "lang",
    OpenApiTypes.STR,
    enum=list(API_LANGUAGES),
    description="The language of the words: en (the default) or es.",
)

NOTHING_PUBLISHED_HERE = _("Nothing is published at this address.")
NOT_JSON = _("The body could not be read as JSON.")

ERROR_COMPONENT = "Error"
ERROR_SCHEMA = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}


def messages(detail) -> list[str]:
    """Every message in DRF's nested error details, in order, once each."""
    if isinstance(detail, dict):
        found = [message for value in detail.values() for message in messages(value)]
    elif isinstance(detail, list):
        found = [message for value in detail for message in messages(value)]
    else:
        found = [str(detail)]
    return list(dict.fromkeys(found))


def exception_handler(exc, context):
    """DRF's handler, except that a field's errors are always a flat list of messages: a bad
    item of a list gave {"findings": {"3": [...]}} instead, a shape the schema did not say."""
    response = drf_exception_handler(exc, context)
    # The framework's own words for these are English whatever the language; ours are not.
    if response is not None and isinstance(exc, Http404 | NotFound):
        response.data = {"detail": str(NOTHING_PUBLISHED_HERE)}
    elif (
        response is not None
        and isinstance(exc, ParseError)
        # DRF's "JSON parse error - <Python's words>"; our own parse errors keep their words.
        and str(exc.detail).startswith("JSON parse error")
    ):
        response.data = {"detail": str(NOT_JSON)}
    if (
        response is not None
        and isinstance(exc, ValidationError)
        and isinstance(response.data, dict)
    ):
        response.data = {field: messages(value) for field, value in response.data.items()}
    return response


LANG_ERROR_COMPONENT = "LanguageError"
LANG_ERROR_SCHEMA = {
    "type": "object",
    "properties": {"lang": {"type": "array", "items": {"type": "string"}}},
    "required": ["lang"],
}


def error_response(description: str, component: str = ERROR_COMPONENT) -> dict:
    schema = {"$ref": f"#/components/schemas/{component}"}
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def common_error_responses(result, generator, request, public):
    """Schema hook: the errors any operation can answer. 406 when the Accept header allows no
    JSON; 404 where the path names something; 415 where a body is read and is not JSON; 400
    naming the languages offered where a ?lang= is read."""
    result.setdefault("components", {}).setdefault("schemas", {})
    result["components"]["schemas"].setdefault(ERROR_COMPONENT, ERROR_SCHEMA)
    result["components"]["schemas"].setdefault(LANG_ERROR_COMPONENT, LANG_ERROR_SCHEMA)
    for path, operations in result.get("paths", {}).items():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            responses.setdefault("406", error_response("Only application/json can be sent."))
            if "{" in path:
                responses.setdefault("404", error_response("Nothing is published here."))
            if "requestBody" in operation:
                responses.setdefault("415", error_response("The body must be application/json."))
            if any(p.get("name") == "lang" for p in operation.get("parameters", [])):
                responses.setdefault(
                    "400", error_response("A language not offered.", LANG_ERROR_COMPONENT)
                )
    return result
