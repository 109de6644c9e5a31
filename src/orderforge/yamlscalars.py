"""How ``fmt`` writes one string: plain, '…', "…", or a block wrapped at the width.

Kept apart from the layout of the whole file (:mod:`orderforge.fmt`): these are the
YAML quoting rules, decided with ruamel's own emitter analysis.
"""

from __future__ import annotations

import json
import re
from typing import Any

# --------------------------------------------------------------------------- scalars


class Scalars:
    """Decides how a string is written: plain, '…', "…", or as a block."""

    def __init__(self) -> None:
        from .yamlrt import scalar_emitter, version_resolvers

        self.emitter = scalar_emitter()
        self.analysed: dict[str, Any] = {}
        # YAML 1.2 (ruamel's default) reads «yes» / «no» / «on» as text, YAML 1.1 (PyYAML, many
        # editors) as booleans: a value either would read as a non-string keeps its quotes
        self.resolvers = version_resolvers()

    def analysis(self, value: str) -> Any:
        """ruamel's emitter analysis (a loop over every character): once per distinct value."""
        found = self.analysed.get(value)
        if found is None:
            found = self.analysed[value] = self.emitter.analyze_scalar(value)
        return found

    def typed(self, value: str) -> bool:
        """Would another YAML tool read the plain value as a number, boolean, null or date?"""
        from ruamel.yaml.nodes import ScalarNode

        return any(r.resolve(ScalarNode, value, (True, False)) != "tag:yaml.org,2002:str" for r in self.resolvers)

    def inline(self, value: str, was_plain: bool, flow: bool = False) -> str:
        if value == "":
            return "''"
        a = self.analysis(value)
        plain_ok = (a.allow_flow_plain if flow else a.allow_block_plain) and not a.multiline
        if plain_ok and (was_plain or not self.typed(value)):
            return value
        if a.allow_single_quoted and "\n" not in value and not a.multiline:
            return "'" + value.replace("'", "''") + "'"
        return double_quoted(value)

    def literal_ok(self, body: str) -> bool:
        if not body or body[0] == " " or not self.analysis(body).allow_block:
            return False
        return all(not re.match(r" *\t", line) and (line.strip() or not line) for line in body.split("\n"))

    def foldable(self, value: str) -> bool:
        return (
            "\n" not in value and value == value.strip() and bool(re.search(r"\S \S", value))
            and "\t" not in value and self.analysis(value).allow_block
        )


def double_quoted(value: str) -> str:
    text = json.dumps(value, ensure_ascii=False)
    for ch in ("\u0085", "\u2028", "\u2029", "\ufeff"):
        text = text.replace(ch, f"\\u{ord(ch):04x}")
    return text


def wrap(value: str, width: int) -> list[str]:
    """Greedy wrap at single spaces between words (so that folding restores the value exactly)."""
    pieces = re.split(r"(?<=\S) (?=\S)", value)
    lines: list[str] = []
    current = ""
    for piece in pieces:
        if not current:
            current = piece
        elif len(current) + 1 + len(piece) <= width:
            current += " " + piece
        else:
            lines.append(current)
            current = piece
    lines.append(current)
    return lines
