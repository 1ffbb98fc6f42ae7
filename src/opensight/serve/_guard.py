"""Who may drive this server: one pure-ASGI middleware that looks at a request's headers only — it never reads
the body, so a refused request costs no upload — and refuses, with a JSON sentence:

1. **Host** (every request, 400): the ``Host`` header must name this server as it was started — ``127.0.0.1``,
   ``localhost``, ``[::1]``, the ``--host`` value and every ``--allowed-host`` (any port). A server listening on
   all interfaces (``--host 0.0.0.0``) also answers to IP addresses and to this machine's own name. A web page
   that made its own domain point at 127.0.0.1 (DNS rebinding) sends its own name here, and is refused.
2. **Token** (with ``--token``, 401): ``Authorization: Bearer <token>`` on every request except liveness
   (``/healthz``), the redirect at ``/`` and the Studio's static page (HTML, CSS, JS: no data; the page asks for
   the token and sends it on every call). ``/docs``, ``/redoc`` and ``/openapi.json`` need it.
3. **Origin** (state-changing methods POST/PUT/PATCH/DELETE, 403). Browsers send requests to other sites without
   asking first when they are "simple" (a form post, multipart or empty, or ``fetch`` in ``no-cors`` mode), and
   every modern browser labels them: ``Origin`` (the page's origin; sent on every cross-origin request and on
   every POST) and ``Sec-Fetch-Site`` (``same-origin``, ``same-site``, ``cross-site`` or ``none``). The rule:

   - an ``Origin`` listed with ``--cors-origin`` passes (the user trusted that page explicitly);
   - any other ``Origin`` must be this server's own: the same host and port as the ``Host`` header (``null`` —
     sandboxed frames, ``file:`` pages — is refused);
   - ``Sec-Fetch-Site``, when sent, must be ``same-origin`` (``same-site`` is refused: a page on another port of
     127.0.0.1 is the same *site*, but another *origin*);
   - a request with neither header is not a browser's cross-site request (curl, httpx, scripts): it passes,
     so ``curl -F file=@x.jpg http://127.0.0.1:8000/v1/classify`` keeps working.
4. **A header no cross-site form can send** (state-changing ``/studio/api`` requests, 403): ``X-Opensight``
   (any value; the Studio's page sends ``X-Opensight: 1``) or ``Content-Type: application/json``. A page on
   another origin can only send either after a CORS preflight, which this server grants to ``--cors-origin``
   pages only. This is the second lock, for browsers that send neither ``Origin`` nor ``Sec-Fetch-Site``.
   ``/v1/*`` does not need it: those routes change nothing, and scripts call them without extra headers.

>>> guard = Guard(None, hosts=("127.0.0.1",), allowed_hosts=("studio.lan",))
>>> guard.host_verdict("studio.lan:8000") is None, guard.host_verdict("evil.example:8000") is not None
(True, True)
"""

from __future__ import annotations

import ipaddress
import json
import logging
import secrets
import socket
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

log = logging.getLogger("opensight.serve")

#: Methods that change something (a browser sends them cross-site without asking when they look like a form post).
STATE_CHANGING = frozenset({"POST", "PUT", "PATCH", "DELETE"})
#: Names every server answers to: this computer.
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")
#: ``--host`` values that mean "every interface of this machine".
WILDCARD_HOSTS = ("0.0.0.0", "::", "")
#: The header the Studio's page sends on every call (a cross-site form cannot).
STUDIO_HEADER = "X-Opensight"
_DEFAULT_PORTS = {"http": 80, "https": 443}


def is_studio_api(path: str) -> bool:
    """Whether ``path`` is under the Studio's JSON API (``/studio/api/...``), segment by segment: the page's own
    files, such as ``/studio/api.js``, are not.

    >>> is_studio_api("/studio/api/projects"), is_studio_api("/studio/api"), is_studio_api("/studio/api.js")
    (True, True, False)
    """
    return path == "/studio/api" or path.startswith("/studio/api/")


def split_host(value: str) -> tuple[str, int | None] | None:
    """``(name, port)`` from a ``Host`` header value (name lowercased, IPv6 brackets and a trailing dot removed),
    or ``None`` when it is malformed.

    >>> split_host("[::1]:8000"), split_host("LocalHost.:80"), split_host("a b")
    (('::1', 8000), ('localhost', 80), None)
    """
    value = value.strip().lower()
    port: int | None = None
    if value.startswith("["):
        name, bracket, rest = value[1:].partition("]")
        if not bracket or (rest and not rest.startswith(":")):
            return None
        port_text = rest[1:] if rest else None
    else:
        name, colon, port_text_raw = value.partition(":")
        port_text = port_text_raw if colon else None
    if port_text is not None:
        if not port_text.isdigit() or not 0 < int(port_text) < 65536:
            return None
        port = int(port_text)
    name = name.rstrip(".")
    if not name or any(ch in name for ch in " /\\@?#[]\t"):
        return None
    return name, port


def clean_host_name(value: str) -> str:
    """An ``--allowed-host`` value as it is compared (lowercase, no port, no brackets); ``ValueError`` with the
    reason when it is not a host name.

    >>> clean_host_name("Studio.LAN:8000"), clean_host_name("[fe80::1]")
    ('studio.lan', 'fe80::1')
    """
    if "://" in value or "/" in value:
        raise ValueError(f"{value!r} is a URL; give only the host name, such as studio.lan or 192.168.1.20")
    if value.count(":") > 1 and not value.startswith("["):  # a bare IPv6 address
        value = f"[{value}]"
    parsed = split_host(value)
    if parsed is None:
        raise ValueError(f"{value!r} is not a host name; give one such as studio.lan or 192.168.1.20")
    return parsed[0]


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


class Guard:
    """The middleware described in this module's docstring. ``hosts`` are the names the server was started for
    (loopback names are always added), ``token`` the bearer token (or ``None``), ``cors_origins`` the trusted
    pages on other origins (``"*"`` = any)."""

    def __init__(
        self,
        app: Any,
        *,
        hosts: Iterable[str] = ("127.0.0.1",),
        allowed_hosts: Iterable[str] = (),
        token: str | None = None,
        cors_origins: Iterable[str] = (),
    ) -> None:
        self.app = app
        started = [clean_host_name(host) if host not in WILDCARD_HOSTS else host for host in hosts]
        self.any_address = any(host in WILDCARD_HOSTS for host in started)
        names = set(LOOPBACK_NAMES) | {host for host in started if host not in WILDCARD_HOSTS}
        names |= {clean_host_name(host) for host in allowed_hosts}
        if self.any_address:
            machine = socket.gethostname().lower()
            names |= {machine, f"{machine}.local"}
        self.names = frozenset(names)
        self.token = token
        self.cors_origins = frozenset(origin.rstrip("/") for origin in cors_origins)

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        headers: dict[str, str] = {}
        for raw_name, raw_value in scope.get("headers") or []:
            headers.setdefault(raw_name.decode("latin-1").lower(), raw_value.decode("latin-1"))
        method = str(scope.get("method", "GET")).upper()
        path = str(scope.get("path", "/"))
        origin = headers.get("origin")
        refusal = self.host_verdict(headers.get("host"))
        if refusal is not None:
            await self._refuse(scope, send, 400, refusal, origin)
            return
        if not self._token_ok(method, path, headers):
            await self._refuse(
                scope,
                send,
                401,
                "this server needs a token: send the header 'Authorization: Bearer <token>' (the token given "
                "to `opensight serve --token` or OPENSIGHT_TOKEN)",
                origin,
                [(b"www-authenticate", b"Bearer")],
            )
            return
        if method in STATE_CHANGING or scope["type"] == "websocket":
            refusal = self.origin_verdict(headers)
            if refusal is None and is_studio_api(path) and not self._has_studio_header(headers):
                refusal = (
                    f"refused: changes to the Studio need the header '{STUDIO_HEADER}: 1' (or a JSON body sent "
                    "as 'Content-Type: application/json'), which a page on another website cannot send. The "
                    f"Studio's own page sends it; add it to your script (curl -H '{STUDIO_HEADER}: 1' ...)"
                )
            if refusal is not None:
                await self._refuse(scope, send, 403, refusal, origin)
                return
        await self.app(scope, receive, send)

    # -- the rules -------------------------------------------------------------------------------------------
    def host_verdict(self, host: str | None) -> str | None:
        """Why a ``Host`` header is refused, or ``None`` when it names this server."""
        if host is None:
            return "the request has no Host header; send one naming this server (such as 127.0.0.1:8000)"
        parsed = split_host(host)
        if parsed is None:
            return f"the Host header {host!r} is malformed; send one naming this server (such as 127.0.0.1:8000)"
        name = parsed[0]
        if name in self.names or (self.any_address and _is_ip(name)):
            return None
        shown = ", ".join(sorted(self.names, key=lambda n: (n not in LOOPBACK_NAMES, n)))
        return (
            f"this server does not answer to the name {name!r} (it answers to {shown}). A web page that points its "
            f"own name at this computer is refused this way. If you reach this server by that name on purpose, "
            f"start it with --allowed-host {name}"
        )

    def origin_verdict(self, headers: dict[str, str]) -> str | None:
        """Why a state-changing request looks like it comes from another website, or ``None`` when it does not
        (the rule in this module's docstring)."""
        origin = headers.get("origin")
        site = headers.get("sec-fetch-site")
        if origin is not None and ("*" in self.cors_origins or origin.rstrip("/") in self.cors_origins):
            return None
        advice = (
            "only this server's own pages may change things here. To let a page on another origin call this "
            "server, start it with --cors-origin ORIGIN"
        )
        if origin is not None and not self._same_origin(origin, headers.get("host", "")):
            return f"refused: this request comes from a page on another website ({origin}); {advice}"
        if site is not None and site.strip().lower() != "same-origin":
            return f"refused: the browser says this request comes from another page (Sec-Fetch-Site: {site}); {advice}"
        return None

    @staticmethod
    def _same_origin(origin: str, host: str) -> bool:
        if origin == "null":
            return False
        try:
            parts = urlsplit(origin)
            origin_port = parts.port
        except ValueError:
            return False
        scheme, name = parts.scheme.lower(), (parts.hostname or "").rstrip(".")
        if scheme not in _DEFAULT_PORTS or not name or parts.path not in ("", "/"):
            return False
        own = split_host(host)
        if own is None:
            return False
        default = _DEFAULT_PORTS[scheme]
        return name == own[0] and (origin_port or default) == (own[1] or default)

    @staticmethod
    def _has_studio_header(headers: dict[str, str]) -> bool:
        if headers.get(STUDIO_HEADER.lower(), "").strip():
            return True
        media_type = headers.get("content-type", "").split(";", 1)[0].strip().lower()
        return media_type == "application/json"

    def _open(self, method: str, path: str, headers: dict[str, str]) -> bool:
        """Whether a request needs no token: liveness, the redirect to the Studio, the Studio's static files, and
        CORS preflights from a ``--cors-origin`` page (a browser never sends a token with those)."""
        if method == "OPTIONS" and "access-control-request-method" in headers:
            origin = headers.get("origin", "").rstrip("/")
            return "*" in self.cors_origins or origin in self.cors_origins
        if method not in ("GET", "HEAD"):
            return False
        if path in ("/healthz", "/", "/studio"):
            return True
        return path.startswith("/studio/") and not is_studio_api(path)

    def _token_ok(self, method: str, path: str, headers: dict[str, str]) -> bool:
        """Whether the request may pass the token check (no token set, an open path, or the right token)."""
        if self.token is None or self._open(method, path, headers):
            return True
        scheme, _, given = headers.get("authorization", "").partition(" ")
        return scheme.lower() == "bearer" and secrets.compare_digest(given.strip().encode(), self.token.encode())

    async def _refuse(
        self,
        scope: dict[str, Any],
        send: Any,
        status: int,
        detail: str,
        origin: str | None,
        extra: list[tuple[bytes, bytes]] | None = None,
    ) -> None:
        log.info("refused %s %s (%d): %s", scope.get("method", ""), scope.get("path", ""), status, detail)
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        headers = list(extra or [])
        if origin is not None and ("*" in self.cors_origins or origin.rstrip("/") in self.cors_origins):
            headers += [(b"access-control-allow-origin", origin.encode("latin-1")), (b"vary", b"Origin")]
        await send_refusal(send, status, detail, headers)


async def send_refusal(send: Any, status: int, detail: str, headers: list[tuple[bytes, bytes]] | None = None) -> None:
    """Answer ``{"detail": detail}`` with ``status`` and close the connection (the request's body, if any, is
    left unread: the connection cannot carry another request)."""
    body = json.dumps({"detail": detail}).encode()
    all_headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        (b"connection", b"close"),
        *(headers or []),
    ]
    await send({"type": "http.response.start", "status": status, "headers": all_headers})
    await send({"type": "http.response.body", "body": body})
