"""Each of the four seeds, rebuilt from its example plan, compared with the seed item by item.

The checklists in golden/ were written by hand from shared/seeds/ (departures
from the seeds' literal text are listed in each file's header). Compared by
meaning: extracted paragraphs and table cells, spaces normalised.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from orderforge.build import build_plan
from orderforge.docxtext import Paragraph, Table, read_blocks
from orderforge.typography import plain

from .conftest import GOLDEN, PLANS

SEEDS = sorted(p.name.removesuffix(".expected.yaml") for p in GOLDEN.glob("*.expected.yaml"))


def norm(text: str) -> str:
    """The text a reader sees: no-break spaces and hyphens as plain ones, runs of spaces as one."""
    return " ".join(plain(text).split())


class Built:
    """The built document of one plan, with its expected checklist."""

    def __init__(self, name: str, out: Path) -> None:
        self.expected = YAML(typ="safe").load((GOLDEN / f"{name}.expected.yaml").read_text(encoding="utf-8"))
        self.blocks = read_blocks(build_plan(PLANS / f"{name}.yaml", out).docx)
        self.paras = [norm(b.text) for b in self.blocks if isinstance(b, Paragraph) and b.text.strip()]
        self.text = " ".join(self.paras)

    def table(self, caption: str) -> Table | None:
        found = [b for b in self.blocks if isinstance(b, Table) and b.caption == caption]
        return found[0] if found else None


@pytest.fixture(scope="module", params=SEEDS)
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    return Built(request.param, tmp_path_factory.mktemp(request.param))


def _lines(value: object) -> list[str]:
    if value is None:
        return []
    return [norm(v) for v in value] if isinstance(value, list) else [norm(str(value))]


def test_order_header(built: Built) -> None:
    e = built.expected
    if not e.get("order_points"):
        assert not any(p.startswith("ПРИКАЗ") or p.startswith("П Р И К А З") for p in built.paras)
        return
    for line in _lines(e.get("issuer")):
        assert line in built.paras
    assert norm(e["heading"]) in built.paras
    for key in ("date", "number", "place"):
        assert any(norm(e[key]) in p for p in built.paras), key
    assert norm(" ".join(_lines(e["title"]))) in built.text


def test_order_points_in_order(built: Built) -> None:
    points = _lines(built.expected.get("order_points"))
    if not points:
        return
    start = built.paras.index(points[0])
    assert built.paras[start : start + len(points)] == points


def test_preamble_and_operative(built: Built) -> None:
    e = built.expected
    if not e.get("preamble"):
        return
    for para in _lines(e["preamble"]):
        assert para in built.text
    assert norm(e["operative"]) in built.text


def test_signature(built: Built) -> None:
    signature = built.expected.get("signature")
    if not signature:
        return
    table = built.table("orderforge:signature")
    assert table is not None
    cells = table.rows[0]
    assert [norm(p) for p in cells[0].paras] == _lines(signature["position"])
    assert norm(cells[-1].text) == norm(signature["name"])


def test_appendix_mark_and_title(built: Built) -> None:
    e = built.expected
    mark = " ".join(_lines(e.get("appendix_mark")))
    if mark:
        assert mark in built.text
    else:
        assert "Приложение" not in built.text
    assert " ".join(_lines(e["plan_title"])) in built.text


def test_passport(built: Built) -> None:
    expected = built.expected.get("passport") or []
    table = built.table("orderforge:passport")
    if not expected:
        assert table is None
        return
    got = [{"label": norm(r[0].text), "items": [norm(p).lstrip("– ") for p in r[1].paras]} for r in table.rows]
    assert got == [{"label": x["label"], "items": _lines(x["items"])} for x in expected]


def test_plan_table(built: Built) -> None:
    e = built.expected
    table = built.table("orderforge:plan")
    header, *rows = table.rows
    assert [norm(c.text) for c in header] == _lines(e["table_header"])
    width = len(header)
    headings = [norm(r[0].text) for r in rows if len(r) == 1]
    expected_headings = ([norm(e["activities_heading"])] if e.get("activities_heading") else []) + _lines(e["sections"])
    assert headings == expected_headings
    assert all(r[0].span == width for r in rows if len(r) == 1)
    activities = [r for r in rows if len(r) == width]
    assert len(activities) == len(e["rows"])
    keys = [norm(c.text) for c in header]
    for row, expected in zip(activities, e["rows"], strict=False):
        number, text, deadline, responsible, *rest = expected
        assert norm(row[0].text) == number
        assert norm(row[1].text) == norm(text), number
        assert norm(row[2].text) == norm(deadline), number
        got_responsible = [norm(p) for p in row[3].paras]
        if isinstance(responsible, list):
            assert got_responsible == _lines(responsible), number
        else:
            assert norm(" ".join(got_responsible)) == norm(responsible), number
        result = rest[0] if rest else None
        if width > 4:
            assert norm(row[4].text) == norm(result or ""), number
        else:
            assert result is None, keys
