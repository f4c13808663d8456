"""Response headers that keep the site private and isolated, on every response."""

# Turn off every powerful feature: the app needs none, and none should ever prompt a visitor.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "ambient-light-sensor",
        "autoplay",
        "bluetooth",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)


def privacy_headers(get_response):
    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
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
