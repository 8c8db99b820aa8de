"""``eventwire serve``: the JSON API and the dashboard over one store."""

from __future__ import annotations

import os
from pathlib import Path

import click

from ..cli import db_option


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option(
    "--log-level",
    type=click.Choice(["critical", "error", "warning", "info", "debug"]),
    default="info",
    show_default=True,
)
@click.option(
    "--workers",
    type=click.IntRange(1),
    default=1,
    show_default=True,
    help="Server processes (each opens the store read-only; use the machine's cores).",
)
def serve(db_path: Path, host: str, port: int, log_level: str, workers: int) -> None:
    """Serve the JSON API and the dashboard (read-only unless EVENTWIRE_TOKEN is set).

    The API's description is at /openapi.json; the dashboard at /.  Reviews (writes) need the
    token set in EVENTWIRE_TOKEN, sent as 'Authorization: Bearer TOKEN'.  EVENTWIRE_MAP_TILES
    (a URL template with {z}/{x}/{y}) draws map tiles under the event map.

    \b
    Example:
        eventwire serve --db news.db
        EVENTWIRE_TOKEN=$(openssl rand -hex 16) eventwire serve --db news.db --port 8080
    """
    try:
        import uvicorn

        from ..api import SERVE_DB_ENV, create_app
        from ..api.settings import ServeSettings
    except ModuleNotFoundError as exc:
        raise click.ClickException(
            f"{exc.name} is not installed: pip install 'eventwire[serve]'"
        ) from exc
    settings = ServeSettings.from_env()
    app = create_app(db_path, settings)
    writes = "on (EVENTWIRE_TOKEN is set)" if settings.writes_enabled else "off"
    shown = f"[{host}]" if ":" in host else host
    click.echo(
        f"eventwire: serving {db_path} on http://{shown}:{port}/ (reviews {writes}); Ctrl+C stops",
        err=True,
    )
    access_log = log_level == "debug"
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level=log_level, access_log=access_log)
        return
    os.environ[SERVE_DB_ENV] = str(db_path.resolve())
    uvicorn.run(
        "eventwire.api:app_from_env",
        factory=True,
        workers=workers,
        host=host,
        port=port,
        log_level=log_level,
        access_log=access_log,
    )
