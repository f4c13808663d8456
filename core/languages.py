"""English at today's addresses, Spanish under /es/: the language comes from the address alone.
No cookie, no session and no Accept-Language decide it (Django's LocaleMiddleware would read
them for addresses outside i18n_patterns), so every page stays cacheable by its path and a
shared phone keeps no trace of a choice."""

import re

from django.conf import settings
from django.http import HttpResponsePermanentRedirect
from django.urls import translate_url
from django.utils import translation

from core.http import absolute_url

SPANISH = "es"
SPANISH_PREFIX = "/es/"
HTML_LANG = {"en-us": "en-US", SPANISH: "es-US"}
# Each language's name in its own words, for the link to it.
NATIVE_NAMES = {"en-us": "English", SPANISH: "Español"}


SPANISH_ADDRESS = re.compile(r"^/es(/.*)?$", re.IGNORECASE)


def canonical_spanish_path(path: str) -> str | None:
    """Where a Spanish address as typed belongs (/es, /ES/, /es//guides/ → /es/…), or None when
    it is already there or is not a Spanish address: a Spanish speaker never lands on an
    English 404 for a typing slip."""
    match = SPANISH_ADDRESS.match(path)
    if match is None:
        return None
    canonical = "/es" + re.sub(r"/{2,}", "/", match.group(1) or "/")
    return canonical if canonical != path else None


def language_of_path(path: str) -> str:
    return (
        SPANISH
        if path == SPANISH_PREFIX.rstrip("/") or path.startswith(SPANISH_PREFIX)
        else (settings.LANGUAGE_CODE)
    )


# The API names languages by their short code (?lang=es): each to the site's language code.
API_LANGUAGES = {"en": "en-us", SPANISH: SPANISH}


class UnknownLanguageError(ValueError):
    def __init__(self, value: str):
        offered = ", ".join(API_LANGUAGES)
        super().__init__(
            translation.gettext("Unknown language. The languages offered are: %(offered)s.")
            % {"offered": offered}
        )
        self.value = value


def api_language(value: str | None) -> str:
    """The site's language code for an API's `lang` (English when it is not given); raises
    UnknownLanguageError, naming the languages offered, for any other value."""
    if value is None:
        return settings.LANGUAGE_CODE
    if value not in API_LANGUAGES:
        raise UnknownLanguageError(value)
    return API_LANGUAGES[value]


def language_from_path(get_response):
    """Activates the language of the address for the rest of the request."""

    def middleware(request):
        canonical = canonical_spanish_path(request.path_info)
        if canonical is not None and request.method in ("GET", "HEAD"):
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(canonical + (f"?{query}" if query else ""))
        language = language_of_path(request.path_info)
        if request.path_info.startswith("/api/"):
            # An API answer, errors from the framework included, in the language asked for;
            # an unknown one is refused by the endpoint itself, in English.
            language = API_LANGUAGES.get(request.GET.get("lang", ""), language)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        try:
            return get_response(request)
        finally:
            translation.activate(settings.LANGUAGE_CODE)

    return middleware


def other_language(language: str) -> str:
    return settings.LANGUAGE_CODE if language == SPANISH else SPANISH


def alternate_paths(path: str) -> dict[str, str]:
    """The same page in each language, by path. A view whose page has other addresses in other
    languages (a guide's Spanish slug) passes its own `alternate_paths`."""
    return {language: translate_url(path, language) for language, _name in settings.LANGUAGES}


def alternates(paths: dict[str, str]) -> list[dict]:
    """<link rel="alternate"> entries: each language's address, absolute, with its hreflang,
    and English again as the default for every other language."""
    links = [
        {"hreflang": HTML_LANG[language], "href": absolute_url(path)}
        for language, path in paths.items()
    ]
    default = paths.get(settings.LANGUAGE_CODE)
    if default:
        links.append({"hreflang": "x-default", "href": absolute_url(default)})
    return links


def app_name() -> str:
    """The neutral app name in the active language."""
    return settings.APP_NAME_ES if translation.get_language() == SPANISH else settings.APP_NAME


def api_query() -> str:
    """The query that asks the API for the active language's words (none for English)."""
    return "?lang=es" if translation.get_language() == SPANISH else ""


def languages(request) -> dict:
    """What base.html needs to say which language a page is in and where the other one is."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    other = other_language(language)
    return {
        "html_lang": HTML_LANG.get(language, "en-US"),
        "other_language": {
            "language": other,
            "code": HTML_LANG[other].split("-")[0],
            "name": NATIVE_NAMES[other],
        },
        "alternate_paths": alternate_paths(request.path),
        "app_name": app_name(),
    }
