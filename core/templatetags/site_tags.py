import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import _json_script_escapes
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def ld_json(value) -> str:
    """JSON for a <script type="application/ld+json"> block, escaped so it cannot close the tag."""
    return mark_safe(json.dumps(value, cls=DjangoJSONEncoder).translate(_json_script_escapes))
