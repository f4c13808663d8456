"""Response headers that keep the site private and isolated, and what differs on staff pages."""

from django.conf import settings

from core.database import staff_waits

# Turn off every powerful feature: the app needs none, and none should ever prompt a visitor.
# Only names Chromium recognises (Debian's build drops the ad and sharing APIs): an unknown name
# turns nothing off and adds a console warning on every page; tests/browser/test_pwa.py checks.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "clipboard-read",
        "compute-pressure",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "gamepad",
        "geolocation",
        "gyroscope",
        "hid",
        "identity-credentials-get",
        "idle-detection",
        "local-fonts",
        "magnetometer",
        "microphone",
        "midi",
        "otp-credentials",
        "payment",
        "picture-in-picture",
        "private-state-token-issuance",
        "private-state-token-redemption",
        "publickey-credentials-create",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "storage-access",
        "usb",
        "window-management",
        "xr-spatial-tracking",
    )
)


PRIVACY_HEADERS = {
    "Permissions-Policy": PERMISSIONS_POLICY,
    "Cross-Origin-Resource-Policy": "same-origin",
}


def privacy_headers(get_response):
    def middleware(request):
        response = get_response(request)
        for name, value in PRIVACY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    return middleware


def security_headers() -> dict[str, str]:
    """The security headers the middleware gives every public answer, made from the same
    settings, for answers Django never sees: gunicorn's own refusals (core.gunicorn_worker).
    tests/core/test_gunicorn_error_pages.py checks that both say the same."""
    from csp.utils import build_policy  # reads settings: not at import

    headers = {
        "Content-Security-Policy": build_policy(),
        "Referrer-Policy": settings.SECURE_REFERRER_POLICY,
        "Cross-Origin-Opener-Policy": settings.SECURE_CROSS_ORIGIN_OPENER_POLICY,
        "X-Frame-Options": settings.X_FRAME_OPTIONS,
        **PRIVACY_HEADERS,
    }
    if settings.SECURE_CONTENT_TYPE_NOSNIFF:
        headers["X-Content-Type-Options"] = "nosniff"
    return headers


def is_staff_path(path: str) -> bool:
    """The admin and staff previews: the only pages with a session."""
    return path.startswith(("/" + settings.ADMIN_URL, "/preview/"))


def public_pages_ignore_staff_cookies(get_response):
    """The session and CSRF cookies belong to the admin. On any other page they are dropped
    from the request before Django's session and CSRF middleware see them: otherwise a browser
    still sending one (an ended session, a malformed token) is answered with a Set-Cookie and
    Vary: Cookie on a public page. Public pages are the same for everyone, staff included."""
    staff_cookies = (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME)

    def middleware(request):
        if not is_staff_path(request.path_info):
            for name in staff_cookies:
                request.COOKIES.pop(name, None)
        return get_response(request)

    return middleware


# django-simple-history's history page has one style attribute (style="border-top: 0"); the
# admin allows exactly that attribute by its hash, and no other inline style anywhere.
ADMIN_STYLE_ATTRIBUTES = [
    "'unsafe-hashes'",
    "'sha256-XMXSevYjgSjXgRafBFDvtjwX+yyWLrxfso9DcNZ9UXM='",
]


def staff_pages(get_response):
    """Four differences for the admin and staff previews.

    - Each request renews the signed-in session, so it expires after SESSION_COOKIE_AGE without
      one. Public pages never renew it, so they never send a Set-Cookie, even to staff, and stay
      safe to cache publicly.
    - Referrer-Policy is same-origin instead of no-referrer: under no-referrer browsers send
      "Origin: null" with form posts, which Django's CSRF check rightly refuses. Other sites
      still get no referrer.
    - The admin's Content-Security-Policy allows the one style attribute of the history page.
    - X-Robots-Tag keeps staff pages out of search engines, as robots.txt does not name them."""

    def middleware(request):
        if not is_staff_path(request.path_info):
            return get_response(request)
        # Editors may wait longer for the database than visitors (core.database).
        with staff_waits():
            response = get_response(request)
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers.setdefault("X-Robots-Tag", "noindex")
        response._csp_update = {"style-src-attr": ADMIN_STYLE_ATTRIBUTES}
        # Only a signed-in person's session is renewed: a made-up session cookie on an
        # anonymous request must not create a session row or earn a cookie (issue 19).
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            request.session.modified = True
        return response

    return middleware


def no_store_by_default(get_response):
    """A response that does not say how it may be cached is stored nowhere: not by a CDN, a
    proxy or the browser (a shared phone's back button or cache must not show a triage result
    or an admin page). Public pages opt in with core.caching; WhiteNoise gives static files
    their own Cache-Control, which is kept."""

    def middleware(request):
        response = get_response(request)
        if "Cache-Control" not in response.headers:
            response.headers["Cache-Control"] = "no-store"
        return response

    return middleware


def head_without_body(get_response):
    """A HEAD answer has the GET's headers and no body. Django's views and the page cache build
    the full body; under gunicorn it was sent and dropped with a warning on every HEAD."""

    def middleware(request):
        response = get_response(request)
        if request.method == "HEAD" and not response.streaming and response.content:
            length = response.headers.get("Content-Length", str(len(response.content)))
            response.content = b""
            response.headers["Content-Length"] = length
        return response

    return middleware
