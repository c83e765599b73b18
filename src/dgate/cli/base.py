"""The parts every command module shares: the Typer apps, the shared options, the
console and the helpers that resolve the home, the user and dates."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from dgate.errors import UsageError

out = Console(soft_wrap=True, highlight=False)
err = Console(stderr=True, soft_wrap=True, highlight=False)

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  rich_markup_mode=None,
                  help="Disclosure Gate: lawful, precise, accountable address disclosure "
                       "under 26 U.S.C. 6103(i)(2).")
user_app = typer.Typer(no_args_is_help=True, help="Users and their roles.")
agency_app = typer.Typer(no_args_is_help=True, help="Requesting agencies.")
official_app = typer.Typer(no_args_is_help=True, help="Authorized officials and their keys.")
master_app = typer.Typer(no_args_is_help=True, help="The master file extract.")
batch_app = typer.Typer(no_args_is_help=True, help="Request batches.")
review_app = typer.Typer(no_args_is_help=True, help="The review queue.")
accounting_app = typer.Typer(no_args_is_help=True, help="The 6103(p)(3)(A) accounting.")
ledger_app = typer.Typer(no_args_is_help=True, help="The tamper-evident ledger.")
model_app = typer.Typer(no_args_is_help=True, help="The match model in force.")
package_app = typer.Typer(no_args_is_help=True,
                          help="The requester's side: check and sign a package offline.")
keys_app = typer.Typer(no_args_is_help=True, help="The master key and the data keys.")
retention_app = typer.Typer(no_args_is_help=True,
                            help="Retention schedule and crypto-shredding.")
incident_app = typer.Typer(no_args_is_help=True, help="Incident reporting (Pub. 1075).")
for sub, name in ((user_app, "user"), (agency_app, "agency"), (official_app, "official"),
                  (master_app, "master"), (batch_app, "batch"), (review_app, "review"),
                  (accounting_app, "accounting"), (ledger_app, "ledger"),
                  (package_app, "package"), (model_app, "model"), (keys_app, "keys"),
                  (retention_app, "retention"), (incident_app, "incident")):
    app.add_typer(sub, name=name)

_STATE: dict[str, Any] = {"debug": False, "home": None, "user": None}

HomeOpt = Annotated[Path | None, typer.Option(
    "--home", help="Home folder (default $DGATE_HOME, else ./dgate-home).", show_default=False)]
AsOpt = Annotated[str | None, typer.Option(
    "--as", help="Acting user (default $DGATE_USER, else admin).", show_default=False)]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show tracebacks.")]


@app.callback()
def _root(home: HomeOpt = None, as_user: AsOpt = None, debug: DebugOpt = False) -> None:
    _STATE.update(debug=debug, home=home, user=as_user)


def home_path(home: Path | None) -> Path:
    if home is not None:
        return home
    if _STATE["home"] is not None:
        return Path(_STATE["home"])
    env = os.environ.get("DGATE_HOME")
    return Path(env) if env else Path("dgate-home")


def acting_user(as_user: str | None) -> str | None:
    return as_user or _STATE["user"] or os.environ.get("DGATE_USER") or None


def option_date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{option} must be a date YYYY-MM-DD") from None


def open_home(home: Path | None) -> Any:
    from dgate.service.home import Home

    return Home(home_path(home))


def progress_bar() -> tuple[Any, Callable[[str, int, int], None]]:
    """A Rich progress bar on stderr when it is a terminal; silent otherwise."""
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn

    bar = Progress(TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(),
                   console=err, transient=True, disable=not err.is_terminal)
    tasks: dict[str, Any] = {}

    def update(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            tasks[stage] = bar.add_task(stage, total=max(total, 1))
        bar.update(tasks[stage], completed=done, total=max(total, 1))

    return bar, update


