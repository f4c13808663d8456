"""Placeholders that content writers may type, filled from settings when the text is shown.

The symptom check and the guides share this, so `{emergency_number}` means the same in both and
a deployment's EMERGENCY_NUMBER reaches every page without an edit. It imports no app."""

from django.conf import settings
from django.utils.html import escape

EMERGENCY_NUMBER_PLACEHOLDER = "{emergency_number}"


def placeholder_values() -> dict[str, str]:
    return {EMERGENCY_NUMBER_PLACEHOLDER: str(settings.EMERGENCY_NUMBER)}


def fill_placeholders(text: str, *, html: bool = False) -> str:
    """`text` with every placeholder replaced by its value. With html=True the text is markup:
    the values are escaped, and a placeholder inside a link's address (where Markdown writes the
    braces as %7B and %7D, e.g. tel:{emergency_number}) is filled too."""
    if not text:
        return text
    for placeholder, value in placeholder_values().items():
        if html:
            value = escape(value)
            encoded = placeholder.replace("{", "%7B").replace("}", "%7D")
            text = text.replace(encoded, value)
        text = text.replace(placeholder, value)
    return text
