"""How every command runs: its exit code, and user or environment errors as Russian diagnostics.

A command's body returns its exit code (0 всё в порядке, 1 в плане ошибки,
2 ошибка использования или окружения); :func:`run` calls it and turns a
:class:`~orderforge.diagnostics.UserError`, an OSError of the environment, an
interrupt or output that cannot be written into diagnostics on stderr and that
exit code — never a traceback for a user mistake. Kept apart from click
(:mod:`orderforge.cli.app` uses it for every command) so that
:mod:`orderforge.launch` can run ``validate`` without importing click.
"""

from __future__ import annotations

from collections.abc import Callable

from .console import OutputLost, echo, echo_diagnostics, output_lost
from .diagnostics import UserError, file_error
from .signals import EXIT_TERMINATED, Terminated


def run(action: Callable[[], int]) -> int:
    """The exit code of a command body; user and environment errors printed as diagnostics, no traceback."""
    try:
        return _attempt(action)
    except OutputLost as exc:
        return output_lost(exc.error, exc.err)


def _attempt(action: Callable[[], int]) -> int:
    try:
        return action()
    except UserError as exc:
        echo_diagnostics(exc.diagnostics)
        return exc.exit_code
    except OSError as exc:  # the environment (disk full, no rights) is not a bug: no traceback
        error = file_error(exc, action="прочитать или записать")
        echo_diagnostics(error.diagnostics)
        return error.exit_code
    except Terminated:
        echo("прервано (получен сигнал завершения)", err=True)
        return EXIT_TERMINATED
    except KeyboardInterrupt:
        echo("прервано", err=True)
        return 130
