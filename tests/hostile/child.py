"""Run ``orderforge`` as the hostile tests do: report the child's own peak memory when it ends.

``resource.getrusage(RUSAGE_CHILDREN)`` in the parent is a maximum over every
child so far; this wrapper writes the child's own ``ru_maxrss`` (KiB) to the
file named by ``HOSTILE_RUSAGE`` however the command ends (exit or exception).
"""

from __future__ import annotations

import os
import resource
import sys


def _report() -> None:
    target = os.environ.get("HOSTILE_RUSAGE")
    if target:
        with open(target, "w", encoding="utf-8") as handle:
            handle.write(str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))


if __name__ == "__main__":
    from orderforge.cli import main

    try:
        main(prog_name="orderforge")
    finally:
        _report()
    sys.exit(0)
