"""The command's own output: stdout and stderr as a clerk's terminal, a file or a pipe.

Printing can fail too — ``orderforge schema > /dev/full``, ``orderforge text x.docx | head``,
a closed stdout. Such a failure is not a problem with a plan or a document and must not
end in a traceback (not even at interpreter exit): every line goes through :func:`echo`,
and :func:`output_lost` turns the failure into an exit code and, where it can still be
told, an OF050 message on stderr.
"""

from __future__ import annotations

import codecs
import errno
import io
import os
import sys
from collections.abc import Iterable

from .diagnostics import Diagnostic, Pos, file_error


class OutputLost(Exception):
    """Our own output could not be written: stdout or stderr is a full disk, a closed pipe (``| head``).

    Kept apart from other OSErrors so that it is not reported as a problem with a plan or a document.
    """

    def __init__(self, error: OSError, err: bool) -> None:
        super().__init__(str(error))
        self.error = error
        self.err = err


def echo(message: str = "", err: bool = False) -> None:
    """click.echo whose write failures become :class:`OutputLost` (click.echo flushes every line)."""
    stream = sys.stderr if err else sys.stdout
    if stream is None:  # started with `>&-`: click would drop the text and exit 0
        raise OutputLost(OSError(errno.EBADF, "closed"), err)
    try:
        if _plain(stream, message):
            stream.write(message + "\n")
            stream.flush()
            return
        import click  # only when click.echo would do more than write the line: its import is a tenth of `new`

        click.echo(message, err=err)
    except OSError as exc:
        raise OutputLost(exc, err) from exc


def _plain(stream: object, message: str) -> bool:
    """Whether click.echo would write ``message`` and a newline to ``stream`` as they are, then flush.

    It does for the interpreter's own text stream on POSIX when the stream's encoding is not ASCII (click
    then wraps the binary buffer in UTF-8) and the text holds no ANSI escape (click strips those when the
    stream is no terminal). Anything else — a test runner's stream, Windows' console — goes to click.echo
    (tests/test_launch.py compares the output of both).
    """
    if type(stream) is not io.TextIOWrapper or os.name == "nt" or "\x1b" in message:
        return False
    try:
        return codecs.lookup(stream.encoding).name != "ascii"
    except LookupError:
        return False


def echo_diagnostics(diagnostics: Iterable[Diagnostic], err: bool = True) -> None:
    for diagnostic in diagnostics:
        echo(diagnostic.format(), err=err)


def output_lost(error: OSError, err: bool = False) -> int:
    """Exit code after a failed write to stdout/stderr: a closed pipe ends quietly (1, as click does for its
    help), anything else is told on stderr as OF050 (2); never a traceback, at exit either."""
    stream = sys.stderr if err else sys.stdout
    where = _stream_name(stream, "стандартный поток ошибок" if err else "стандартный вывод")
    _silence(stream)
    if error.errno == errno.EPIPE:
        return 1
    if not err:
        import click

        try:
            click.echo(_output_error(error, where).format(), err=True)
        except OSError:
            pass
    return 2


def _output_error(error: OSError, where: str) -> Diagnostic:
    if error.errno == errno.EBADF:
        return Diagnostic("OF050", "error", "не удалось записать вывод команды: стандартный вывод закрыт",
                          Pos(where), "перенаправьте вывод в файл (> вывод.txt) вместо того, чтобы закрывать его")
    return file_error(error, where, action="записать вывод команды в").diagnostics[0]


def _stream_name(stream: object, fallback: str) -> str:
    """The file stdout is redirected to (Linux names it in /proc), else how a clerk calls the stream."""
    try:
        target = os.readlink(f"/proc/self/fd/{stream.fileno()}")  # type: ignore[attr-defined]
    except (OSError, AttributeError, ValueError):
        return fallback
    return target if target.startswith("/") else fallback


def _silence(stream: object) -> None:
    """Point the failed stream at the null device, so the interpreter's last flush cannot fail again."""
    try:
        fd = stream.fileno()  # type: ignore[attr-defined]
        null = os.open(os.devnull, os.O_WRONLY)
    except (OSError, AttributeError, ValueError):  # CliRunner's streams have no descriptor
        return
    os.dup2(null, fd)
    os.close(null)
