"""gunicorn's threaded worker, whose own refusals carry the site's security headers.

gunicorn answers a request it cannot parse (a malformed request line, a line or header too long)
itself, before Django sees it, with a bare HTML page that names what was sent and has none of
the headers every other answer has (issue 19, finding 10). This worker keeps gunicorn's choice
of status and its log line, and writes the same status with core.middleware.security_headers()
and a few plain words instead."""

from functools import lru_cache

from gunicorn.workers.gthread import ThreadWorker


@lru_cache(maxsize=1)
def refusal_headers() -> bytes:
    from core.middleware import security_headers  # Django is set up once the app is loaded

    headers = {
        **security_headers(),
        "Content-Type": "text/plain; charset=utf-8",
        "Cache-Control": "no-store",
        "Connection": "close",
    }
    return "".join(f"{name}: {value}\r\n" for name, value in headers.items()).encode("latin-1")


def refusal(status: bytes) -> bytes:
    """The whole answer for `status` ("400 Bad Request"): its words are the body."""
    body = status + b"\n"
    return (
        b"HTTP/1.1 "
        + status
        + b"\r\n"
        + refusal_headers()
        + b"Content-Length: %d\r\n\r\n" % len(body)
        + body
    )


class RefusalSocket:
    """The client's socket as gunicorn's handle_error writes to it: the answer gunicorn wrote is
    replaced by `refusal` of the same status; everything else goes to the socket."""

    def __init__(self, sock):
        self._sock = sock

    def __getattr__(self, name):
        return getattr(self._sock, name)

    def sendall(self, data: bytes) -> None:
        status_line = data.split(b"\r\n", 1)[0]  # HTTP/1.1 400 Bad Request
        self._sock.sendall(refusal(status_line.split(b" ", 1)[1]))


class SecureHeadersWorker(ThreadWorker):
    def handle_error(self, req, client, addr, exc):
        super().handle_error(req, RefusalSocket(client), addr, exc)
