"""The ``orderforge`` program: ``validate`` and ``fmt`` of plain arguments start without click.

Importing click and the command tree costs ``orderforge validate`` about a
tenth of its start-up (issue 12: validate at most 2× ``import yaml``), and a
clean plan prints nothing, so it never needs click at all. When the arguments
are ``validate`` followed only by plan paths, ``--json``, ``-q`` or ``--quiet``,
the command's body (:func:`validate_command`, the same one the click command
calls) runs directly; anything else — help, other commands, any other option,
a path starting with «-», shell completion — goes to click unchanged
(:data:`orderforge.cli.main`). ``fmt`` followed only by plan paths and
``--check`` is taken the same way (:func:`orderforge.fmt.fmt_command`; issue 12:
fmt at most 1.5× validate). Output still goes through click.echo
(:mod:`orderforge.console` imports click when there is something to print).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

#: The flags of ``validate`` → the keyword they set, as click parses them.
_VALIDATE_FLAGS = {"--json": "as_json", "-q": "quiet", "--quiet": "quiet"}
#: The flag of ``fmt``.
_FMT_FLAGS = {"--check": "check"}


def main() -> None:
    """The entry point of ``orderforge`` and ``python -m orderforge``."""
    action = _plain_action(sys.argv[1:], os.environ)
    if action is None:
        from .cli import main as click_main

        click_main()
        return
    from . import signals
    from .runner import run

    signals.install()
    sys.exit(run(action))


def _plain_action(args: Sequence[str], environ: Mapping[str, str]) -> Callable[[], int] | None:
    """The body of plain ``validate`` or ``fmt`` with the arguments click would give it; None for click."""
    plain = plain_validate_args(args, environ)
    if plain is not None:
        return lambda: validate_command(*plain)
    fmt = plain_fmt_args(args, environ)
    if fmt is None:
        return None

    def formatted() -> int:
        from .fmt import fmt_command

        return fmt_command(*fmt)

    return formatted


def plain_validate_args(args: Sequence[str], environ: Mapping[str, str]) -> tuple[tuple[Path, ...], bool, bool] | None:
    """(plans, as_json, quiet) when click would parse ``args`` to exactly that for ``validate``; else None.

    Only the forms whose parse is obvious are taken: no «--», no «-» alone, no
    empty argument, no option of another spelling, no shell-completion request
    (click reads it from ``_<PROG>_COMPLETE``), no path that exists but cannot be
    read (click.Path refuses it with its own message) and not on Windows, where
    click expands globs in the arguments itself.
    """
    parsed = _plain_args("validate", _VALIDATE_FLAGS, args, environ)
    if parsed is None:
        return None
    plans, flags = parsed
    return plans, flags["as_json"], flags["quiet"]


def plain_fmt_args(args: Sequence[str], environ: Mapping[str, str]) -> tuple[tuple[Path, ...], bool] | None:
    """(plans, check) when click would parse ``args`` to exactly that for ``fmt``; else None (the same
    obvious forms only as :func:`plain_validate_args`: the plans argument is the same click.Path)."""
    parsed = _plain_args("fmt", _FMT_FLAGS, args, environ)
    if parsed is None:
        return None
    plans, flags = parsed
    return plans, flags["check"]


def _plain_args(command: str, known: Mapping[str, str], args: Sequence[str],
                environ: Mapping[str, str]) -> tuple[tuple[Path, ...], dict[str, bool]] | None:
    """The plans and flags of ``command`` when its arguments are only plan paths and ``known`` flags."""
    if not args or args[0] != command or os.name == "nt":
        return None
    if any(name.endswith("_COMPLETE") for name in environ):
        return None
    flags = dict.fromkeys(known.values(), False)
    plans: list[Path] = []
    for arg in args[1:]:
        if arg in known:
            flags[known[arg]] = True
        elif arg and not arg.startswith("-") and not _unreadable(arg):
            plans.append(Path(arg))
        else:
            return None
    return tuple(plans), flags


def _unreadable(path: str) -> bool:
    """What click.Path(readable=True) checks: a path that exists and may not be read."""
    try:
        os.stat(path)
    except OSError:
        return False
    return not os.access(path, os.R_OK)


def validate_command(plans: tuple[Path, ...], as_json: bool, quiet: bool) -> int:
    """``orderforge validate``: check the plans, print every problem, return the exit code."""
    from .batch import validate_files
    from .console import echo, echo_diagnostics
    from .diagnostics import Report
    from .plans import plan_files

    report = Report()
    validate_files(plan_files(plans, report), report, echo)
    items = [d for d in report.sorted() if not (quiet and d.severity == "warning")]
    if as_json:
        import json

        echo(json.dumps([d.to_json() for d in items], ensure_ascii=False, indent=2))
    elif items:
        echo_diagnostics(items, err=False)
        echo(f"ошибок: {len(report.errors)}, предупреждений: {len(report.warnings)}")
    return report.exit_code
