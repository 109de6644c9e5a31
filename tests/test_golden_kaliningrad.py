"""The built Kaliningrad order holds everything of seed 000, in order (compared by meaning).

The reference list in golden/ was written by hand from the seed, not generated
from the plan, so this test checks the whole pipeline: plan format, numbering,
deadline rendering, directory look-ups and the template.
"""

from __future__ import annotations

import pytest
from ruamel.yaml import YAML

from orderforge.build import build_plan
from orderforge.docxtext import Paragraph, Table, read_blocks
from orderforge.typography import plain

from .conftest import GOLDEN, PLANS

NBSP = "\u00a0"


def norm(text: str) -> str:
    """The text a reader sees: no-break spaces and hyphens as plain ones, runs of spaces as one."""
    return " ".join(plain(text).split())


@pytest.fixture(scope="module")
def expected() -> dict:
    return YAML(typ="safe").load((GOLDEN / "kaliningrad-committee-2026.expected.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def blocks(tmp_path_factory: pytest.TempPathFactory) -> list:
    out = tmp_path_factory.mktemp("out")
    result = build_plan(PLANS / "kaliningrad-committee-2026.yaml", out)
    assert result.docx == out / "kaliningrad-committee-2026.docx"
    return read_blocks(result.docx)


def paragraphs(blocks: list) -> list[str]:
    return [norm(b.text) for b in blocks if isinstance(b, Paragraph) and b.text.strip()]


def tables(blocks: list, caption: str) -> list[Table]:
    return [b for b in blocks if isinstance(b, Table) and b.caption == caption]


def test_order_header(blocks: list, expected: dict) -> None:
    paras = paragraphs(blocks)
    assert paras[: len(expected["issuer"])] == expected["issuer"]
    assert norm(expected["heading"]) in paras
    date_line = next(p for p in paras if p.startswith("от «"))
    assert date_line.startswith(expected["date"]) and date_line.endswith(expected["number"])
    assert expected["place"] in paras
    assert norm(expected["title"]) in paras


def test_preamble_ends_with_operative_word(blocks: list, expected: dict) -> None:
    paras = paragraphs(blocks)
    preamble = next(p for p in paras if p.startswith("В целях исполнения"))
    assert preamble == norm(expected["preamble"][0])
    assert preamble.endswith(expected["operative"])


def test_order_points_in_order(blocks: list, expected: dict) -> None:
    paras = paragraphs(blocks)
    start = paras.index(norm(expected["order_points"][0]))
    assert paras[start : start + len(expected["order_points"])] == [norm(p) for p in expected["order_points"]]


def test_signature(blocks: list, expected: dict) -> None:
    (table,) = [b for b in blocks if isinstance(b, Table) and any(
        norm(c.text).endswith(expected["signature"]["name"]) for row in b.rows for c in row)]
    left, right = table.rows[0][0], table.rows[0][-1]
    assert [norm(p) for p in left.paras] == expected["signature"]["position"]
    assert norm(right.text) == expected["signature"]["name"]


def test_appendix_mark_and_title(blocks: list, expected: dict) -> None:
    text = " ".join(paragraphs(blocks))
    assert norm(" ".join(expected["appendix_mark"])) in text
    assert norm(" ".join(expected["plan_title"])) in text


def test_passport(blocks: list, expected: dict) -> None:
    (table,) = tables(blocks, "orderforge:passport")
    got = [{"label": norm(row[0].text), "items": [norm(p).lstrip("– ") for p in row[1].paras]} for row in table.rows]
    assert got == [{"label": e["label"], "items": [norm(i) for i in e["items"]]} for e in expected["passport"]]
    assert all(norm(p).startswith("– ") for row in table.rows for p in row[1].paras)


def test_plan_table(blocks: list, expected: dict) -> None:
    (table,) = tables(blocks, "orderforge:plan")
    header, *rows = table.rows
    assert [norm(c.text) for c in header] == expected["table_header"]
    sections = [norm(r[0].text) for r in rows if len(r) == 1]
    assert sections == expected["sections"]
    assert all(r[0].span == 5 for r in rows if len(r) == 1)
    activities = [r for r in rows if len(r) == 5]
    assert len(activities) == len(expected["rows"]) == 18
    for row, (number, text, deadline, responsible, result) in zip(activities, expected["rows"], strict=False):
        assert norm(row[0].text) == number
        assert norm(row[1].text) == norm(text), number
        assert norm(row[2].text) == deadline, number
        assert [norm(p) for p in row[3].paras] == responsible, number
        assert norm(row[4].text) == norm(result), number
