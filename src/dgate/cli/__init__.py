"""The `dgate` command line: a thin Typer layer over dgate.service.

Every command takes `--home DIR` (default $DGATE_HOME, else ./dgate-home); commands acting
for a person take `--as USER` (default $DGATE_USER; with neither, the home's `admin`
account, which can never review, approve or release). Errors are one line on stderr;
exit 2 usage, 3 unreadable input, 4 refused by policy, 1 anything else. `--debug` shows
tracebacks.
"""

from __future__ import annotations

import sys
import traceback

import typer

from dgate.cli import admin, flow, tools  # noqa: F401  (each registers its commands)
from dgate.cli.base import app
from dgate.errors import DgateError

__all__ = ["app", "main"]


# -- entry point -----------------------------------------------------------------------------

def _parser_exit(exc: Exception) -> int | None:
    """Typer's own parser errors (it vendors click; older versions use click itself), by
    shape: Exit carries its code, usage errors a one-line message. None if not one."""
    kind = type(exc).__name__
    if kind == "Exit":
        return int(getattr(exc, "exit_code", 0))
    if kind == "Abort":
        sys.stderr.write("dgate: aborted\n")
        return 1
    if kind == "NoArgsIsHelpError":  # bare `dgate` or `dgate batch`: show the help
        sys.stderr.write(str(exc.format_message()) + "\n")  # type: ignore[attr-defined]
        return 2
    if hasattr(exc, "format_message") and hasattr(exc, "exit_code"):
        message = " ".join(str(exc.format_message()).split())
        sys.stderr.write(f"dgate: {message}\n")
        code = int(exc.exit_code)
        return 2 if code in (0, 2) else code
    return None


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    command = typer.main.get_command(app)
    try:
        code = command.main(args=args, prog_name="dgate", standalone_mode=False)
        sys.exit(code if isinstance(code, int) else 0)
    except DgateError as exc:
        if debug:
            traceback.print_exc()
        sys.stderr.write(f"dgate: {exc}\n")
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.stderr.write("dgate: interrupted\n")
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 — the last line of defence: never a traceback
        parsed = _parser_exit(exc)
        if parsed is not None:
            sys.exit(parsed)
        if debug:
            traceback.print_exc()
        # The type only: a foreign message might quote data it was handed.
        sys.stderr.write(f"dgate: internal error ({type(exc).__name__}); rerun with --debug\n")
        sys.exit(1)

