"""``python -m orderforge`` — the same as the ``orderforge`` command."""

from .cli import main

main()
