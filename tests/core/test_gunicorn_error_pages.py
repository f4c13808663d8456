"""gunicorn's own refusals (a request it cannot parse, a line or header too long) carry the same
security headers as every page Django answers, and say nothing of what was sent (issue 19,
finding 10). Raw requests over a socket to a real gunicorn with the production settings."""

import socket

import pytest

from .servers import fetch_headers

# Headers Django's middleware puts on every answer, which gunicorn's page lacked.
SECURITY_HEADERS = [
    "Content-Security-Policy",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "X-Frame-Options",
    "Permissions-Policy",
    "Cross-Origin-Opener-Policy",
    "Cross-Origin-Resource-Policy",
]
MARKER = "made-up-request-words"

REFUSED = [
    pytest.param(f"{MARKER}\r\n\r\n".encode(), 400, id="not-a-request-line"),
    pytest.param(f"GET /{MARKER}/ HTTP/9.9\r\n\r\n".encode(), 400, id="unknown-http-version"),
    pytest.param(f"GET /{'a' * 5000} HTTP/1.1\r\n\r\n".encode(), 414, id="request-line-too-long"),
    pytest.param(
        f"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-{MARKER}: {'a' * 9000}\r\n\r\n".encode(),
        431,
        id="header-too-large",
    ),
    pytest.param(
        b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + b"".join(f"X-Many-{n}: 1\r\n".encode() for n in range(120))
        + b"\r\n",
        431,
        id="too-many-headers",
    ),
    pytest.param(
        f"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n{MARKER}(: 1\r\n\r\n".encode(),
        400,
        id="invalid-header-name",
    ),
]


def csp_directives(policy: str) -> set[str]:
    """A policy's directives, in whatever order they were written."""
    return {directive.strip() for directive in policy.split(";")}


def raw_exchange(port: int, request: bytes) -> tuple[int, dict[str, str], bytes]:
    """(status, headers, body) of gunicorn's answer to bytes sent as they are."""
    with socket.create_connection(("127.0.0.1", port), timeout=20) as connection:
        connection.sendall(request)
        received = b""
        while chunk := connection.recv(65536):
            received += chunk
    head, _, body = received.partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return int(status_line.split()[1]), headers, body


@pytest.mark.parametrize(("request_bytes", "status"), REFUSED)
def test_gunicorns_own_refusals_carry_the_sites_security_headers(
    production_server, request_bytes, status
):
    django_headers = {
        name.lower(): value for name, value in fetch_headers(production_server.port, "/").items()
    }
    answered, headers, body = raw_exchange(production_server.port, request_bytes)
    assert answered == status
    for name in SECURITY_HEADERS[1:]:
        assert headers.get(name.lower()) == django_headers[name.lower()], name
    assert csp_directives(headers["content-security-policy"]) == csp_directives(
        django_headers["content-security-policy"]
    )
    assert headers["content-type"] == "text/plain; charset=utf-8"
    assert headers["cache-control"] == "no-store"
    assert headers["connection"] == "close"
    assert int(headers["content-length"]) == len(body)
    # A few plain words; nothing of what was sent, no HTML.
    assert body.decode().startswith(str(status))
    assert MARKER.encode() not in body
    assert b"<" not in body


def test_a_refusal_leaves_the_server_answering(production_server):
    raw_exchange(production_server.port, f"{MARKER}\r\n\r\n".encode())
    assert fetch_headers(production_server.port, "/healthz")
