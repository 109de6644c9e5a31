"""A second ``build`` skips plans whose inputs are unchanged, without loading the rendering stack."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT, TEMPLATES

PLAN = "plans/zyryansky-2025.yaml"


def workspace(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "plans", tmp_path / "plans")
    shutil.copytree(TEMPLATES, tmp_path / "templates")
    return tmp_path


def build(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """One build in a fresh process, with an empty cache folder of its own: «RENDER» then means the rendering
    stack was loaded (render.py; a first build in a bundled style imports neither docxtpl nor Jinja:
    bodyrender.py, bodycode.py), «LEAN» that the plan was skipped without it."""
    cache = folder / f".cache{len(list(folder.glob('.cache*')))}"
    code = ("import sys\nfrom orderforge.cli import main\n"
            f"sys.argv[1:] = ['build', *{list(args)!r}]\n"
            "try:\n    main()\nexcept SystemExit as exit:\n"
            "    print('RENDER' if 'orderforge.render' in sys.modules else 'LEAN', file=sys.stderr)\n    raise\n")
    env = {**os.environ, "ORDERFORGE_CACHE_DIR": str(cache)}
    return subprocess.run([sys.executable, "-c", code], cwd=folder, capture_output=True, text=True, env=env)


def test_unchanged_plan_is_skipped_without_rendering_then_rebuilt_when_an_input_changes(tmp_path: Path) -> None:
    folder = workspace(tmp_path)
    first = build(folder, PLAN)
    assert first.returncode == 0 and "RENDER" in first.stderr, first.stderr
    document = folder / "output" / "zyryansky-2025.docx"
    written = document.stat().st_mtime_ns
    second = build(folder, PLAN)
    assert second.returncode == 0 and "не изменился, пропущен" in second.stdout, second.stdout
    assert "LEAN" in second.stderr and document.stat().st_mtime_ns == written
    assert (folder / "output" / ".orderforge-cache.json").is_file()
    forced = build(folder, PLAN, "--force")
    assert "пропущен" not in forced.stdout and "RENDER" in forced.stderr


def test_each_input_kind_invalidates(tmp_path: Path) -> None:
    folder = workspace(tmp_path)
    assert build(folder, PLAN).returncode == 0
    style = next((folder / "templates").rglob("style.yaml"))
    for changed in (folder / PLAN, folder / "plans" / "zyryansky.directory.yaml", style):
        stat = changed.stat()
        os.utime(changed, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
        again = build(folder, PLAN)
        assert "пропущен" not in again.stdout, changed
        assert "пропущен" in build(folder, PLAN).stdout
    other = build(folder, PLAN, "-o", "elsewhere")  # another output folder: its own record
    assert "пропущен" not in other.stdout


def test_a_document_changed_or_removed_since_is_rebuilt(tmp_path: Path) -> None:
    folder = workspace(tmp_path)
    assert build(folder, PLAN).returncode == 0
    document = folder / "output" / "zyryansky-2025.docx"
    document.write_bytes(b"edited by hand")
    assert "пропущен" not in build(folder, PLAN).stdout
    document.unlink()
    assert "пропущен" not in build(folder, PLAN).stdout and document.stat().st_size > 1000
    (folder / "output" / ".orderforge-cache.json").write_text("{broken", encoding="utf-8")
    assert build(folder, PLAN).returncode == 0  # a damaged record means «build»


def test_parallel_build_writes_the_same_documents_in_plan_order(tmp_path: Path) -> None:
    folder = workspace(tmp_path)
    serial = build(folder, "-j", "1", "-o", "one")
    parallel = build(folder, "-j", "2", "-o", "two")
    assert serial.returncode == parallel.returncode == 0, parallel.stderr
    names = sorted(p.name for p in (folder / "one").glob("*.docx"))
    assert names == sorted(p.name for p in (folder / "two").glob("*.docx")) and len(names) == 4
    lines = [line.split(" → ")[0] for line in parallel.stdout.splitlines()]
    assert lines == [line.split(" → ")[0] for line in serial.stdout.splitlines()]  # the same order
    for name in names:
        assert text_of(folder / "one" / name) == text_of(folder / "two" / name)


def text_of(document: Path) -> str:
    done = subprocess.run([sys.executable, "-m", "orderforge", "text", str(document)], capture_output=True,
                          text=True, check=True)
    return done.stdout


def test_each_run_sees_the_edits_made_since_the_last_one_in_the_same_process(tmp_path: Path) -> None:
    """The folder listing is read once per run (BuildCache starts one), never carried over to the next run."""
    from orderforge.buildcache import BuildCache, inputs_key

    folder = workspace(tmp_path)
    plan = folder / PLAN
    BuildCache(folder / "output")
    keys = {inputs_key(plan, {})}
    assert inputs_key(plan, {}) in keys  # the same run: the same answer
    directory = folder / "plans" / "zyryansky.directory.yaml"
    stat = directory.stat()
    os.utime(directory, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    BuildCache(folder / "output")
    keys.add(inputs_key(plan, {}))
    style = next((folder / "templates").rglob("style.yaml")).parent
    (style / "emblem.png").write_bytes(b"new file in a style folder")
    BuildCache(folder / "output")
    keys.add(inputs_key(plan, {}))
    (folder / "plans" / "notes.txt").write_text("not YAML: not an input", encoding="utf-8")
    BuildCache(folder / "output")
    keys.add(inputs_key(plan, {}))
    assert len(keys) == 3
