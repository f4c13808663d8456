from django.conf import settings
from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from core.http import read_only
from core.languages import (
    HTML_LANG,
    SPANISH,
    SPANISH_PREFIX,
    UnknownLanguageError,
    api_language,
)
from guides.models import Guide, active_language

from . import precache

# (static path, pixel size, purpose). Maskable icons keep the note inside the central safe zone.
MANIFEST_ICONS = (
    ("icons/icon-192.png", 192, "any"),
    ("icons/icon-512.png", 512, "any"),
    ("icons/maskable-192.png", 192, "maskable"),
    ("icons/maskable-512.png", 512, "maskable"),
)


@read_only
def service_worker(request):
    """The worker script. Served from the site root so its scope is the whole site; a public
    page (offline/urls.py) that browsers always revalidate, so a changed version is picked up on
    the next online visit. It saves the pages of one language, the one the phone uses: a
    Spanish page registers it as ?lang=es (templates/pwa.html); switching language installs the
    other language's worker in its place."""
    try:
        language = api_language(request.GET.get("lang"))
    except UnknownLanguageError as error:
        return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
    with translation.override(language):
        config = worker_config()
    response = render(
        request,
        "offline/serviceworker.js",
        {"config": config},
        content_type="application/javascript; charset=utf-8",
    )
    response["Service-Worker-Allowed"] = "/"
    return response


def in_each_language(name: str) -> dict[str, str]:
    """A page's address in each language, by short code: {"en": "/offline/", "es": ...}."""
    addresses = {}
    for code in (settings.LANGUAGE_CODE, SPANISH):
        with translation.override(code):
            addresses[code.split("-")[0]] = reverse(name)
    return addresses


def worker_config() -> dict:
    """What the worker saves and how it answers, in the active language."""
    pages = precache.page_urls()
    statics = precache.static_urls()
    language = translation.get_language()
    return {
        "version": precache.worker_version(pages=pages, statics=statics),
        "language": language.split("-")[0],
        "pages": pages,
        "static": statics,
        "staticPrefix": settings.STATIC_URL,
        # Each language's offline and exit pages, so a saved page of either is answered in its
        # own language whichever language's worker is running.
        "offlineUrls": in_each_language("offline"),
        "exitUrls": list(in_each_language("exit").values()),
        "languagePrefixes": {SPANISH: SPANISH_PREFIX},
        "defaultLanguage": settings.LANGUAGE_CODE.split("-")[0],
        "networkOnlyPrefixes": ["/preview/", reverse("triage:result")],
        "apiPrefix": "/api/",
        "cacheableApi": [reverse("api:triage-rules")],
        "cacheableApiPrefixes": [reverse("api:guide-list")],
        "networkTimeoutMs": settings.OFFLINE_NETWORK_TIMEOUT_MS,
    }


@read_only
def manifest(request):
    """The web app manifest, built as data (never by string formatting), in the language of its
    address: /manifest.json, /es/manifest.json."""
    spanish = translation.get_language() == SPANISH
    home = reverse("home")
    data = {
        # A stable identity per language: the Spanish app is its own install.
        "id": home,
        "name": settings.APP_NAME_ES if spanish else settings.PWA_APP_NAME,
        "short_name": settings.APP_SHORT_NAME_ES if spanish else settings.PWA_APP_SHORT_NAME,
        "description": gettext("Private notes and a quick check for everyday health questions."),
        "lang": HTML_LANG[SPANISH] if spanish else settings.PWA_APP_LANG,  # as the pages say
        "dir": settings.PWA_APP_DIR,
        "start_url": home,
        "scope": settings.PWA_APP_SCOPE,
        "display": settings.PWA_APP_DISPLAY,
        "orientation": settings.PWA_APP_ORIENTATION,
        "theme_color": settings.PWA_APP_THEME_COLOR,
        "background_color": settings.PWA_APP_BACKGROUND_COLOR,
        "icons": [
            {
                "src": static(path),
                "sizes": f"{size}x{size}",
                "type": "image/png",
                "purpose": purpose,
            }
            for path, size, purpose in MANIFEST_ICONS
        ],
    }
    return JsonResponse(data, content_type="application/manifest+json")


@read_only
def offline_page(request):
    """Shown by the worker for a page that is not saved on the phone while there is no network."""
    guides = Guide.objects.published(active_language())
    return render(request, "offline/offline.html", {"guides": guides})


@read_only
def exit_page(request):
    """Quick exit's landing screen: neutral, unbranded, saved on the phone. With a connection it
    moves straight on to the neutral destination; without one it stays, showing nothing."""
    return render(request, "offline/exit.html", {"destination": settings.QUICK_EXIT_URL})
