"""Every JSON answer says ``Cache-Control: no-store``: a browser must never show a project's previous training, an
old evaluation or another moment's answer from its cache (the Studio reloads them after every change)."""

from __future__ import annotations

from typing import Any

NO_STORE = (b"cache-control", b"no-store")


class NoStoreJson:
    """ASGI middleware: adds ``Cache-Control: no-store`` to responses of type ``application/json`` that set no
    caching of their own (pictures and the Studio's static files keep the browser's normal caching)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_no_store(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                kind = next((value for name, value in headers if name.lower() == b"content-type"), b"")
                if kind.startswith(b"application/json") and b"cache-control" not in names:
                    message = {**message, "headers": [*headers, NO_STORE]}
            await send(message)

        await self.app(scope, receive, send_no_store)
