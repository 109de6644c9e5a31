"""The ``orderforge`` program: ``validate`` of plain arguments starts without click.

Importing click and the command tree costs ``orderforge validate`` about a
tenth of its start-up (issue 12: validate at most 2× ``import yaml``), and a
clean plan prints nothing, so it never needs click at all. When the arguments
are ``validate`` followed only by plan paths, ``--json``, ``-q`` or ``--quiet``,
the command's body (:func:`validate_command`, the same one the click command
calls) runs directly; anything else — help, other commands, any other option,
a path starting with «-», shell completion — goes to click unchanged
(:data:`orderforge.cli.main`). Output still goes through click.echo
(:mod:`orderforge.console` imports click when there is something to print).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

#: The flags of ``validate`` → the keyword they set, as click parses them.
_VALIDATE_FLAGS = {"--json": "as_json", "-q": "quiet", "--quiet": "quiet"}


def main() -> None:
    """The entry point of ``orderforge`` and ``python -m orderforge``."""
    plain = plain_validate_args(sys.argv[1:], os.environ)
    if plain is None:
        from .cli import main as click_main

        click_main()
        return
    from . import signals
    from .runner import run

    signals.install()
    sys.exit(run(lambda: validate_command(*plain)))


def plain_validate_args(args: Sequence[str], environ: Mapping[str, str]) -> tuple[tuple[Path, ...], bool, bool] | None:
    """(plans, as_json, quiet) when click would parse ``args`` to exactly that for ``validate``; else None.

    Only the forms whose parse is obvious are taken: no «--», no «-» alone, no
    empty argument, no option of another spelling, no shell-completion request
    (click reads it from ``_<PROG>_COMPLETE``), no path that exists but cannot be
    read (click.Path refuses it with its own message) and not on Windows, where
    click expands globs in the arguments itself.
    """
    if not args or args[0] != "validate" or os.name == "nt":
        return None
    if any(name.endswith("_COMPLETE") for name in environ):
        return None
    flags = {"as_json": False, "quiet": False}
    plans: list[Path] = []
    for arg in args[1:]:
        if arg in _VALIDATE_FLAGS:
            flags[_VALIDATE_FLAGS[arg]] = True
        elif arg and not arg.startswith("-") and not _unreadable(arg):
            plans.append(Path(arg))
        else:
            return None
    return tuple(plans), flags["as_json"], flags["quiet"]


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
