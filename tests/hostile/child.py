"""Run ``orderforge`` as the hostile tests do: report the child's own peak memory when it ends.

``resource.getrusage(RUSAGE_CHILDREN)`` in the parent is a maximum over every
child so far, and on Linux even the child's own ``ru_maxrss`` survives ``exec``:
it starts at the forking parent's peak, so a pytest grown to 600 MiB by earlier
tests made every case "use" 600 MiB. ``VmHWM`` in ``/proc/self/status`` belongs
to the address space and starts afresh at ``exec``; this wrapper writes it (KiB)
to the file named by ``HOSTILE_RUSAGE`` however the command ends.
"""

from __future__ import annotations

import os
import resource
import sys


def _peak_kib() -> int:
    """This process's own high-water resident set since ``exec``, in KiB."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # no procfs: the best there is


def _report() -> None:
    target = os.environ.get("HOSTILE_RUSAGE")
    if target:
        with open(target, "w", encoding="utf-8") as handle:
            handle.write(str(_peak_kib()))


if __name__ == "__main__":
    from orderforge.cli import main

    try:
        main(prog_name="orderforge")
    finally:
        _report()
    sys.exit(0)
