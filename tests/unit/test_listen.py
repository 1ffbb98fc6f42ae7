"""The server's own socket (bound before the banner) must be a TCP socket that says so: asyncio turns Nagle's
algorithm off only for connections of such a socket (without it every answer waited ~40-60 ms for a delayed ACK)."""

from __future__ import annotations

import socket

import pytest
from typer import Exit

from opensight.cli._serve import _listen


def test_the_listening_socket_is_tcp_so_answers_are_not_delayed() -> None:
    listening = _listen("127.0.0.1", 0)
    try:
        assert listening.proto == socket.IPPROTO_TCP
        assert listening.type == socket.SOCK_STREAM
    finally:
        listening.close()


def test_a_busy_port_is_a_usage_error() -> None:
    taken = _listen("127.0.0.1", 0)
    try:
        taken.listen()
        with pytest.raises(Exit) as stopped:
            _listen("127.0.0.1", taken.getsockname()[1])
        assert stopped.value.exit_code == 2
    finally:
        taken.close()
