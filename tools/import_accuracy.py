"""Field-level accuracy of ``orderforge import`` on the generated corpus (tests/corpus/).

    python tools/import_accuracy.py            # every case: activities exact, sections exact, fields
    python tools/import_accuracy.py -v         # … and every mismatch
    python tools/import_accuracy.py --no-build # skip building the imported plans (faster)

Figures, not assertions: tests/test_import_corpus.py asserts 100 %.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "src" / "orderforge" / "templates"  # the bundled house styles
sys.path.insert(0, str(ROOT))


def main() -> None:
    from tests.corpus.compare import run_corpus

    verbose = "-v" in sys.argv
    with tempfile.TemporaryDirectory(prefix="orderforge-corpus-") as scratch:
        outcomes = run_corpus(Path(scratch, "docs"), Path(scratch, "ws"), TEMPLATES,
                              build="--no-build" not in sys.argv)
    print(f"{'документ':30} {'мероприятия':>12} {'разделы':>8} {'поля':>10}")
    totals = [0, 0, 0, 0, 0, 0]
    for o in outcomes:
        good = o.checked - len(o.mismatches)
        print(f"{o.name:30} {o.exact_activities:>5}/{o.activities:<6} {o.exact_sections:>3}/{o.sections:<4} "
              f"{good:>4}/{o.checked:<5}")
        for i, value in enumerate((o.exact_activities, o.activities, o.exact_sections, o.sections, good, o.checked)):
            totals[i] += value
        if verbose:
            for mismatch in o.mismatches:
                print(f"    {mismatch}")

    def share(a: int, b: int) -> str:
        return f"{100 * a / b:.1f} %" if b else "—"

    print(f"итого: мероприятий без единой ошибки {totals[0]}/{totals[1]} ({share(totals[0], totals[1])}), "
          f"разделов {totals[2]}/{totals[3]} ({share(totals[2], totals[3])}), "
          f"полей {totals[4]}/{totals[5]} ({share(totals[4], totals[5])})")


if __name__ == "__main__":
    main()
