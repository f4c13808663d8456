"""What the production server writes to its logs names no client."""

import socket

from .servers import fetch


def send_raw(port: int, data: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=20) as connection:
        connection.sendall(data)
        return connection.recv(4096)


def test_an_unreadable_request_is_logged_without_the_client_address(production_server):
    answer = send_raw(production_server.port, b"NOT A REQUEST LINE\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 400")
    assert fetch(production_server.port, "/healthz")[0] == 200  # the warning is written by now

    lines = production_server.error_log_path.read_text().splitlines()
    invalid = [line for line in lines if "Invalid request" in line]
    assert invalid, lines
    for line in invalid:
        assert "ip=" not in line
        assert "127.0.0.1" not in line
