"""Files import writes and reads straight back are read from the tree their writer built, not parsed.

``import`` makes a style (style.yaml) and a directory, then loads the style and checks the plan against the
directory. ``load.remember_written`` lets ``load_file`` take, for a file that still holds exactly the text
written, the tree the writer built line by line (:func:`orderforge.stylegen.styleyaml.style_tree`,
:func:`orderforge.importer.directory.new_directory_tree`); that spared PyYAML's import, all of import's
YAML parsing (issue 11). Here those trees are proved the parser's — positions, NFC values, quoted flags — with
no diagnostic, on every fixture and corpus document and on generated style facts with hostile text; where
the parser would report something or read the text otherwise, the writer gives no tree.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orderforge import load
from orderforge.diagnostics import Report
from orderforge.importer import import_docx
from orderforge.importer.directory import _new_root
from orderforge.load import Map, Scalar, forget_written, load_file, load_text, remember_written
from orderforge.stylegen import derive_style
from orderforge.stylegen.order import OrderFacts
from orderforge.stylegen.plan import ColumnFacts, PlanFacts
from orderforge.stylegen.styleyaml import StyleFacts, style_tree, style_yaml

from .conftest import ROOT
from .corpus.make_corpus import CASES, make
from .test_import_tree import FIXTURES, diagnostics, shape

DOCS = [ROOT / "tests" / "fixtures" / "import" / f"{name}.docx" for name in FIXTURES]


def _parsed(text: str, name: str) -> tuple[Any, Report]:
    report = Report()
    return load_text(text, name, report), report


def _same_as_parsed(text: str, tree: Any, name: str) -> bool:
    """The tree, when the writer gave one, is the parser's, and the parser reports nothing; whether there was one."""
    parsed, report = _parsed(text, name)
    if tree is None:
        return False
    assert not report.items, "a text the parser reports anything for gets no tree"
    assert shape(tree) == shape(parsed)
    return True


def _documents(tmp: Path) -> list[Path]:
    (tmp / "docs").mkdir()
    return DOCS + [make(case, tmp / "docs")[0] for case in CASES]


def test_the_style_tree_is_the_parsers_on_every_document(tmp_path: Path) -> None:
    for docx in _documents(tmp_path):
        derived = derive_style(docx, "made")
        assert _same_as_parsed(derived.style_yaml, style_tree(derived.facts, "templates/made/style.yaml"),
                               "templates/made/style.yaml"), f"the writer vouches for {docx.name}'s style"


def test_the_new_directory_tree_is_the_parsers_on_every_document(empty_workspace: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    noted: list[tuple[Path, str, Any]] = []
    monkeypatch.setattr("orderforge.importer.command.remember_written", lambda *a: noted.append(a))
    trees = 0
    for n, docx in enumerate(_documents(empty_workspace)):
        noted.clear()
        result = import_docx(docx, Path(f"plans/p{n}.yaml"), style=None)
        (path, text, make_tree), = noted
        assert path == result.directory and path.read_text(encoding="utf-8") == text
        vouched = _same_as_parsed(text, make_tree("plans/d.yaml"), "plans/d.yaml")
        # no tree only where ruamel wrote the directory (a signature of its own, a value over two lines …)
        assert vouched or _new_root(result.imported) is None, docx.name
        trees += vouched
    assert trees >= len(CASES), "most documents' directories come with a tree"


_HOSTILE = st.lists(st.sampled_from(list("аяЁё AБ«»#:-,.'\"[]{}|>&*!%@`\\") + ["\t", "\n", "\r", "\x85", "\u2028",
                                                                         "\x07", "\x7f", "\ufeff", "\u00a0",
                                                                         "И\u0306", "{{ x }}", "---", "..."]),
                    max_size=12).map("".join)
_COLUMN = st.builds(ColumnFacts, st.sampled_from(["number", "text", "deadline", "responsible", "result", "note"]),
                    _HOSTILE, st.floats(1, 400, allow_nan=False), st.booleans())
_ORDER = st.builds(OrderFacts, st.sampled_from(["приказ", "распоряжение"]), _HOSTILE, _HOSTILE, st.booleans(),
                   _HOSTILE, _HOSTILE)
_PLAN = st.builds(PlanFacts, st.lists(_COLUMN, max_size=4), st.booleans(), st.booleans(),
                  st.none() | st.lists(_HOSTILE, max_size=2), st.none() | st.lists(_HOSTILE, max_size=2), _HOSTILE)
_FACTS = st.builds(StyleFacts, _HOSTILE.filter(bool), _HOSTILE, st.lists(_HOSTILE, max_size=2), st.booleans(),
                   _ORDER, _PLAN, st.sampled_from(["name", "code", "grouped"]), st.sampled_from(["comma", "newline"]),
                   st.booleans())


@settings(max_examples=400, deadline=None)
@given(_FACTS)
def test_a_style_tree_is_the_parsers_or_none_for_any_text(facts: StyleFacts) -> None:
    _same_as_parsed(style_yaml(facts), style_tree(facts, "s/style.yaml"), "s/style.yaml")


def test_plain_facts_get_a_tree() -> None:
    """The check above is no vacuous «None is always allowed»: ordinary words get a tree."""
    facts = StyleFacts("стиль", "Приказ 7.docx", ["Комитет образования"], True, OrderFacts(kind_display="ПРИКАЗ"),
                       PlanFacts([ColumnFacts("text", "Мероприятие", 70, False)], mark=["Приложение"]))
    assert _same_as_parsed(style_yaml(facts), style_tree(facts, "s"), "s")
    facts.plan.columns = []  # «columns:» with nothing below: an empty value at the key, as the parser reads it
    assert _same_as_parsed(style_yaml(facts), style_tree(facts, "s"), "s")


def test_a_remembered_tree_is_used_only_while_the_file_holds_that_text(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    made = Map({}, ("shown", 1, 1))  # type: ignore[arg-type]
    asked: list[str] = []
    remember_written(tmp_path / "." / "x.yaml", "a: 1\n", lambda shown: asked.append(shown) or made)
    try:
        assert load_file(path, "shown").root is made and asked == ["shown"]
        path.write_text("a: 2\n", encoding="utf-8")  # the clerk changed it: parsed as usual
        root = load_file(path, "shown").root
        assert root is not made and isinstance(root, Map) and isinstance(root.entries["a"].value, Scalar)
        assert root.entries["a"].value.value == "2"
        path.write_text("a: 1\n", encoding="utf-8")
        forget_written()
        assert load_file(path, "shown").root is not made
    finally:
        forget_written()


def test_import_reads_back_what_it_wrote_with_the_same_findings(empty_workspace: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Trees or parsing, the import's result (the plan's validation against the new directory) is the same."""
    docx = ROOT / "tests" / "fixtures" / "import" / f"{FIXTURES[0]}.docx"
    found = []
    for folder in ("trees", "parsed"):
        (empty_workspace / folder / "plans").mkdir(parents=True)
        monkeypatch.chdir(empty_workspace / folder)
        forget_written()
        if folder == "parsed":
            for module in ("orderforge.importer.command", "orderforge.stylegen"):
                monkeypatch.setattr(f"{module}.remember_written", lambda *a: None)
        found.append(diagnostics(import_docx(docx, Path("plans/a.yaml"), style=None).validation))
        assert bool(load._WRITTEN) == (folder == "trees"), "the style and the directory were noted"
    assert found[0] == found[1] and found[0]


def test_import_does_not_load_pyyaml(empty_workspace: Path) -> None:
    docx = ROOT / "tests" / "fixtures" / "import" / f"{FIXTURES[0]}.docx"
    code = ("import atexit, sys\n"
            "atexit.register(lambda: print('LOADED', [m for m in ('yaml', 'ruamel', 'inspect') if m in sys.modules]))\n"
            f"sys.argv = ['orderforge', 'import', {str(docx)!r}, '-o', 'plans/x.yaml']\n"
            "from orderforge.launch import main\nmain()\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode in (0, 1), done.stderr
    assert "LOADED []" in done.stdout, done.stdout + done.stderr
