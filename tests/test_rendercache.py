"""The order's rendered body, remembered between builds (rendercache.py): the same document, faster.

The remembered parts must make the very document a fresh render makes (and the full docxtpl render,
the reference of tests/test_tablerows.py), and anything that changes them — the order's text, the
template's bytes, the column widths — must render afresh. A damaged cache file or an unwritable cache
folder never fails a build; a rebuild of an unchanged order imports neither docxtpl, python-docx nor Jinja.
"""

from __future__ import annotations

import copy
import io
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from orderforge import render
from orderforge.render import render_docx
from orderforge.slotted import replace

from .conftest import ROOT
from .test_tablerows import example_context

PLAN = ROOT / "plans" / "kaliningrad-committee-2026.yaml"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ORDERFORGE_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def no_render(*args: object, **kwargs: object) -> None:
    raise AssertionError("rendered again although nothing changed")


def test_a_rebuild_renders_nothing_again_and_writes_the_same_document(cache: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    context, style = example_context(PLAN)
    first = render_docx(copy.deepcopy(context), style)
    assert list((cache / "render").glob("*.zip"))
    with monkeypatch.context() as patched:
        patched.setattr(render, "_render_docxtpl", no_render)
        patched.setattr(render, "_render_direct", no_render)  # the first build renders without docxtpl
        again = render_docx(copy.deepcopy(context), style)
    assert again == first == render_docx(copy.deepcopy(context), style, lean=False)


def test_another_order_text_renders_afresh(cache: Path, tmp_path: Path) -> None:
    context, style = example_context(PLAN)
    render_docx(copy.deepcopy(context), style)
    changed = copy.deepcopy(context)
    changed["order"]["body"] = [*changed["order"]["body"][:-1], "Контроль исполнения оставляю за собой (новый)."]
    remembered = render_docx(copy.deepcopy(changed), style)
    fresh = render_docx(copy.deepcopy(changed), style, lean=False)
    assert remembered == fresh and "(новый)".encode() in zipfile.ZipFile(io.BytesIO(remembered)).read(
        "word/document.xml")


def test_other_column_widths_render_afresh(cache: Path) -> None:
    context, style = example_context(PLAN)
    render_docx(copy.deepcopy(context), style)
    wider = replace(style, columns=[replace(c, width=c.width * (1 + n)) for n, c in enumerate(style.columns)])
    assert render_docx(copy.deepcopy(context), wider) == render_docx(copy.deepcopy(context), wider, lean=False)


def test_another_template_renders_afresh(cache: Path, tmp_path: Path) -> None:
    context, style = example_context(PLAN)
    render_docx(copy.deepcopy(context), style)
    folder = tmp_path / "style"
    shutil.copytree(style.folder, folder)
    template = folder / style.template_path.name
    source = zipfile.ZipFile(io.BytesIO(style.template_path.read_bytes()))
    with zipfile.ZipFile(template, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "docProps/app.xml":
                data = data.replace(b"</Properties>", b"<Company>Other</Company></Properties>")
            target.writestr(name, data)
    other = replace(style, folder=folder)
    built = render_docx(copy.deepcopy(context), other)
    assert b"<Company>Other</Company>" in zipfile.ZipFile(io.BytesIO(built)).read("docProps/app.xml")
    assert built == render_docx(copy.deepcopy(context), other, lean=False)


@pytest.mark.parametrize("damage", [b"", b"PK\x03\x04 cut short", b"\x00" * 100])
def test_a_damaged_cache_file_is_rendered_again(cache: Path, damage: bytes) -> None:
    context, style = example_context(PLAN)
    first = render_docx(copy.deepcopy(context), style)
    for path in (cache / "render").glob("*.zip"):
        path.write_bytes(damage)
    assert render_docx(copy.deepcopy(context), style) == first


def test_an_unwritable_cache_folder_never_fails_a_build(cache: Path) -> None:
    cache.write_text("a file where the folder should be", encoding="utf-8")
    context, style = example_context(PLAN)
    assert render_docx(copy.deepcopy(context), style) == render_docx(copy.deepcopy(context), style, lean=False)


def test_a_rebuild_imports_no_renderer(tmp_path: Path) -> None:
    code = ("import sys\nfrom pathlib import Path\nfrom orderforge.build import build_plan\n"
            f"result = build_plan(Path({str(PLAN)!r}), Path(sys.argv[1]))\n"
            "print(sorted(m for m in ('docxtpl', 'docx', 'jinja2', 'orderforge.bodyrender') if m in sys.modules))")
    env = {**os.environ, "ORDERFORGE_CACHE_DIR": str(tmp_path / "cache")}
    runs = [subprocess.run([sys.executable, "-c", code, str(tmp_path / out)], cwd=ROOT, capture_output=True,
                           text=True, check=True, env=env).stdout.splitlines()[-1] for out in ("one", "two")]
    # the first renders (its shipped code, neither docxtpl nor Jinja: bodyrender.py, bodycode.py), the rebuild nothing
    assert runs == ["['orderforge.bodyrender']", "[]"]
    documents = [(tmp_path / out / f"{PLAN.stem}.docx").read_bytes() for out in ("one", "two")]
    assert documents[0] == documents[1]


def test_the_stamp_holds_every_module_of_orderforge_and_each_librarys_record() -> None:
    """One stat per library instead of one per module: its RECORD, which every upgrade writes anew."""
    from orderforge import rendercache

    stamp = rendercache._stamp()
    own = Path(rendercache.__file__).parent
    for module in own.rglob("*.py"):
        if "templates" not in module.parts and "starter" not in module.parts:
            assert f"{module}:" in stamp
    records = [line for line in stamp.splitlines() if line.split(":")[0].endswith(".dist-info/RECORD")]
    assert len(records) == len(rendercache.LIBRARIES), records
    assert "site-packages/jinja2/environment.py" not in stamp


def test_an_upgraded_library_changes_the_stamp_and_one_without_a_record_is_stamped_by_module(tmp_path: Path) -> None:
    from orderforge import rendercache
    from orderforge.paths import files_stamp

    site = tmp_path / "site"
    (site / "fancylib").mkdir(parents=True)
    (site / "fancylib" / "__init__.py").write_text("x = 1\n")
    (site / "fancylib_extra-2.0.dist-info").mkdir()  # another distribution: not fancylib's
    (site / "fancylib_extra-2.0.dist-info" / "RECORD").write_text("")
    folder = str(site / "fancylib")
    assert rendercache._library_files(folder, "fancylib", {}) == [f"{folder}/__init__.py"]
    (site / "FancyLib-1.0.dist-info").mkdir()
    (site / "FancyLib-1.0.dist-info" / "RECORD").write_text("fancylib/__init__.py,,\n")
    old = rendercache._library_files(folder, "fancylib", {})
    assert old == [str(site / "FancyLib-1.0.dist-info" / "RECORD")]
    before = files_stamp(old)
    shutil.rmtree(site / "FancyLib-1.0.dist-info")  # pip upgrade: the old dist-info goes, a new one comes
    (site / "fancylib-1.1.dist-info").mkdir()
    (site / "fancylib-1.1.dist-info" / "RECORD").write_text("fancylib/__init__.py,,\n")
    assert files_stamp(rendercache._library_files(folder, "fancylib", {})) != before
    (site / "fancylib-1.2.dist-info").mkdir()  # two of them (a damaged install): module by module again
    (site / "fancylib-1.2.dist-info" / "RECORD").write_text("")
    assert rendercache._library_files(folder, "fancylib", {}) == [f"{folder}/__init__.py"]


def test_a_cache_file_holds_only_what_differs_from_the_template(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The template's own members (its styles are most of its bytes) are taken from the template, part of the key."""
    context, style = example_context(PLAN)
    first = render_docx(copy.deepcopy(context), style)
    [path] = (cache / "render").glob("*.zip")
    with zipfile.ZipFile(path) as package:
        stored, comment = package.namelist(), package.comment
    assert "word/styles.xml" not in stored and "word/document.xml" in stored
    assert b'["word/styles.xml", true]' in comment and b'["word/document.xml", false]' in comment
    assert path.stat().st_size < 20_000
    monkeypatch.setattr(render, "_render_docxtpl", no_render)
    monkeypatch.setattr(render, "_render_direct", no_render)
    assert render_docx(copy.deepcopy(context), style) == first


@pytest.mark.parametrize("comment", [b"", b"[[\"word/nowhere.xml\", true]]", b"{}", b"[[1, 2, 3]]"])
def test_a_cache_file_naming_what_is_not_there_is_rendered_again(cache: Path, comment: bytes) -> None:
    context, style = example_context(PLAN)
    first = render_docx(copy.deepcopy(context), style)
    [path] = (cache / "render").glob("*.zip")
    with zipfile.ZipFile(path, "a") as package:
        package.comment = comment
    assert render_docx(copy.deepcopy(context), style) == first
