"""The ``eventwire`` command: a thin click layer over the library.

Machine-readable output goes to stdout; progress and messages go to stderr.

Exit codes: 0 all went well; 1 an error stopped the command; 2 bad usage;
3 the command ran but some documents were skipped (``eventwire skips`` lists them).
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from typing import Any

import click

from .errors import EventwireError

EXIT_SKIPPED = 3
DEFAULT_DB = "eventwire.db"

db_option = click.option(
    "--db",
    "db_path",
    default=DEFAULT_DB,
    show_default=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="SQLite store.",
)


class LazyGroup(click.Group):
    """A group whose subcommands live in modules imported only when used (fast start-up).

    ``lazy`` maps a command name to ``"module:attribute"``; a command whose module is absent is
    left out instead of breaking the CLI.
    """

    def __init__(self, *args: Any, lazy: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = lazy or {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy:
            module_name, attr = self.lazy[cmd_name].split(":")
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError as exc:
                if exc.name == module_name:
                    return None  # not written or not installed: the command is left out
                raise
            command = getattr(module, attr)
            if not isinstance(command, click.Command):
                raise TypeError(f"{self.lazy[cmd_name]} is not a click command")
            return command
        return super().get_command(ctx, cmd_name)


@click.group(
    cls=LazyGroup,
    lazy={
        "ingest": "eventwire.commands.ingest:ingest",
        "annotate": "eventwire.commands.annotate:annotate",
        "events": "eventwire.commands.events:events",
        "articles": "eventwire.commands.browse:articles",
        "show": "eventwire.commands.browse:show",
        "search": "eventwire.commands.browse:search",
        "skips": "eventwire.commands.browse:skips",
        "export": "eventwire.commands.browse:export",
        "serve": "eventwire.commands.serve:serve",
        "eval": "eventwire.cli:eval_group",
        "bench": "eventwire.cli:bench_group",
        "train": "eventwire.commands.train:train",
    },
)
@click.version_option(package_name="eventwire")
def cli() -> None:
    """eventwire: news in, coded events out.

    \b
    Example:
        eventwire ingest samples/ --db news.db
        eventwire articles --db news.db
    """


@click.group(
    cls=LazyGroup,
    lazy={
        "extraction": "eventwire.evaluate.extraction:eval_command",
        "dates": "eventwire.evaluate.dates:eval_command",
        "quotes": "eventwire.evaluate.quotes:eval_command",
        "entities": "eventwire.evaluate.entities:eval_command",
        "events": "eventwire.evaluate.events:eval_command",
    },
)
def eval_group() -> None:
    """Measure accuracy on a data set (the path is an argument of each command)."""


@click.group(
    cls=LazyGroup,
    lazy={
        "extract": "eventwire.evaluate.bench_extract:bench_command",
        "annotate": "eventwire.evaluate.bench_annotate:bench_command",
        "pipeline": "eventwire.evaluate.bench_pipeline:bench_command",
        "serve": "eventwire.evaluate.bench_serve:bench_command",
    },
)
def bench_group() -> None:
    """Measure speed and memory on a data set."""


def emit_json(value: Any) -> None:
    """One JSON document on stdout."""
    click.echo(json.dumps(value, ensure_ascii=False, indent=2))


def main() -> None:
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except EventwireError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(0)
