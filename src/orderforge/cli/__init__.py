"""The ``orderforge`` command: a thin Russian-speaking layer over the library.

Each command parses its options, calls library functions and prints what they
return; :mod:`.app` runs it and maps errors to exit codes: 0 — всё в порядке,
1 — в плане ошибки, 2 — ошибка использования или окружения. A user mistake
never shows a traceback. One module per group of commands:

- :mod:`.plans` — validate, build, fmt, forms, preview, schema, text;
- :mod:`.versions` — new, diff, amend, import;
- :mod:`.styles` — init, styles, check-style, style new;
- :mod:`.execution` — status, calendar, export, collect, report.

``orderforge.cli:main`` is the command tree; the installed entry point is
:func:`orderforge.launch.main`, which hands it every command line except a
plain ``validate``, ``build``, ``fmt`` or ``new --from`` (run without importing click). A new command is a
small block in the module of its group: ``@main.command("name")`` and its
options, a body that calls one library function, prints through
:func:`orderforge.console.echo` and returns the exit code; errors are raised
as :class:`~orderforge.diagnostics.UserError`, never printed by hand.
"""

from __future__ import annotations

from ..plans import OUTPUT_DIR
from . import execution, plans, styles, versions  # noqa: F401 - each module adds its commands to main
from .app import main

__all__ = ["OUTPUT_DIR", "main"]
