"""How the words a guide form sends are read: in one normal form, so only a real change is a
change, and within a size an editor is told about. It imports no model, so any part of the
guides app can use it."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

# The longest body a guide may have: the longest launch guide is about 13,000 characters, so
# this is room for seven of them. Anything longer is a paste gone wrong or two guides in one.
BODY_MAX_CHARACTERS = 100_000

LINE_END = re.compile(r"\r\n?")


def normalise_text(text: str) -> str:
    """`text` as it is kept: line ends as \\n (browsers send \\r\\n), no spaces or tabs at the end
    of a line, nothing blank before the first line or after the last. Two spaces at a line's end
    no longer make a Markdown line break; a blank line starts a new paragraph."""
    lines = LINE_END.sub("\n", text or "").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()


class NormalisedTextField(forms.CharField):
    """A text field whose value is normalise_text()'s, and which has changed only when that
    differs from the saved text's: a browser's line ends or stray spaces are no change."""

    def to_python(self, value):
        return normalise_text(super().to_python(value))

    def has_changed(self, initial, data):
        if self.disabled:
            return False
        return normalise_text(initial or "") != self.to_python(data)


def body_length_validator(value: str) -> None:
    if len(value) > BODY_MAX_CHARACTERS:
        raise ValidationError(
            _(
                "Not saved: the body is %(length)s characters long, and a guide’s body can hold "
                "up to %(limit)s characters. Your text is still in the box: shorten it, or split "
                "it into two guides, then save again."
            ),
            code="body_too_long",
            params={
                "length": number_format(len(value), force_grouping=True),
                "limit": number_format(BODY_MAX_CHARACTERS, force_grouping=True),
            },
        )
