"""What a request says about its body before anyone reads it."""


def declared_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0  # as Django reads it: an unreadable length means no body


def sent_in_chunks(request) -> bool:
    """A chunked body: Django's WSGI handler reads only Content-Length bytes (none, behind
    gunicorn), so what it holds would silently count as nothing sent. A proxy that buffers
    requests sends a length instead."""
    return "chunked" in request.headers.get("Transfer-Encoding", "").lower()
