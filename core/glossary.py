"""The Spanish glossary (docs/spanish-glossary.md) as an admin page, so a translator working
on a Spanish guide or the check's Spanish fields has it one click away (issue 18). The file is
the project's own, versioned with the code: one text for developers and translators alike."""

from functools import cache
from pathlib import Path

import markdown
from django.conf import settings
from django.contrib import admin
from django.template.response import TemplateResponse
from django.utils.safestring import mark_safe

GLOSSARY = Path(settings.BASE_DIR) / "docs" / "spanish-glossary.md"


@cache
def glossary_html() -> str:
    # Trusted text from the repository (not an editor's), so tables and code are kept as written.
    return markdown.markdown(GLOSSARY.read_text(encoding="utf-8"), extensions=["tables"])


def spanish_glossary(request):
    context = {
        **admin.site.each_context(request),
        "title": "Spanish glossary",
        "glossary": mark_safe(glossary_html()),  # the repository's own file
    }
    return TemplateResponse(request, "admin/spanish_glossary.html", context)
