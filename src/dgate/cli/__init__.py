"""The `dgate` command line: a thin Typer layer over dgate.service.

Every command takes `--home DIR` (default $DGATE_HOME, else ./dgate-home); commands acting
for a person take `--as USER` (default $DGATE_USER; with neither, the home's `admin`
account, which can never review, approve or release). Errors are one line on stderr;
exit 2 usage, 3 unreadable input, 4 refused by policy, 1 anything else, 130 interrupted
(Ctrl-C). `--debug` shows tracebacks.

This module imports only the standard library and dgate.errors until `main` runs: the
commands (Typer, Rich and the service behind them) are imported inside it, so that a Ctrl-C
pressed while they load is reported like any other, not as a traceback.
"""

from __future__ import annotations

import signal
import sys
import threading
import traceback
from typing import Any

from dgate.errors import DgateError, UsageError

__all__ = ["app", "main"]


def __getattr__(name: str) -> Any:
    """`dgate.cli.app`, the Typer application, with every command registered."""
    if name == "app":
        return _app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _app() -> Any:
    from dgate.cli import admin, flow, tools  # noqa: F401  (each registers its commands)
    from dgate.cli.base import app

    return app


_command: Any = None


def _click_command() -> Any:
    """The click command tree Typer builds from the application, built once a process:
    building it reads every command's signature and type hints (~0.1 s, each time a script
    or a test calls `main` in one process). The tree holds no state between calls: each
    run parses into a context of its own."""
    global _command
    if _command is None:
        import typer

        _command = typer.main.get_command(_app())
    return _command


# -- entry point -----------------------------------------------------------------------------

_interrupted = False


def _on_interrupt(signum: int, frame: object) -> None:
    """SIGINT: remembered, then raised as usual. Typer turns a KeyboardInterrupt into a
    silent exit status 130, and DuckDB into a RuntimeError ("Query interrupted"): the flag
    says which ending was an interruption whatever shape it reached `main` in."""
    global _interrupted
    _interrupted = True
    raise KeyboardInterrupt


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


def _option_problem(command: Any, args: list[str]) -> str | None:
    """What the parser would let through and settle silently, in words, or None:
    - an option given an empty value (`--home "$DIR"` with the variable unset made the
      current folder the home; `--as ""` acted as admin);
    - an option given twice with different values, or a flag given both ways
      (`--role intake --role admin` made an admin, `--disclose --no-disclose` recorded
      the last). The same value twice (a script passing `--home` to the group and to the
      command) is no conflict, and repeatable options (`--statute`) may repeat.
    Anything the parser itself refuses (an unknown option or command) is left to it."""
    seen: dict[str, tuple[str, object]] = {}
    options = _options_of(command)
    at = 0
    while at < len(args):
        arg = args[at]
        at += 1
        if arg == "--":
            break
        if not arg.startswith("-") or arg == "-":
            sub = getattr(command, "commands", {}).get(arg)
            if sub is not None:  # a group's subcommand: its own options from here on
                command, options = sub, _options_of(sub)
            continue
        name, eq, inline = arg.partition("=")
        param = options.get(name)
        if param is None:
            continue
        value: object
        if param.is_flag:
            value = name not in param.secondary_opts
        elif eq:
            value = inline
        elif at < len(args):
            value = args[at]
            at += 1
        else:
            continue  # the value is missing: the parser says so
        if value == "":
            return f"{name} is given an empty value"
        if param.multiple or param.count:
            continue
        first = seen.setdefault(param.name, (name, value))
        if first[1] != value:
            if param.is_flag and first[0] != name:
                return f"{first[0]} and {name} are both given; give one"
            return f"{name} is given twice with different values; give it once"
    return None


def _options_of(command: Any) -> dict[str, Any]:
    """A command's options by every spelling (`--disclose` and `--no-disclose` alike)."""
    return {spelling: p for p in command.params if p.param_type_name == "option"
            for spelling in (*p.opts, *p.secondary_opts)}


def _run(args: list[str], debug: bool) -> int:
    """Run the command; its exit status, every error said in one line on stderr."""
    try:
        command = _click_command()
        problem = _option_problem(command, args)
        if problem is not None:
            raise UsageError(problem)
        code = command.main(args=args, prog_name="dgate", standalone_mode=False)
        if not _interrupted:
            return code if isinstance(code, int) else 0
    except DgateError as exc:
        if not _interrupted:
            if debug:
                traceback.print_exc()
            sys.stderr.write(f"dgate: {exc}\n")
            return exc.exit_code
    except KeyboardInterrupt:
        pass
    except Exception as exc:  # noqa: BLE001 — the last line of defence: never a traceback
        if not _interrupted:
            parsed = _parser_exit(exc)
            if parsed is not None:
                return parsed
            if debug:
                traceback.print_exc()
            # The type only: a foreign message might quote data it was handed.
            sys.stderr.write(f"dgate: internal error ({type(exc).__name__}); rerun with "
                             "--debug\n")
            return 1
    if debug:
        traceback.print_exc()
    sys.stderr.write("dgate: interrupted\n")
    return 130


def main(argv: list[str] | None = None) -> None:
    global _interrupted
    args = sys.argv[1:] if argv is None else argv
    _interrupted = False
    # Only where Ctrl-C raises KeyboardInterrupt as usual (not ignored, not another
    # program's handler when called in-process), and put back after.
    ours = (threading.current_thread() is threading.main_thread()
            and signal.getsignal(signal.SIGINT) is signal.default_int_handler)
    if ours:
        signal.signal(signal.SIGINT, _on_interrupt)
    try:
        code = _run(args, "--debug" in args)
    finally:
        if ours:
            signal.signal(signal.SIGINT, signal.default_int_handler)
    sys.exit(code)
