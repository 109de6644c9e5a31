"""diff compares the order's texts as printed, and declines them only when that can tell them apart.

A text with «[[id|дат]]» prints through the directory entries it names: the same
words naming entries that read the same print the same, whatever else changed.
So an ordinary diff — an activity edited, the order untouched — must not build
pymorphy3's analyser (~0.15 s, a fifth of a 1,000-activity diff), while an entry
renamed in the directory still shows in every text that names it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import PLANS, ROOT
from .planhelpers import kaliningrad_pair, run


def modules_after_diff(old: Path, new: Path) -> tuple[dict, set[str]]:
    """The diff's JSON and which morphology modules the diff imported, in a fresh interpreter."""
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from orderforge.cli import main\n"
        f"result = CliRunner().invoke(main, ['diff', {str(old)!r}, {str(new)!r}, '--json'])\n"
        "assert result.exit_code == 0, result.output\n"
        "print(result.stdout)\n"
        "print('modules:' + ','.join(m for m in ('pymorphy3', 'pytrovich') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                          env={**os.environ, "ORDERFORGE_CACHE_DIR": str(old.parent / "cache")})
    output, modules = done.stdout.rsplit("modules:", 1)
    return json.loads(output), set(filter(None, modules.strip().split(",")))


def test_an_activity_edited_declines_nothing(tmp_path: Path) -> None:
    """The order names people through «[[…]]»; it did not change, so nothing is declined."""
    old, new = kaliningrad_pair(tmp_path, lambda t: t.replace("Февраль 2026 г.", "Март 2026 г.", 1))
    data, modules = modules_after_diff(old, new)
    assert [c["kind"] for c in data["changes"]] == ["changed"]
    assert modules == set()


def test_the_same_directory_in_another_file_declines_nothing(tmp_path: Path) -> None:
    """Entries equal in all but where they were written (another file, as ``HEAD:path`` is) print alike."""
    old, _ = kaliningrad_pair(tmp_path, lambda t: t)
    (tmp_path / "new").mkdir()
    shutil.copy(old, tmp_path / "new" / "new.yaml")
    directory = (PLANS / "kaliningrad-committee.directory.yaml").read_text(encoding="utf-8")
    (tmp_path / "new" / "kaliningrad-committee.directory.yaml").write_text("\n# moved down\n" + directory,
                                                                           encoding="utf-8")
    data, modules = modules_after_diff(old, tmp_path / "new" / "new.yaml")
    assert data["changes"] == [] and modules == set()


def test_an_entry_renamed_in_the_directory_changes_the_order_point_that_names_it(tmp_path: Path) -> None:
    """«[[school-dept|дат]] … обеспечить контроль»: the unit renamed, order point 2 prints differently."""
    old, _ = kaliningrad_pair(tmp_path, lambda t: t)
    (tmp_path / "new").mkdir()
    shutil.copy(old, tmp_path / "new" / "new.yaml")
    directory = (PLANS / "kaliningrad-committee.directory.yaml").read_text(encoding="utf-8")
    name = "name: Отдел школьного образования управления общего образования"
    assert directory.count(name) == 1
    (tmp_path / "new" / "kaliningrad-committee.directory.yaml").write_text(
        directory.replace(name, "name: Отдел общего образования управления общего образования"), encoding="utf-8")
    result = run("diff", str(old), str(tmp_path / "new" / "new.yaml"), "--json")
    changes = json.loads(result.stdout)["changes"]
    assert [c["kind"] for c in changes] == ["point_changed"]
    assert changes[0]["old"] == changes[0]["new"] and "[[school-dept|дат]]" in changes[0]["new"]  # as written
    text = run("diff", str(old), str(tmp_path / "new" / "new.yaml")).stdout
    assert "Отделу общего образования управления" in text
