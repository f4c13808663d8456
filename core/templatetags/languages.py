from django import template

from core.languages import alternates

register = template.Library()


@register.filter
def hreflang_links(paths: dict[str, str]) -> list[dict]:
    """A page's addresses by language as <link rel="alternate" hreflang> entries."""
    return alternates(paths)


@register.filter
def path_in(paths: dict[str, str], language: str) -> str:
    """The page's address in one language."""
    return paths.get(language, "")
