"""The ``orderforge`` program: plain ``validate``, ``build``, ``fmt``, ``new --from``, ``diff`` and ``import`` start
without click.

Importing click and the command tree costs ``orderforge validate`` about a
tenth of its start-up (issue 12: validate at most 2× ``import yaml``), and a
clean plan prints nothing, so it never needs click at all. When the arguments
are ``validate`` followed only by plan paths, ``--json``, ``-q`` or ``--quiet``,
the command's body (:func:`validate_command`, the same one the click command
calls) runs directly. ``fmt`` and ``new`` are measured against ``validate``
(issue 12: at most 1.5×), so ``fmt`` followed only by plan paths and ``--check``
(:func:`orderforge.fmt.fmt_command`) and the plain form of ``new`` — one path,
``--from`` a path, ``--year``/``--shift`` in digits, ``--force`` — (:func:`new_command`)
run directly too, and so does a plain ``build`` — plan paths, ``-o``/``--output`` a folder, ``-j``/``--jobs``
a number in digits, ``--force``, ``--pdf`` — (:func:`build_command`): a second build of an unchanged
workspace is measured against ``orderforge --help`` (at most 1.5×), and a first build against another
tool, so neither should pay for click; nor should a plain ``diff`` — one or two sides, ``--json``,
``--exit-code`` — (:func:`diff_command`), measured against ``validate`` (at most 2×), nor a plain ``import`` —
one document, ``-o``/``--output``, ``--directory``, ``--style``, ``--json``, ``--force`` — (:func:`import_command`;
issue 11: import of a 1,000-row table at most 2× validate of the plan it writes). Anything else —
help, other commands, any other option, a path starting with «-», shell completion — goes to click unchanged
(:data:`orderforge.cli.main`). Output goes through :func:`orderforge.console.echo`,
which writes a plain line to a standard stream itself, as click.echo would, and
hands anything else to click.echo.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs validate's start-up (issue 12)
    from typing import Any, NoReturn

#: The flags of ``validate`` → the keyword they set, as click parses them.
_VALIDATE_FLAGS = {"--json": "as_json", "-q": "quiet", "--quiet": "quiet"}
#: The flag of ``fmt``.
_FMT_FLAGS = {"--check": "check"}


#: The options of ``new`` that take a value → the keyword they set.
_NEW_OPTIONS = {"--from": "source", "--year": "year", "--shift": "shift"}
#: The options of ``build`` that take a value → the keyword they set; its flags.
_BUILD_OPTIONS = {"-o": "out_dir", "--output": "out_dir", "-j": "jobs", "--jobs": "jobs"}
_BUILD_FLAGS = {"--pdf": "pdf", "--force": "force"}
#: The flags of ``diff`` → the keyword they set.
_DIFF_FLAGS = {"--json": "as_json", "--exit-code": "exit_code"}
#: The options of ``import`` that take a value → the keyword they set; its flags.
_IMPORT_OPTIONS = {"-o": "output", "--output": "output", "--directory": "directory", "--style": "style"}
_IMPORT_FLAGS = {"--json": "as_json", "--force": "force"}
#: The range of ``build -j`` (click.IntRange(1, 64) in :mod:`orderforge.cli.plans`).
MAX_JOBS = 64


def main() -> None:
    """The entry point of ``orderforge`` and ``python -m orderforge``."""
    from .lxmlstart import install

    install()  # the command's process only: a program that imports orderforge keeps its import machinery
    action = _plain_action(sys.argv[1:], os.environ)
    if action is not None:
        _run_plain(action)
    from .cli import main as click_main

    click_main()


def _run_plain(body: Callable[[], int]) -> NoReturn:
    """A command's body run as click's :class:`orderforge.cli.app.Command` runs it, without click."""
    from . import signals
    from .runner import run

    signals.install()
    sys.exit(run(body))


def _plain_action(args: Sequence[str], environ: Mapping[str, str]) -> Callable[[], int] | None:
    """The body of a plain ``validate``, ``fmt``, ``new``, ``build`` or ``diff`` with the arguments click would give
    it; None for click."""
    plain = plain_validate_args(args, environ)
    if plain is not None:
        return lambda: validate_command(*plain)
    fmt = plain_fmt_args(args, environ)
    if fmt is not None:
        def formatted() -> int:
            from .fmt import fmt_command

            return fmt_command(*fmt)

        return formatted
    new = plain_new_args(args, environ)
    if new is not None:
        return lambda: new_command(**new)
    build = plain_build_args(args, environ)
    if build is not None:
        return lambda: build_command(**build)
    diff = plain_diff_args(args, environ)
    if diff is not None:
        return lambda: diff_command(**diff)
    imported = plain_import_args(args, environ)
    if imported is not None:
        return lambda: import_command(**imported)
    return None


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


def plain_new_args(args: Sequence[str], environ: Mapping[str, str]) -> dict[str, Any] | None:
    """The keywords of :func:`new_command` when click would parse ``args`` to exactly those for ``new``; else None.

    Taken: ``new`` with one path, ``--from`` and a path, ``--year`` and ``--shift`` each at most once with
    ASCII digits (click reads other spellings of a number too, and says what is wrong with the rest),
    ``--force`` once, in any order. Not taken (click decides): «--opt=value», a value or a path starting
    with «-» or empty, a path that is a folder or cannot be read (click.Path(dir_okay=False) refuses them
    with its own message), shell completion, Windows.
    """
    if not args or args[0] != "new" or os.name == "nt" or any(name.endswith("_COMPLETE") for name in environ):
        return None
    found: dict[str, Any] = {"force": False}
    paths: list[str] = []
    rest = iter(args[1:])
    for arg in rest:
        if arg == "--force" and not found["force"]:
            found["force"] = True
        elif arg in _NEW_OPTIONS and _NEW_OPTIONS[arg] not in found:
            value = next(rest, "")
            if not value or value.startswith("-"):
                return None
            found[_NEW_OPTIONS[arg]] = value
        elif arg and not arg.startswith("-"):
            paths.append(arg)
        else:
            return None
    if len(paths) != 1 or "source" not in found:
        return None
    for key in ("year", "shift"):
        number = found.get(key)
        if number is not None and not (number.isascii() and number.isdigit()):
            return None
        found[key] = None if number is None else int(number)
    for key, path in (("new_plan", paths[0]), ("source", found["source"])):
        if _unreadable(path) or os.path.isdir(path):
            return None
        found[key] = Path(path)
    return found


def plain_build_args(args: Sequence[str], environ: Mapping[str, str]) -> dict[str, Any] | None:
    """The keywords of :func:`build_command` when click would parse ``args`` to exactly those for ``build``; else None.

    Taken: ``build`` with plan paths (as for ``validate``), ``-o``/``--output`` and a folder, ``-j``/``--jobs``
    and ASCII digits from 1 to :data:`MAX_JOBS`, each at most once and as a separate argument, and
    ``--force``, ``--pdf``, in any order. Not taken (click decides): «--opt=value», «-j2», a value starting
    with «-» or empty, a number out of range, an output folder (or, without ``-o``, ``output``) that is a
    file or cannot be read (click.Path(file_okay=False) refuses them with its own message), a plan path
    that cannot be read, shell completion, Windows.
    """
    if not args or args[0] != "build" or os.name == "nt" or any(name.endswith("_COMPLETE") for name in environ):
        return None
    found: dict[str, Any] = {"pdf": False, "force": False}
    plans: list[Path] = []
    rest = iter(args[1:])
    for arg in rest:
        if arg in _BUILD_FLAGS:
            found[_BUILD_FLAGS[arg]] = True
        elif arg in _BUILD_OPTIONS and _BUILD_OPTIONS[arg] not in found:
            value = next(rest, "")
            if not value or value.startswith("-"):
                return None
            found[_BUILD_OPTIONS[arg]] = value
        elif arg and not arg.startswith("-") and not _unreadable(arg):
            plans.append(Path(arg))
        else:
            return None
    jobs = found.get("jobs")
    if jobs is not None and not (jobs.isascii() and jobs.isdigit() and 1 <= int(jobs) <= MAX_JOBS):
        return None
    found["jobs"] = None if jobs is None else int(jobs)
    if "out_dir" not in found:
        from .plans import OUTPUT_DIR

        found["out_dir"] = str(OUTPUT_DIR)
    if _unreadable(found["out_dir"]) or os.path.isfile(found["out_dir"]):
        return None
    found["out_dir"] = Path(found["out_dir"])
    found["plans"] = tuple(plans)
    return found


def plain_diff_args(args: Sequence[str], environ: Mapping[str, str]) -> dict[str, Any] | None:
    """The keywords of :func:`diff_command` when click would parse ``args`` to exactly those for ``diff``; else None.

    Taken: ``diff`` with one or two sides (files or ``ВЕРСИЯ:путь``; click takes them as plain text) and
    ``--json``, ``--exit-code`` each at most once, in any order. Not taken (click decides): a side starting
    with «-» or empty, a third side, any other option, shell completion, Windows.
    """
    if not args or args[0] != "diff" or os.name == "nt" or any(name.endswith("_COMPLETE") for name in environ):
        return None
    found: dict[str, Any] = dict.fromkeys(_DIFF_FLAGS.values(), False)
    sides: list[str] = []
    for arg in args[1:]:
        if arg in _DIFF_FLAGS and not found[_DIFF_FLAGS[arg]]:
            found[_DIFF_FLAGS[arg]] = True
        elif arg and not arg.startswith("-"):
            sides.append(arg)
        else:
            return None
    if not 1 <= len(sides) <= 2:
        return None
    return {"old": sides[0], "new": sides[1] if len(sides) == 2 else None, **found}


def plain_import_args(args: Sequence[str], environ: Mapping[str, str]) -> dict[str, Any] | None:
    """The keywords of :func:`import_command` when click would parse ``args`` to exactly those for ``import``;
    else None.

    Taken: ``import`` with one document path, ``-o``/``--output`` and a path, ``--directory`` and a path,
    ``--style`` and a name, each at most once and as a separate argument, and ``--json``, ``--force`` at most
    once, in any order. Not taken (click decides): «--opt=value», «-oplan.yaml», a value or a path starting with
    «-» or empty, a path that cannot be read, a ``--directory`` that is a folder (click.Path(dir_okay=False)
    refuses them with its own message), shell completion, Windows.
    """
    if not args or args[0] != "import" or os.name == "nt" or any(name.endswith("_COMPLETE") for name in environ):
        return None
    found: dict[str, Any] = {}
    paths: list[str] = []
    rest = iter(args[1:])
    for arg in rest:
        key = _IMPORT_OPTIONS.get(arg) or _IMPORT_FLAGS.get(arg, "")
        if key in found:
            return None
        if arg in _IMPORT_FLAGS:
            found[key] = True
        elif key:
            value = next(rest, "")
            if not value or value.startswith("-"):
                return None
            found[key] = value
        elif arg and not arg.startswith("-"):
            paths.append(arg)
        else:
            return None
    if len(paths) != 1 or not _import_paths_ok(paths[0], found):
        return None
    found = {"output": None, "directory": None, "style": None, "as_json": False, "force": False, **found}
    for key in ("output", "directory"):
        found[key] = None if found[key] is None else Path(found[key])
    return {"docx": Path(paths[0]), **found}


def _import_paths_ok(docx: str, found: Mapping[str, Any]) -> bool:
    """What click's types of ``import`` check: every path readable when it exists, the directory not a folder."""
    paths = [docx, *(found[key] for key in ("output", "directory") if key in found)]
    if any(_unreadable(path) for path in paths):
        return False
    return "directory" not in found or not os.path.isdir(found["directory"])


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


def build_command(plans: tuple[Path, ...], out_dir: Path, pdf: bool, force: bool, jobs: int | None) -> int:
    """``orderforge build``: build every plan (unchanged ones skipped), say what became of each; the exit code."""
    from .batch import BuildOptions, build_files
    from .console import echo
    from .plans import plan_files

    return build_files(plan_files(plans), BuildOptions(out_dir, pdf=pdf, force=force, jobs=jobs), echo)


def new_command(new_plan: Path, source: Path, year: int | None, shift: int | None, force: bool) -> int:
    """``orderforge new НОВЫЙ.yaml --from СТАРЫЙ.yaml``: write next period's plan, say what moved and what to check."""
    from .console import echo, echo_diagnostics
    from .rollover import new_from
    from .yearshift import plural_years

    result = new_from(source, new_plan, year=year, shift=shift, force=force)
    period = f", период {result.old_period} → {result.new_period}" if result.new_period else ""
    echo(f"{result.path}: создан из {result.source}, сдвиг на {plural_years(result.shift)}{period}")
    echo(f"  сроков перенесено: {result.moved}, без года (не меняются): {result.kept}"
         + (f", удалено примечаний: {result.notes}" if result.notes else ""))
    echo_diagnostics(result.warnings, err=False)
    echo(result.next_step())
    return 0


def diff_command(old: str, new: str | None, as_json: bool, exit_code: bool) -> int:
    """``orderforge diff``: print the changes between two versions of a plan; 1 with ``exit_code`` when any."""
    from . import diff_specs, format_diff
    from .console import echo, echo_diagnostics

    result = diff_specs(old, new)
    echo_diagnostics(result.warnings)
    if as_json:
        import json

        echo(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    elif not result.empty:
        echo(format_diff(result))
    return 1 if exit_code and not result.empty else 0


def import_command(docx: Path, output: Path | None, directory: Path | None, style: str | None, as_json: bool,
                   force: bool) -> int:
    """``orderforge import``: the plan (and style, directory) from a Word document; 1 while TODO marks remain."""
    from . import import_docx
    from .console import echo, echo_diagnostics
    from .diagnostics import UserError
    from .importer import failure_json, result_json

    try:
        result = import_docx(docx, output, style=style, force=force, directory=directory)
    except UserError as exc:
        if not as_json:
            raise
        echo(failure_json(exc))
        return exc.exit_code
    # the plan is written either way; exit 1 tells a script that it needs a clerk's hand (TODO marks)
    code = 1 if result.needs_fixing else 0
    if as_json:
        echo(result_json(result))
        return code
    echo_diagnostics(result.warnings)
    for line in result.summary():
        echo(line)
    return code
