from django.conf import settings

from core.http import absolute_url


def site(request):
    """Deployment-specific names and numbers that every template may show."""
    return {
        "app_name": settings.APP_NAME,
        "publisher_name": settings.PUBLISHER_NAME,
        "emergency_number": settings.EMERGENCY_NUMBER,
        "quick_exit_url": settings.QUICK_EXIT_URL,
        "js_enabled_snippet": settings.JS_ENABLED_SNIPPET,
    }


def canonical(request):
    """The page's canonical address, on the configured public origin."""
    return {"canonical_url": absolute_url(request.path)}
