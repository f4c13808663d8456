"""How the API reads a request body."""

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

NESTED_TOO_DEEPLY = _("The body is nested too deeply to be read as JSON.")


class BoundedJSONParser(JSONParser):
    """DRF's JSON parser, except that a body nested too deeply for Python's parser (about a
    thousand levels fit well under the size limit) is a bad body, a 400 like any other, not a
    RecursionError and a 500."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(NESTED_TOO_DEEPLY) from None
