"""Interrupts end a command the way an error does: through ``finally``, so nothing is left behind.

Python turns Ctrl+C (SIGINT) into ``KeyboardInterrupt``, which unwinds the
stack and lets every ``finally`` and context manager remove its temporary
file or scratch folder. SIGTERM (what ``kill``, a scheduler or a closing
terminal sends) would end the process at once instead, leaving a hidden
``.x.docx.XXXX.tmp`` beside the output and an ``orderforge-pdf-*`` folder in
the temp dir. :func:`install` makes SIGTERM unwind the same way, and
:func:`deferred` holds both signals back for the few instructions between
creating a temporary file and entering the ``try`` that removes it.
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager

#: The exit code a shell reports for a process ended by SIGTERM (128 + 15).
EXIT_TERMINATED = 143

_SIGNALS = {signal.SIGINT, signal.SIGTERM}


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the process was, so cleanup runs as for Ctrl+C."""


def _raise_terminated(signum: int, frame: object) -> None:
    raise Terminated()


def install() -> None:
    """SIGTERM raises :class:`Terminated` in the main thread (only the main thread may set handlers: elsewhere
    signal.signal refuses with ValueError). threading is not imported for the check: validate's start-up."""
    try:
        signal.signal(signal.SIGTERM, _raise_terminated)
    except ValueError:  # not the main thread
        pass


@contextmanager
def deferred() -> Iterator[None]:
    """Block SIGINT and SIGTERM inside the block; a signal that came meanwhile is delivered on exit.

    Used around «create a temporary file, then register its removal», so that no
    interrupt can fall between the two.
    """
    threading = sys.modules.get("threading")  # not imported: no thread was started through it, this is the main one
    if threading is not None and threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
