"""``python -m orderforge`` — the same as the ``orderforge`` command."""

from .launch import main

main()
