"""Placeholders that content writers may type, filled from settings when the text is shown.

The symptom check and the guides share this, so `{emergency_number}` means the same in both and
a deployment's EMERGENCY_NUMBER reaches every page without an edit. It imports no app."""

import re

from django.conf import settings
from django.utils.html import escape

EMERGENCY_NUMBER_PLACEHOLDER = "{emergency_number}"
# Anything a writer may have meant as a placeholder: a word or two in braces, or in two pairs.
BRACED = re.compile(r"\{\{[^{}\n]{1,60}\}\}|\{[^{}\n]{1,60}\}")


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


def placeholder_mistakes(text: str, *, also_known: re.Pattern | None = None) -> dict[str, list]:
    """What in `text` looks like a placeholder and is not one, each once, in order:
    `unknown`, e.g. {foo}, shown as typed; `doubled`, e.g. {{emergency_number}}, where the inner
    placeholder is filled and a pair of braces stays around it ("{911}"). `also_known`: more
    braced words the caller fills itself (the guides' warning-sign markers)."""
    known = placeholder_values()
    mistakes: dict[str, dict[str, None]] = {"unknown": {}, "doubled": {}}
    for braced in BRACED.findall(text or ""):
        if braced.startswith("{{"):
            mistakes["doubled"][braced] = None
        elif braced not in known and not (also_known and also_known.fullmatch(braced)):
            mistakes["unknown"][braced] = None
    return {kind: list(found) for kind, found in mistakes.items()}
