from django import template

from core import languages
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


@register.simple_tag
def app_name() -> str:
    """For templates rendered without the site's context (django-pwa's meta tags)."""
    return languages.app_name()


@register.simple_tag
def api_query() -> str:
    return languages.api_query()
