"""``opensight serve`` (the REST API) and ``opensight studio`` (the web Studio): one server, two front doors."""

import logging
import os
import socket
from pathlib import Path
from typing import Annotated

import typer

from opensight._errors import OpensightError
from opensight.cli._common import DataDirOpt, _err, _fail

HostOpt = Annotated[
    str,
    typer.Option(help="Address to listen on. 127.0.0.1 = this computer only; 0.0.0.0 opens it to your network."),
]
PortOpt = Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")]
TokenOpt = Annotated[
    str | None,
    typer.Option(
        help="Require 'Authorization: Bearer TOKEN' on every call (default: $OPENSIGHT_TOKEN; none when unset).",
        show_default=False,
    ),
]
WorkersOpt = Annotated[int, typer.Option(min=1, help="Pictures processed at the same time (the worker pool).")]
UploadOpt = Annotated[float, typer.Option("--max-upload-mb", min=0.01, help="Largest upload accepted (MB).")]
CorsOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--cors-origin",
        help="Allow browser pages from this origin (such as http://localhost:3000) to call the API and change "
        "things (repeatable). Pages on other origins are refused.",
    ),
]
AllowedHostOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--allowed-host",
        help="Also answer requests addressed to this host name (repeatable), such as studio.lan. The server "
        "always answers to 127.0.0.1, localhost, [::1] and the --host value; other names are refused.",
        show_default=False,
    ),
]
BodyTimeoutOpt = Annotated[
    float,
    typer.Option(min=0.1, help="Give up on an upload that sends nothing for this many seconds (answer 408)."),
]


def _serve(
    *,
    models: list[Path],
    host: str,
    port: int,
    token: str | None,
    workers: int,
    max_upload_mb: float,
    cors: list[str] | None,
    data_dir: Path | None,
    studio: bool,
    allowed_hosts: list[str] | None = None,
    body_timeout: float = 30.0,
    command: str = "opensight serve",
) -> None:
    import uvicorn

    from opensight._settings import token as env_token
    from opensight.serve import ServeConfig, create_app

    try:
        config = ServeConfig(
            models=tuple(models),
            token=token or env_token(),
            workers=workers,
            max_upload_bytes=int(max_upload_mb * 1024 * 1024),
            cors_origins=tuple(cors or ()),
            data_dir=data_dir,
            studio=studio,
            host=host,
            allowed_hosts=tuple(allowed_hosts or ()),
            body_timeout=body_timeout,
        )
        application = create_app(config)
    except OpensightError as error:
        _fail(error, 2)
    listening = _listen(host, port)  # before any "open http://…": a busy port is said first
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    base = f"http://{shown}:{port}"
    if studio:
        _err.print(f"[bold]opensight Studio[/bold]: open {base}/studio/ in your browser (Ctrl+C stops it)")
    _err.print(f"API: {base}/v1/… — try: curl -F file=@photo.jpg {base}/v1/classify ; docs at {base}/docs")
    for model in models:  # each taught model's own route (a sound model takes a recording, not photo.jpg)
        _err.print(f"Model {model.stem}: curl -F file=@FILE {base}/v1/models/{model.stem}/predict")
    if config.token:
        _err.print(
            "A token is required: send 'Authorization: Bearer <token>'"
            + (f" (open the Studio with {base}/studio/#token=<token>)" if studio else "")
        )
    if host not in ("127.0.0.1", "localhost", "::1"):
        _err.print(
            f"[yellow]note:[/yellow] listening on {host}: other computers on your network can reach it"
            + ("" if config.token else "; consider --token")
        )
        if host in ("0.0.0.0", "::"):
            _err.print(
                "It answers to this computer's IP addresses and its name; to reach it by another name, add "
                "--allowed-host NAME"
            )
    _show_server_log(command)
    server = uvicorn.Server(uvicorn.Config(application, log_level="warning", access_log=False))
    server.run(sockets=[listening])


def _listen(host: str, port: int) -> socket.socket:
    """The server's socket, bound now (so the banner never announces a port another program holds); exit 2 with
    a sentence when it cannot be had."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET  # as uvicorn itself decides
    # IPPROTO_TCP named: asyncio turns Nagle off (TCP_NODELAY) only on connections of a socket that says it is TCP;
    # without it every answer waited for the client's delayed ACK (60 ms per request instead of 15).
    listening = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listening.bind((host, port))
    except OSError as error:
        listening.close()
        _fail(f"cannot listen on {host}:{port} ({error.strerror or error}); choose another --port", 2)
    return listening


def _show_server_log(command: str) -> None:
    """The server's own sentences (refused requests, dropped work) go to stderr, one line each, after the name of
    the command the person ran."""
    logger = logging.getLogger("opensight.serve")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter(f"{command}: %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)


def serve(
    models: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Taught .osm models to serve at /v1/models/NAME/predict (NAME = file name).", show_default=False
        ),
    ] = None,
    host: HostOpt = "127.0.0.1",
    port: PortOpt = 8000,
    token: TokenOpt = None,
    workers: WorkersOpt = max(1, (os.cpu_count() or 2) // 2),
    max_upload_mb: UploadOpt = 20.0,
    cors_origin: CorsOpt = None,
    allowed_host: AllowedHostOpt = None,
    body_timeout: BodyTimeoutOpt = 30.0,
    data_dir: DataDirOpt = None,
) -> None:
    """Serve the REST API (and the Studio): POST a picture to /v1/classify, /v1/detect, … ; docs at /docs."""
    _serve(
        models=models or [],
        host=host,
        port=port,
        token=token,
        workers=workers,
        max_upload_mb=max_upload_mb,
        cors=cors_origin,
        data_dir=data_dir,
        studio=True,
        allowed_hosts=allowed_host,
        body_timeout=body_timeout,
    )


def studio(
    host: HostOpt = "127.0.0.1",
    port: PortOpt = 8000,
    token: TokenOpt = None,
    workers: WorkersOpt = max(1, (os.cpu_count() or 2) // 2),
    allowed_host: AllowedHostOpt = None,
    data_dir: DataDirOpt = None,
    max_upload_mb: UploadOpt = 20.0,
    open_browser: Annotated[bool, typer.Option("--open/--no-open", help="Open the Studio in a web browser.")] = False,
) -> None:
    """Start the web Studio: teach your own classifier in the browser, check it, test it, download it."""
    if open_browser:
        import threading
        import webbrowser

        threading.Timer(1.5, webbrowser.open, args=(f"http://127.0.0.1:{port}/studio/",)).start()
    _serve(
        models=[],
        host=host,
        port=port,
        token=token,
        workers=workers,
        max_upload_mb=max_upload_mb,
        cors=None,
        data_dir=data_dir,
        studio=True,
        allowed_hosts=allowed_host,
        command="opensight studio",
    )
