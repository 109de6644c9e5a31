"""Nothing a clerk writes is evaluated as a template or as XML; builds are atomic and reproducible."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest

from orderforge.build import build_plan
from orderforge.diagnostics import UserError
from orderforge.docxtext import Table, read_blocks

TRICKY = [
    "{{ 7*7 }} & <b> {_{ x }_}",
    "{% if true %}да{% endif %} {#- comment -#} {%p endfor %}",
    "</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>инъекция",
    "''.__class__.__mro__ «кавычки» \"прямые\" 100% & ещё",
]

PLAN = """\
style: kaliningrad-committee
directory:
  parties: {{ЦОРП: Центр обеспечения развития}}
  people: {{petukhova: {{surname: Петухова, initials: Т.М., gender: f, position: Председатель комитета}}}}
order:
  issuer: [Комитет по образованию]
  issuer_genitive: комитета по образованию
  date: 2026-02-11
  number: ПД-1
  place: г. Калининград
  title: Об утверждении плана
  points: [Утвердить план.]
  control: self
  signatory: petukhova
plan:
  title: План мероприятий
  period: 2026-2028
  sections:
    - title: Раздел
      activities:
{activities}
"""


def write_plan(folder: Path, texts: list[str]) -> Path:
    items = "".join(
        f"        - text: '{t.replace(chr(39), chr(39) * 2)}'\n          deadline: Февраль 2026 г.\n"
        f"          responsible: ЦОРП\n          result: '{t.replace(chr(39), chr(39) * 2)}'\n"
        for t in texts
    )
    path = folder / "tricky.yaml"
    path.write_text(PLAN.format(activities=items), encoding="utf-8")
    return path


def plan_rows(docx: Path) -> list:
    (table,) = [b for b in read_blocks(docx) if isinstance(b, Table) and b.caption == "orderforge:plan"]
    return [r for r in table.rows[1:] if len(r) > 1]


def test_plan_text_comes_out_literally(tmp_path: Path) -> None:
    result = build_plan(write_plan(tmp_path, TRICKY), tmp_path / "out")
    rows = plan_rows(result.docx)
    texts = [row[1].text for row in rows]
    expected = [t.replace('"прямые"', "«прямые»") for t in TRICKY]  # typography is the only change
    assert texts == expected
    assert [row[4].text for row in rows] == expected
    document = zipfile.ZipFile(result.docx).read("word/document.xml").decode("utf-8")
    assert "49" not in document
    assert document.count("<w:b/>") == document.replace("инъекция", "").count("<w:b/>")


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    plan = write_plan(tmp_path, TRICKY[:1])
    first = build_plan(plan, tmp_path / "a").docx.read_bytes()
    second = build_plan(plan, tmp_path / "b").docx.read_bytes()
    assert hashlib.sha256(first).hexdigest() == hashlib.sha256(second).hexdigest()


def test_failed_build_leaves_previous_output_untouched(tmp_path: Path) -> None:
    plan = write_plan(tmp_path, ["Разработка плана"])
    out = tmp_path / "out"
    good = build_plan(plan, out).docx
    before = good.read_bytes()
    plan.write_text(plan.read_text(encoding="utf-8").replace("ЦОРП\n          result", "ЦОПР\n          result"),
                    encoding="utf-8")
    with pytest.raises(UserError) as caught:
        build_plan(plan, out)
    assert caught.value.exit_code == 1
    assert good.read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == [good.name]


def test_write_failure_keeps_old_file_and_leaves_no_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import orderforge.write as write

    plan = write_plan(tmp_path, ["Разработка плана"])
    out = tmp_path / "out"
    good = build_plan(plan, out).docx
    before = good.read_bytes()

    def disk_full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(write.os, "fsync", disk_full)
    with pytest.raises(UserError) as caught:
        build_plan(plan, out)
    (problem,) = caught.value.diagnostics
    assert (problem.code, problem.message, caught.value.exit_code) == (
        "OF050", "не удалось записать файл: на диске нет места", 2)
    assert good.read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == [good.name]


def test_written_files_keep_shared_folder_permissions(tmp_path: Path) -> None:
    """A new file gets 0o666 less the umask (not mkstemp's owner-only 0o600); a rebuilt one keeps its mode."""
    import os

    from orderforge.write import write_atomic

    old_umask = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.docx"
        write_atomic(fresh, b"one")
        assert fresh.stat().st_mode & 0o777 == 0o644
        kept = tmp_path / "kept.docx"
        kept.write_bytes(b"old")
        kept.chmod(0o660)
        write_atomic(kept, b"new")
        assert (kept.read_bytes(), kept.stat().st_mode & 0o777) == (b"new", 0o660)
    finally:
        os.umask(old_umask)


def test_style_placeholders_in_plan_values_are_not_expanded(tmp_path: Path) -> None:
    """The appendix mark is a style pattern («к {kind_dative} {issuer_genitive} от {date} {number}»); a clerk's
    issuer_genitive that itself holds «{date}» or «{number.__class__}» must come out as typed."""
    from orderforge.docxtext import Paragraph
    from orderforge.typography import plain

    tricky = "{number} {date} {number.__class__} {0} комитета"
    plan = write_plan(tmp_path, ["Разработка плана"])
    plan.write_text(plan.read_text(encoding="utf-8").replace(
        "issuer_genitive: комитета по образованию", f"issuer_genitive: '{tricky}'"), encoding="utf-8")
    docx = build_plan(plan, tmp_path / "out").docx
    text = [plain(b.text) for b in read_blocks(docx) if isinstance(b, Paragraph)]
    assert tricky in text, [line for line in text if "{" in line or "комитета" in line]
    assert "от 11.02.2026 г. № ПД-1" in text
