"""Issue 14: the ruamel round-trip set-up (indentation, width, resolver, emitter) is written once, in yamlrt."""

from __future__ import annotations

import re

from orderforge.yamlrt import MAPPING_INDENT, WIDTH, editing_yaml, round_trip_yaml

from .conftest import ROOT

SRC = ROOT / "src" / "orderforge"


def test_only_yamlrt_sets_up_a_round_trip() -> None:
    """Every other module asks yamlrt; the pure safe parsers of load and yamlcomments read, never write."""
    setups = []
    for path in sorted(SRC.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if path.name == "yamlrt.py":
            continue
        for match in re.finditer(r"YAML\((?![^)]*pure=True)[^)]*\)|\.indent\(mapping=|Emitter\(", text):
            setups.append(f"{path.relative_to(SRC)}: {match.group()}")
    assert setups == []


def test_the_writers_share_the_plan_layout() -> None:
    import io

    text = "plan:\n  sections:\n    - title: Раздел\n      activities:\n        - text: '2026'\n"
    for yaml in (round_trip_yaml(), editing_yaml()):
        out = io.StringIO()
        yaml.dump(yaml.load(text), out)
        assert out.getvalue() == text
    assert (round_trip_yaml().width, MAPPING_INDENT) == (WIDTH, 2)
    assert editing_yaml().width > 1000  # an edited file keeps the clerk's lines
