"""``new --from`` into another folder: the plan's ``directory:`` path, rewritten from the new file's folder,
is spliced into the text as the round trip writes it (plain), or the fast path declines.

The folders' names are drawn from YAML's indicators, spaces and Cyrillic, so the new path is sometimes one
the round trip must quote (the fast path then declines); the directory line is written plain, quoted, and
with a comment after it. And the splice's record of a moved value, whose digits a plain one-line value gives
without searching the text, is the record made through the text.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import event, given, settings
from hypothesis import strategies as st

from orderforge.planfile import load_plan

from .conftest import PLANS
from .test_fast_writers import roll_both

_BASE = (PLANS / "zyryansky-2025.yaml").read_text(encoding="utf-8")
_LINE = "directory: zyryansky.directory.yaml\n"
_LINES = [_LINE, "directory: 'zyryansky.directory.yaml'\n", 'directory: "zyryansky.directory.yaml"\n',
          "directory: zyryansky.directory.yaml  # справочник\n", "directory: ./zyryansky.directory.yaml\n"]
#: Folder names: YAML's indicators where they matter (first, after a space, last), spaces, Cyrillic.
_NAME = st.text(st.sampled_from(list("-?:,[]{}#&*!|>'\"%@` .аx1")), min_size=1, max_size=6).filter(
    lambda name: name not in (".", "..") and name.strip() == name)


def _both_ways(text: str, old_folder: Path, new_folder: Path) -> tuple[str, str | None]:
    """The round trip's text and the fast path's (None when it declined), the new plan in ``new_folder``."""
    old_folder.mkdir(parents=True, exist_ok=True)
    new_folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(PLANS / "zyryansky.directory.yaml", old_folder)
    old, new = old_folder / "old.yaml", new_folder / "new.yaml"
    old.write_text(text, encoding="utf-8")
    plan, report = load_plan(old)
    assert plan is not None and not report.has_errors, report.items
    slow, fast = roll_both(text, plan.plan.period, old, new)
    return slow, None if fast is None else fast[0]


@settings(max_examples=60, deadline=None)
@given(old_name=_NAME, up=st.integers(0, 2), down=st.lists(_NAME, max_size=2), line=st.sampled_from(_LINES))
def test_moved_directory_is_the_round_trips(old_name: str, up: int, down: list[str], line: str) -> None:
    root = Path(tempfile.mkdtemp(prefix="of-dir-"))
    try:
        old_folder = root / "w" / old_name
        new_folder = Path(old_folder, *[".."] * up, *down)
        if new_folder.resolve() == old_folder.resolve():
            new_folder = new_folder / "next"
        slow, fast = _both_ways(_BASE.replace(_LINE, line), old_folder, new_folder)
        event("fast path" if fast is not None else "declined")
        assert fast is None or fast == slow
        assert ("../" in slow or "/" in slow.split("directory:", 1)[1].split("\n", 1)[0])
    finally:
        shutil.rmtree(root)


def test_moved_directory_takes_the_fast_path(tmp_path: Path) -> None:
    """A plain ``directory:`` line, the new plan in a subfolder, a sibling or a parent: spliced."""
    old_folder = tmp_path / "plans" / "2025"
    for new_folder in (old_folder / "next", tmp_path / "plans" / "2026", tmp_path, tmp_path / "дальше" / "а-б"):
        slow, fast = _both_ways(_BASE, old_folder, new_folder)
        assert fast == slow, new_folder
        assert "directory: zyryansky.directory.yaml\n" not in slow


def test_moved_directory_declines_what_the_round_trip_quotes_or_may_move(tmp_path: Path) -> None:
    """A path the round trip must quote, a quoted line, a comment after the path: the round trip writes it."""
    for line, old_name in ((_LINE, "a #b"), (_LINE, "a: b"), (_LINES[1], "old"), (_LINES[3], "old")):
        slow, fast = _both_ways(_BASE.replace(_LINE, line), tmp_path / old_name, tmp_path / "new")
        assert fast is None, (line, old_name)
        assert "directory: '../" in slow or "# справочник" in slow


def _record_reference(text: str, node: object, old: str, new: str) -> list[tuple[int, int, str]] | None:
    """The splice's record of a moved value as first written (every value through its text's digits)."""
    from orderforge.rolloversplice import _content
    from orderforge.rollovertext import _DIGITS

    if len(new) != len(old) or _DIGITS.sub("0", old) != _DIGITS.sub("0", new):
        return None
    start, end = _content(text, node)
    places = [m.start() for m in _DIGITS.finditer(text, start, end)]
    if "".join(text[p] for p in places) != "".join(_DIGITS.findall(old)):
        return None
    return [(places[rank], places[rank] + 1, digit)
            for rank, (was, digit) in enumerate(zip(_DIGITS.findall(old), _DIGITS.findall(new), strict=True))
            if was != digit]


_VALUE = st.text(st.sampled_from(list("2026 1.гМарт-'\"\\x")), min_size=1, max_size=10)


@settings(max_examples=600, deadline=None)
@given(value=_VALUE, style=st.sampled_from(["{}", "'{}'", '"{}"']), shift=st.integers(0, 3), twice=st.booleans())
def test_a_moved_value_is_recorded_as_through_its_text(value: str, style: str, shift: int, twice: bool) -> None:
    """:func:`orderforge.rolloversplice._record` takes the digits of a value written as it reads (plain, one
    line) from the value itself, remembered: the same slices as finding them in the text, or the same refusal."""
    import yaml

    from orderforge.rolloversplice import Decline, Edits, _record
    from orderforge.yamlnodes import untagged_composer
    from orderforge.yearshift import shift_years

    text = f"a: b\nkey: {style.format(value)}\n"
    try:
        node = untagged_composer()(text).get_single_node().value[1][1]
    except yaml.YAMLError:
        return
    old = node.value
    for new in (shift_years(old, shift), old.replace("2", "x"), old[::-1]):
        expected = None if new == old else _record_reference(text, node, old, new)
        for _ in range(1 + twice):
            edits = Edits(text)
            try:
                _record(edits, node, old, new)
            except Decline:
                assert expected is None, (text, new)
                continue
            assert sorted(edits.slices) == (expected or []), (text, new)


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("a\n я")), max_size=30))
def test_line_starts_are_where_each_line_starts(text: str) -> None:
    from orderforge.rolloversplice import _line_starts

    assert _line_starts(text.split("\n")) == [0] + [at + 1 for at, char in enumerate(text) if char == "\n"]
