"""The style's shortcuts give byte for byte what the full path gives: the packages written with each shared part
compressed once (zipfile's own bytes), the brace escaping skipped for a body without braces, and the plan
table's prototype rows found in one pass that stops early (stylegen/__init__.py, stylegen/plan.py).

As in tests/test_import_shortcuts.py, each shortcut is switched back to the full path by monkeypatching and
both results are compared, on every fixture, every corpus document, a long table and documents with braces.
"""

from __future__ import annotations

import io
import random
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from orderforge import stylegen
from orderforge.stylegen import packaging, plan

from .corpus.wordxml import append, new_document, p, row, save, table
from .test_import_shortcuts import DOCUMENTS, _derived, document

BRACES = ["{{ 7*7 }}", "{% if x %}", "}{", "{#"]


def _braced(folder: Path, as_reference: bool) -> Path:
    """A plan table whose texts hold braces, typed (as Word writes them) or as character references."""
    header = ["№ п/п", "Мероприятие", "Срок исполнения", "Ответственный"]
    body = [row(header, header=True), row(["1.", f"Мероприятие {BRACES[0]}", "март 2026 г.", "Управление {x}"])]
    document = new_document()
    append(document, p(f"План мероприятий {BRACES[1]} на 2026 год", jc="center"), table([12, 70, 30, 40], body),
           p(f"Исполнитель: Иванова И. И. {BRACES[2]} {BRACES[3]}"))
    path = save(document, folder / f"braced-{as_reference}.docx")
    if as_reference:
        with zipfile.ZipFile(path) as source:
            parts = {info.filename: source.read(info) for info in source.infolist()}
        body_xml = parts["word/document.xml"]
        parts["word/document.xml"] = body_xml.replace(b"{", b"&#123;").replace(b"}", b"&#x7D;")
        assert b"{" not in parts["word/document.xml"] and b"&#123;" in parts["word/document.xml"]
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
            for name, blob in parts.items():
                target.writestr(name, blob)
    return path


def _document(name: str, folder: Path) -> Path:
    if name.startswith("braced:"):
        return _braced(folder, name == "braced:reference")
    return document(name, folder)


ALL = [*DOCUMENTS, "braced:typed", "braced:reference"]


def _every_package_by_zipfile(parts: dict[str, bytes], documents: list[bytes], stored: Any = None) -> list[bytes]:
    """zipfile deflating every part of every package; ``stored`` (the source's deflated data) left unused: the
    documents here are written by zipfile at its default level, so the stored data is what deflating gives."""
    return [packaging._package(parts, body) for body in documents]


@pytest.mark.parametrize("how", ["typed", "reference"])
def test_braces_in_the_body_are_escaped(how: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The documents above do hold braces the escaping changes (else the comparison proves nothing)."""
    changed: list[int] = []
    escape = stylegen.escape_braces
    monkeypatch.setattr(stylegen, "escape_braces", lambda root: changed.append(escape(root)) or changed[-1])
    stylegen.derive_style(_braced(tmp_path, how == "reference"), "x-style")
    assert changed and changed[0] >= 4


def test_odd_packages_are_written_as_zipfile_writes_them() -> None:
    """Names outside ASCII, an empty part, incompressible data, no body or the body anywhere in the order."""
    rng = random.Random(7)
    noise = bytes(rng.randrange(256) for _ in range(70_000))
    cases = [
        {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<old/>", "word/media/фото.png": noise},
        {"word/document.xml": b"", "empty.xml": b"", "a/b.rels": b"<r/>" * 5000},
        {"only.xml": b"<x/>", "word/media/image1.bin": noise[:1000]},
    ]
    for parts in cases:
        documents = [b"<w:document>" + b"x" * 3000 + b"</w:document>", b""]
        assert stylegen._packages(parts, documents) == _every_package_by_zipfile(parts, documents)
        for package in stylegen._packages(parts, documents):
            with zipfile.ZipFile(io.BytesIO(package)) as opened:
                assert opened.testzip() is None and opened.namelist() == list(parts)


def _members(package: bytes) -> list[tuple[Any, ...]]:
    with zipfile.ZipFile(io.BytesIO(package)) as opened:
        assert opened.testzip() is None
        return [(i.filename, opened.read(i), i.CRC, i.date_time, i.compress_type, i.external_attr)
                for i in opened.infolist()]


def _raw(package: bytes | Path, name: str) -> bytes:
    """A member's deflated data as stored."""
    with zipfile.ZipFile(package if isinstance(package, Path) else io.BytesIO(package)) as opened:
        info = opened.getinfo(name)
        opened.fp.seek(info.header_offset + 26)  # type: ignore[union-attr]
        lengths = opened.fp.read(4)  # type: ignore[union-attr]
        opened.fp.seek(int.from_bytes(lengths[:2], "little") + int.from_bytes(lengths[2:], "little"), 1)  # type: ignore[union-attr]
        return opened.fp.read(info.compress_size)  # type: ignore[union-attr]


@pytest.mark.parametrize("level", [1, 9])
def test_parts_copied_unchanged_keep_the_sources_deflated_data(level: int, tmp_path: Path) -> None:
    """A Word file deflates its parts its own way: the style's packages keep that data for every part they copy
    as it is (no deflating again), and hold the very parts the packages deflated by zipfile hold."""
    source = document(DOCUMENTS[0], tmp_path)
    again = tmp_path / "again.docx"
    with zipfile.ZipFile(source) as read, zipfile.ZipFile(again, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as out:
        for info in read.infolist():
            out.writestr(info.filename, read.read(info))
    made = stylegen.derive_style(again, "x-style")
    reference = stylegen.derive_style(source, "x-style")
    for package, expected in ((made.template, reference.template), (made.amend, reference.amend)):
        assert _members(package) == _members(expected)
        assert _raw(package, "word/styles.xml") == _raw(again, "word/styles.xml")
        assert _raw(package, "word/styles.xml") != _raw(expected, "word/styles.xml"), "the levels deflate apart"


def _prototypes_of_every_row(data: Iterator[Any]) -> tuple[Any, Any]:
    """The prototypes as they were found before: every sample row judged, then the first of each kind."""
    rows = list(data)
    numbered = re.compile(r"^\d+(\.\d+){1,}\.?$")
    section = next((tr for tr in rows if plan._filled(tr) in (1, 2)
                    and (len(tr.findall(plan.q("tc"))) <= 2 or plan._filled(tr) == 1)
                    and not numbered.match(next(iter(v for v in plan._texts_by_grid(tr).values() if v), ""))), None)
    activity = next((tr for tr in rows if plan._filled(tr) >= 3), None)
    return section, activity


#: Each shortcut, and what switches it back to the full path: zipfile writing every package whole, the
#: braces escaped in every body, the prototype rows judged among every row.
SHORTCUTS = {
    "packages": (stylegen, "_packages", _every_package_by_zipfile),
    "escaping": (stylegen, "_may_hold_braces", lambda blob: True),
    "prototypes": (plan, "_prototypes", _prototypes_of_every_row),
}


@pytest.mark.parametrize("shortcut", SHORTCUTS)
@pytest.mark.parametrize("name", ALL)
def test_each_shortcut_gives_what_the_full_path_gives(name: str, shortcut: str, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The style made with the shortcut is byte for byte the one made without it."""
    docx = _document(name, tmp_path)
    fast = _derived(docx)
    monkeypatch.setattr(*SHORTCUTS[shortcut])
    assert fast == _derived(docx)
