"""``new --from`` leaves its work to reference counting: no cycle holds the old plan or the recording tree.

Issue 12: ``new --from`` at most 1.5× ``validate``. A recursive inner function refers to itself
through its closure; one that filled a list (every activity of the plan, of the recording tree)
kept that list, and all it reached, for the cycle collector, which then walked tens of thousands
of objects when it resumed (a tenth of ``new --from`` at 1,000 activities).
"""

from __future__ import annotations

import gc
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from orderforge.planmodel import Period
from orderforge.rollover import new_from

from .conftest import ROOT

#: What a plan is made of: the model, libyaml's nodes and marks, the recording tree.
_PLAN_PARTS = {"Activity", "Section", "Para", "Pos", "Plan", "ScalarNode", "MappingNode", "Mark", "SpliceMap",
               "SpliceSeq", "Scalar", "Map", "Seq", "Entry"}


def _cyclic_garbage_after(action: object) -> set[str]:
    """The type names of the objects only the cycle collector would free after ``action()``."""
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        action()  # type: ignore[operator]
        gc.collect()
        return {type(o).__name__ for o in gc.garbage}
    finally:
        gc.set_debug(0)
        gc.garbage.clear()


def test_new_from_leaves_no_part_of_a_plan_to_the_cycle_collector(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    import genplan

    old = genplan.write_plan(tmp_path, 60, name="old", ids=False)
    found = _cyclic_garbage_after(lambda: new_from(old, tmp_path / "next.yaml", year=2027))
    assert (tmp_path / "next.yaml").is_file()
    assert found & _PLAN_PARTS == set()


def test_the_check_sees_a_cycle() -> None:
    """The check above would find a plan's part held by a cycle (a test that cannot fail proves nothing)."""
    from orderforge.diagnostics import Pos

    def hold() -> None:
        cycle: list[object] = [Pos("x", 1, 1)]
        cycle.append(cycle)

    assert "Pos" in _cyclic_garbage_after(hold)


#: Modules ``validate`` does without (tests/test_startup_lean.py), click, and those of a temporary file.
_AVOIDED = ("click", "dataclasses", "inspect", "ast", "typing", "threading", "tempfile", "calendar", "ruamel")


def test_new_from_imports_none_of_what_validate_avoids(tmp_path: Path) -> None:
    """The whole ``orderforge new --from`` process: its plain arguments bypass click (orderforge.launch), and
    its modules bring nothing of what validate leaves out (a tenth of it, at 1,000 activities)."""
    import os
    import subprocess

    sys.path.insert(0, str(ROOT / "tools"))
    import genplan

    old = genplan.write_plan(tmp_path, 30, name="old", ids=False)
    witness = (f"import atexit, runpy, sys; atexit.register(lambda: print('loaded:' + ','.join("
               f"m for m in {_AVOIDED!r} if m in sys.modules), file=sys.stderr)); "
               "sys.argv[0] = 'orderforge'; runpy.run_module('orderforge', run_name='__main__')")
    env = {**os.environ, "ORDERFORGE_CACHE_DIR": str(tmp_path / "cache")}
    for _ in range(2):  # the first run asks the analyser about the directory's names (pymorphy3 imports some)
        done = subprocess.run([sys.executable, "-c", witness, "new", "next.yaml", "--from", old.name, "--year",
                               "2027", "--force"], cwd=tmp_path, capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines()[-1] == "loaded:"
    assert "next.yaml: создан из old.yaml" in done.stdout


def test_the_temporary_file_is_made_as_mkstemp_makes_it(tmp_path: Path) -> None:
    """write.py's own mkstemp: a new file beside the target, «.<name>.<random>.tmp», owner-only, never reused."""
    import os
    import stat

    from orderforge.write import _temporary

    made = [_temporary(tmp_path / "plan.yaml") for _ in range(3)]
    for fd, name in made:
        os.close(fd)
        assert Path(name).parent == tmp_path and Path(name).name.startswith(".plan.yaml.") and name.endswith(".tmp")
        assert stat.S_IMODE(os.stat(name).st_mode) == 0o600 & ~_umask()
    assert len({name for _, name in made}) == 3


def _umask() -> int:
    import os

    mask = os.umask(0)
    os.umask(mask)
    return mask


def _node_starts(root: object) -> list[int]:
    """The offset where each node of a composed tree starts; each node once (an alias of its own ancestor,
    «&x [*x: ]», makes the composed tree a cycle)."""
    from orderforge.yamlnodes import is_map, is_scalar

    starts: list[int] = []
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        starts.append(node.start_mark.index)  # type: ignore[attr-defined]
        if not is_scalar(node):
            stack.extend(x for pair in node.value for x in pair) if is_map(node) else \
                stack.extend(node.value)  # type: ignore[attr-defined]
    return starts


@settings(max_examples=1500, deadline=None)
@example("&x [*x: ]")  # an alias of its own ancestor: the composed tree is a cycle
@given(st.lists(st.sampled_from(["a", "б", ": ", ":", "- ", "-", "\n", "  ", " ", "&x ", "*x", "!t ", "!", "&", "*",
                                 "[", "]", "{", "}", ", ", "?", "# ", "'", '"']), max_size=16).map("".join))
def test_no_node_starts_with_a_property_where_none_is_possible(text: str) -> None:
    """The splice skips its node-by-node check for «&», «*» and «!» when :func:`_properties_possible` says no
    node can start with one: on every text libyaml composes, a node that does proves it said yes."""
    from orderforge.rolloversplice import _properties_possible
    from orderforge.yamlnodes import untagged_composer

    try:
        root = untagged_composer()(text).get_single_node()
    except Exception:  # noqa: BLE001 - not YAML: nothing to check
        return
    if root is not None and any(text[i:i + 1] in ("&", "*", "!") for i in _node_starts(root)):
        assert _properties_possible(text)


def _composed(node: object) -> object:
    """What the splice reads of a composed node, as plain data (marks as index, line, column)."""
    from orderforge.yamlnodes import is_map, is_scalar

    def mark(m: object) -> tuple[int, int, int]:
        return m.index, m.line, m.column  # type: ignore[attr-defined]

    n: object = node
    head = (n.id, mark(n.start_mark), mark(n.end_mark), getattr(n, "style", None),  # type: ignore[attr-defined]
            getattr(n, "flow_style", None) if not is_scalar(n) else None)
    if is_scalar(n):
        return (*head, n.value)  # type: ignore[attr-defined]
    if is_map(n):
        return (*head, [(_composed(k), _composed(v)) for k, v in n.value])  # type: ignore[attr-defined]
    return (*head, [_composed(item) for item in n.value])  # type: ignore[attr-defined]


def _both_trees(text: str) -> tuple[object, object]:
    """libyaml's composed tree, and the one :func:`composed_from_events` builds of the same text's events."""
    from yaml._yaml import CParser

    from orderforge.yamlnodes import composed_from_events, untagged_composer

    composed = untagged_composer()(text).get_single_node()
    events = list(iter(CParser(text).get_event, None))
    return _composed(composed), _composed(composed_from_events(events))


def test_the_tree_built_of_events_is_the_composers_on_the_plans() -> None:
    """Issue 12: the splice builds its tree of the load's events instead of parsing the text again."""
    sys.path.insert(0, str(ROOT / "tools"))
    import genplan

    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "plans").glob("*.yaml"))]
    texts.append(genplan.plan_text(50, 1, False))
    for text in texts:
        composed, built = _both_trees(text)
        assert composed == built


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["a", "б", ": ", ":", "- ", "-", "\n", "  ", " ", "[", "]", "{", "}", ", ", "# ",
                                 "'", '"', "|\n", ">-\n", "1"]), max_size=24).map("".join))
def test_the_tree_built_of_events_is_the_composers(text: str) -> None:
    try:
        composed, built = _both_trees(text)
    except Exception:  # noqa: BLE001 - not YAML, or not a collection at the root (what yamlfast refuses)
        return
    assert composed == built


def test_new_from_reads_the_old_plan_once_without_the_compiled_reader(tmp_path: Path, monkeypatch: object) -> None:
    """Through PyYAML, the splice takes the load's events (:class:`orderforge.yamltap.ParseTap`) and never
    composes the text again; the new plan is the one composing it gives."""
    import orderforge.rolloversplice as splice
    from orderforge import yamlparse
    from orderforge.yamltap import ParseTap

    monkeypatch.setattr(yamlparse, "COMPILED", False)  # type: ignore[attr-defined]
    old = _generated_plan(tmp_path)
    composing = splice.compose_text

    def no_second_parse(text: str) -> None:
        raise AssertionError("the text was parsed again")

    monkeypatch.setattr(splice, "compose_text", no_second_parse)  # type: ignore[attr-defined]
    new_from(old, tmp_path / "tapped.yaml", year=2027)
    monkeypatch.setattr(splice, "compose_text", composing)  # type: ignore[attr-defined]
    monkeypatch.setattr(ParseTap, "parser", lambda self, parser, text: (parser.get_event, None))  # type: ignore[attr-defined]
    new_from(old, tmp_path / "composed.yaml", year=2027)
    tapped = (tmp_path / "tapped.yaml").read_bytes()
    assert tapped == (tmp_path / "composed.yaml").read_bytes()
    assert tapped != old.read_bytes()


def test_new_from_with_the_compiled_reader_writes_what_pyyaml_s_path_writes(tmp_path: Path,
                                                                           monkeypatch: object) -> None:
    """With orderforge._yamlc built, the old plan is loaded by it and the splice's nodes come from that load
    (PyYAML not imported); the new plan is byte for byte the one PyYAML's path writes."""
    import subprocess

    from orderforge import yamlparse

    if not yamlparse.compiled_available():
        pytest.skip("orderforge._yamlc is not built here (setup.py)")
    old = _generated_plan(tmp_path)
    new_from(old, tmp_path / "compiled.yaml", year=2027)
    monkeypatch.setattr(yamlparse, "COMPILED", False)  # type: ignore[attr-defined]
    new_from(old, tmp_path / "pyyaml.yaml", year=2027)
    assert (tmp_path / "compiled.yaml").read_bytes() == (tmp_path / "pyyaml.yaml").read_bytes()
    probe = ("import sys; from pathlib import Path; from orderforge.rollover import new_from; "
             f"new_from(Path({str(old)!r}), Path({str(tmp_path / 'probe.yaml')!r}), year=2027); "
             "print('yaml' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_new_from_with_the_compiled_reader_parses_the_old_plan_once(tmp_path: Path, monkeypatch: object) -> None:
    """The compiled reader composes the old plan's nodes once (:class:`orderforge.yamltap.ParseTap`): the load's
    tree is made of them (``tree_of_nodes``), the splice takes them, and libyaml's tree reader parses only the
    directory; the new plan is the one two separate parses write."""
    from orderforge import yamlparse

    if not yamlparse.compiled_available():
        pytest.skip("orderforge._yamlc is not built here (setup.py)")
    from orderforge import _yamlc

    old = _generated_plan(tmp_path)
    text = old.read_text(encoding="utf-8")
    parsed: list[str] = []
    for name in ("tree", "nodes"):
        def counted(source: str, *args: object, _real: object = getattr(_yamlc, name), _name: str = name) -> object:
            parsed.append(_name if source == text else f"{_name} of another text")
            return _real(source, *args)  # type: ignore[operator]

        monkeypatch.setattr(_yamlc, name, counted)  # type: ignore[attr-defined]
    new_from(old, tmp_path / "once.yaml", year=2027)
    assert parsed == ["nodes", "tree of another text"]  # the plan's nodes, then its directory's tree
    monkeypatch.setattr(yamlparse, "compiled_nodes", lambda text: None)  # type: ignore[attr-defined]
    new_from(old, tmp_path / "twice.yaml", year=2027)  # no tapped nodes: the tree, then the splice's own parse
    assert (tmp_path / "once.yaml").read_bytes() == (tmp_path / "twice.yaml").read_bytes()


def _generated_plan(folder: Path) -> Path:
    sys.path.insert(0, str(ROOT / "tools"))
    import genplan

    return genplan.write_plan(folder, 40, name="old", ids=False)


def _years_reference(text: str, period: Period | None) -> list[str]:
    """:func:`orderforge.rolloverwarn._years_in` as first written: the regexes on every text."""
    from orderforge.rolloverwarn import _MENTIONED_YEAR
    from orderforge.yearshift import period_pattern

    if not _MENTIONED_YEAR.search(text):
        return []
    if period is not None:
        text = period_pattern(period).sub(" ", text)
    return sorted(set(_MENTIONED_YEAR.findall(text)))


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(["19", "20", "2026", "2027", "2028", "1", "0", "9", "2", "6", "-", "–", "/", ".",
                                 " ", "год", "гг.", "г", "у", "\n", "2026-2028", "2026 год", "2019/2020", "1999"]),
                max_size=14).map("".join),
       st.none() | st.tuples(st.sampled_from([1999, 2019, 2020, 2026]), st.integers(0, 2), st.booleans()))
def test_years_in_a_text_are_the_regexs(text: str, span: tuple[int, int, bool] | None) -> None:
    """The warnings' look for years skips the regexes where they cannot match (no «19» or «20», no period's
    first year): the same years as running them on every text."""
    from orderforge.rolloverwarn import _years_in

    period = None if span is None else Period(date(span[0], 1, 1), date(span[0] + span[1], 12, 31), span[2], "")
    assert _years_in(text, period) == _years_reference(text, period)
