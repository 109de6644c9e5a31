"""The tree import builds while writing the plan is the tree the loader reads from the written file.

``import`` checks the plan it wrote as ``validate`` would; instead of reading, decoding and parsing the text
again, treewrite.dump_tree builds the loader's tree (positions, NFC values, quoted or not) as it writes each
line. Here, on every fixture, every corpus document and Hypothesis-generated readings with hostile text
(quotes, colons, «#», leading dashes, several lines, line breaks of every kind, YAML words), the tree equals
``load_file``'s on the written file, and the diagnostics of the check made from it equal ``load_plan``'s —
codes, messages, hints, file:line:col. Where the writer cannot vouch (it says None), import reads the
file again: those cases are checked to be real, and the command's result to be ``load_plan``'s.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from orderforge.diagnostics import Report
from orderforge.importer import import_docx, output, treewrite, yamltext
from orderforge.importer.imported import ActivityOut, Imported, Number, OrderOut, PointOut, SectionOut
from orderforge.load import Map, Scalar, Seq, forget_written, load_file
from orderforge.paths import display_path
from orderforge.planfile import check_written_plan, load_plan

from .conftest import ROOT
from .corpus.make_corpus import CASES, make
from .test_import_yaml_writer import _WORDS, _imported

FIXTURES = sorted(p.stem for p in (ROOT / "tests" / "fixtures" / "import").glob("*.docx") if p.stem != "no-plan-table")


def shape(node: Any) -> Any:
    """Everything of a node the checks read, as nested tuples (class, value, position, quoted, keys …)."""
    if node.__class__ is Scalar:
        return ("scalar", node.value, tuple(node.pos), node.quoted)
    if node.__class__ is Seq:
        return ("seq", tuple(node.pos), [shape(i) for i in node.items])
    assert node.__class__ is Map, node
    return ("map", tuple(node.pos), node.broken,
            [(k, e.key, tuple(e.key_pos), shape(e.value)) for k, e in node.entries.items()])


def diagnostics(items: Any) -> list[tuple[Any, ...]]:
    return [(d.code, d.severity, d.message, tuple(d.pos), d.hint) for d in items]


def same_as_loaded(path: Path, text: str, tree: Any) -> bool:
    """The written file is ``text``; when the writer vouched for a tree, it is the loader's, and the check
    made from it reports what ``load_plan`` reports. Returns whether there was a tree."""
    assert path.read_bytes().decode("utf-8") == text
    if tree is None:
        return False
    loaded = load_file(path, display_path(path))
    assert not loaded.report.items
    assert shape(tree) == shape(loaded.root)
    assert diagnostics(check_written_plan(path, tree)[1].items) == diagnostics(load_plan(path)[1].items)
    return True


def _import(docx: Path, style: str | None, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, list[Any]]:
    """The import, with every tree dump_tree gave it (the check it made is its result's)."""
    trees: list[Any] = []
    real = output.plan_yaml_tree

    def spy(*args: Any) -> Any:
        made = real(*args)
        trees.append(made)
        return made

    monkeypatch.setattr("orderforge.importer.command.plan_yaml_tree", spy)
    return import_docx(docx, Path("plans/x.yaml"), style=style), trees


def _check_import(result: Any, trees: list[Any]) -> None:
    (text, tree), = trees
    assert same_as_loaded(result.plan, text, tree), "the writer vouches for every document's plan"
    forget_written()  # the reference parses the directory too (tests/test_written_trees.py proves its tree)
    assert diagnostics(result.validation) == diagnostics(load_plan(result.plan)[1].items)


@pytest.mark.parametrize("fixture", FIXTURES)
def test_fixture_plans_are_checked_from_the_written_tree(fixture: str, empty_workspace: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    _check_import(*_import(ROOT / "tests" / "fixtures" / "import" / f"{fixture}.docx", "kaliningrad-committee",
                           monkeypatch))


@pytest.mark.parametrize("make_case", CASES, ids=[c.__name__ for c in CASES])
def test_corpus_plans_are_checked_from_the_written_tree(make_case: object, empty_workspace: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    (empty_workspace / "docs").mkdir()
    docx, _ = make(make_case, empty_workspace / "docs")
    _check_import(*_import(docx, None, monkeypatch))


#: Hostile text a Word document does hold — quotes, colons, «#», leading dashes, brackets, YAML words, several
#: lines, long lines, non-NFC letters — but no control character or odd line break (there the writer says
#: None: those are _imported()'s, above), so that most generated plans get a tree to compare.
_BIT = st.sampled_from(list("аяЁё АБ«»#:-–,.;'\"[]{}|>!&*%@`?\\/") + [" #", ": ", "- ", "\n", "\n\n", "И\u0306",
                                                                    "\u00a0", "1.", "2026"])
_PRINTED = st.one_of(_WORDS, st.lists(_BIT, max_size=30).map("".join),
                     st.lists(_WORDS, min_size=2, max_size=12).map(" ".join),
                     st.text(st.characters(min_codepoint=0x20, max_codepoint=0x4ff, blacklist_categories=("Cc", "Cs")),
                             max_size=15))
_PLINES = st.lists(_PRINTED, max_size=3)
_PNUMBER = st.none() | st.builds(Number, st.lists(st.integers(0, 12), min_size=1, max_size=3).map(tuple),
                                 st.booleans(), _PRINTED)
_PACTIVITY = st.builds(ActivityOut, number=_PNUMBER, label=_PRINTED, text=_PLINES, deadline=_PRINTED,
                       responsible=st.lists(_PRINTED, max_size=3), result=_PLINES, note=_PRINTED,
                       remarks=st.lists(_PRINTED, max_size=2))
_PSUB = st.builds(SectionOut, title=_PRINTED, numbered=st.booleans(), number=st.none(), label=_PRINTED,
                  activities=st.lists(_PACTIVITY, max_size=2), todo=_PRINTED)
_PSECTION = st.builds(SectionOut, title=_PRINTED, numbered=st.booleans(),
                      number=st.none() | st.lists(st.integers(0, 9), max_size=3).map(tuple), label=_PRINTED,
                      activities=st.lists(_PACTIVITY, max_size=3), sections=st.lists(_PSUB, max_size=2),
                      todo=_PRINTED)
_PORDER = st.builds(OrderOut, kind=st.just("приказ"), issuer=_PLINES, issuer_genitive=_PRINTED, date=st.none(),
                    number=_PRINTED, place=_PRINTED, title=_PLINES, preamble=_PLINES, operative=_PRINTED,
                    points=st.lists(st.builds(PointOut, text=_PLINES, items=st.lists(_PLINES, max_size=2),
                                              kinds=st.lists(st.sampled_from(["numbered", "dash"]), max_size=2)),
                                    max_size=2),
                    control=_PRINTED, signatory=_PRINTED,
                    todo=st.dictionaries(st.sampled_from(["issuer", "points", "date", "title"]), _PRINTED.filter(bool),
                                         max_size=3))


@st.composite
def _printed(draw: st.DrawFn) -> Imported:
    imported = Imported("x.docx", draw(st.none() | _PORDER), draw(st.lists(_PRINTED, min_size=1, max_size=3)),
                        draw(_PRINTED), draw(st.lists(st.tuples(_PRINTED, st.lists(_PRINTED, max_size=3)), max_size=2)),
                        draw(st.lists(_PACTIVITY, max_size=3)), draw(st.lists(_PSECTION, max_size=3)), {}, {}, Report())
    imported.title_todo = draw(_PRINTED)
    imported.heading_comments = draw(st.lists(_PRINTED, max_size=2))
    imported.activities_title = draw(_PRINTED)
    return imported


def test_printed_texts_mostly_get_a_tree() -> None:
    """Not a test that cannot fail: the strategy below gives the comparison trees, not only fallbacks."""
    trees = []

    @settings(max_examples=200, deadline=None, database=None)
    @given(_printed())
    def count(imported: Imported) -> None:
        trees.append(output.plan_yaml_tree(imported, "k", None, "x.docx", "p.yaml")[1] is not None)

    count()
    assert sum(trees) > len(trees) * 3 // 4


@settings(max_examples=500, deadline=None)
@given(st.one_of(_imported(), _printed()))
def test_generated_plans_give_the_loaders_tree(imported: Imported) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.yaml"
        name = display_path(path)
        text, tree = output.plan_yaml_tree(imported, "kaliningrad-committee", "../directory.yaml", "a #b: c.docx",
                                           name)
        assert text == output.plan_yaml(imported, "kaliningrad-committee", "../directory.yaml", "a #b: c.docx")
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: import fails writing it, as before
            assume(False)
        path.write_bytes(data)
        same_as_loaded(path, text, tree)


@pytest.mark.parametrize("hostile", ["метка\ufeffпорядка", "упр\x07символ", "[" * 60])
def test_the_writer_leaves_to_the_loader_what_it_cannot_vouch_for(hostile: str, tmp_path: Path) -> None:
    """A comment (written as it is, unlike values) with what decoding or the raw-text check would read
    otherwise: no tree (import then reads the file again), the same text; a value with it: a tree."""
    imported = Imported("x.docx", None, ["План"], "", [], [], [], {}, {}, Report())
    imported.title_todo = hostile
    path = tmp_path / "plan.yaml"
    text, tree = output.plan_yaml_tree(imported, "kaliningrad-committee", None, "x.docx", display_path(path))
    assert tree is None
    assert text == output.plan_yaml(imported, "kaliningrad-committee", None, "x.docx")
    imported.title_todo = ""
    imported.title = ["План", hostile]
    text, tree = output.plan_yaml_tree(imported, "kaliningrad-committee", None, "x.docx", display_path(path))
    path.write_bytes(text.encode("utf-8"))
    same_as_loaded(path, text, tree)
    imported.title = ["План", "обычный текст: «с кавычками» # и решёткой", "- с тире", "'одинарные' и \"двойные\""]
    imported.period = "- 2026: год"
    text, tree = output.plan_yaml_tree(imported, "kaliningrad-committee", None, "x.docx", display_path(path))
    path.write_bytes(text.encode("utf-8"))
    assert same_as_loaded(path, text, tree)


@pytest.mark.parametrize("hostile", ["строка\rс возвратом каретки", "NEL\x85внутри", "разрыв\u2028строки",
                                     "абзац\u2029второй", "перевод\nстроки", "\u2028", "a\r\nb"])
def test_a_comment_with_a_line_break_of_any_kind_stays_a_comment(hostile: str, tmp_path: Path) -> None:
    """A TODO at a line's end, or comment lines before a key, holding CR, NEL, U+2028 …: each piece of the
    comment keeps its «#», so the written plan is YAML (it was not: «после ключа ожидалось двоеточие»), and
    the writer's tree is the loader's."""
    activity = ActivityOut(None, "строка 3", ["Мероприятие"], "март 2026 г.")
    imported = Imported("x.docx", None, ["План"], "", [], [activity], [], {}, {}, Report())
    imported.title_todo = hostile
    imported.heading_comments = [hostile]
    path = tmp_path / "plan.yaml"
    text, tree = output.plan_yaml_tree(imported, "kaliningrad-committee", None, "x.docx", display_path(path))
    path.write_bytes(text.encode("utf-8"))
    loaded = load_file(path)
    assert not loaded.report.items, [d.message for d in loaded.report.items]
    assert tree is not None and same_as_loaded(path, text, tree)


@pytest.mark.parametrize("value", ["\n а", "\n\n  б\nв", "\nв\n г", " а\nб", "а\n б"])
def test_a_text_whose_first_line_starts_with_a_space_after_empty_lines_is_kept(value: str, tmp_path: Path) -> None:
    """A literal block takes its indentation from its first line that is not empty: a space there was read as
    indentation and lost («\n а» came back as «\nа»). Such a text is written double-quoted and reads back whole."""
    activity = ActivityOut(None, "строка 3", ["Мероприятие"], "март 2026 г.")
    imported = Imported("x.docx", None, ["План"], "", [], [], [SectionOut(value, True, (1,), "1.", [activity])], {},
                        {}, Report())
    path = tmp_path / "plan.yaml"
    text, tree = output.plan_yaml_tree(imported, "kaliningrad-committee", None, "x.docx", display_path(path))
    path.write_bytes(text.encode("utf-8"))
    loaded = load_file(path)
    assert loaded.root is not None and same_as_loaded(path, text, tree)
    section = loaded.root.get("plan").get("sections").items[0]  # type: ignore[union-attr]
    assert section.get("title").value == value


# -- treewrite's shortcuts against the general writer and the raw-text check

def _tree_of(writer: Any, root: Any, start: str) -> tuple[list[str], Any]:
    """The lines and tree ``writer`` makes (None when it refuses)."""
    writer.comments(yamltext.start_tokens(start), 0)
    try:
        return writer.lines, writer.mapping(root, 0)
    except yamltext.Refused:
        return writer.lines, None


def _general_tree(root: Any, start: str, name: str) -> tuple[list[str], Any]:
    """The lines and tree of yamltext's general writer (every node through its general methods)."""
    return _tree_of(yamltext._Writer(name), root, start)


def _fast_tree(root: Any, start: str, name: str) -> tuple[list[str], Any]:
    return _tree_of(treewrite.TreeWriter(name), root, start)


@settings(max_examples=300, deadline=None)
@given(st.one_of(_imported(), _printed()))
def test_the_tree_writer_builds_the_general_writers_lines_and_tree(imported: Imported) -> None:
    root, start = output._plan_root(imported, "k", None, "x.docx")
    general_lines, general = _general_tree(root, start, "p.yaml")
    fast_lines, fast = _fast_tree(root, start, "p.yaml")
    assert (general is None) == (fast is None)
    if general is not None:
        assert fast_lines == general_lines
        assert shape(fast) == shape(general)


#: Values a plan repeats (the tree writer then takes them as known plain text, or flow names), some too long
#: for a deeper line, some not plain, some not NFC, some YAML words.
_REPEATED = ["март 2026 г.", "Аналитическая справка", "И\u0306ошкар-Ола", "yes", "2026", "a" * 84, "б" * 90,
             "слово " * 14 + "конец", "Срок: март", "'кавычки'", "- тире", "on", "Раздел {1}", "[скобки]"]


@pytest.mark.parametrize("value", _REPEATED)
def test_a_repeated_value_gets_the_loaders_nodes_at_every_depth(value: str, tmp_path: Path) -> None:
    def activity(n: int) -> ActivityOut:
        return ActivityOut(Number((1, n), True, "1."), f"строка {n}", [value], value, [value, "упр-образования"],
                           [value], value)

    sub = SectionOut("Подраздел", True, (1, 1), "строка 9", [activity(3), activity(4)])
    section = SectionOut(value, True, (1,), "строка 2", [activity(1), activity(2)], sections=[sub])
    imported = Imported("x.docx", None, [value], "", [], [activity(5), activity(6)], [section], {}, {}, Report())
    path = tmp_path / "plan.yaml"
    text, tree = output.plan_yaml_tree(imported, "kaliningrad-committee", None, "x.docx", display_path(path))
    assert text == output.plan_yaml(imported, "kaliningrad-committee", None, "x.docx")
    path.write_bytes(text.encode("utf-8"))
    assert same_as_loaded(path, text, tree)
    root, start = output._plan_root(imported, "k", None, "x.docx")
    assert shape(_fast_tree(root, start, "p.yaml")[1]) == shape(_general_tree(root, start, "p.yaml")[1])


_RAW_BIT = st.sampled_from(["а", "z", " ", "  ", "\n", "\n  - ", "key: ", "- ", "[", "{", "\t", "\u00a0", "\ufeff",
                            "\x85", "\u2028", "\u2029", "\r", "\x07", "\x9f", "\ufffe", "\ud800", "\u200b", "\ue000",
                            "\u3000", "#", "«»", "- " * 50, "[" * 60, "{ " * 60])


@settings(max_examples=500, deadline=None)
@given(st.lists(_RAW_BIT, max_size=40).map("".join))
def test_readability_is_proved_as_the_raw_text_check_proves_it(text: str) -> None:
    """One isprintable scan, then only the opener run: the answer of the decoding and raw-text checks."""
    assert treewrite.readable_as_written(text, "p.yaml") == treewrite._readable_in_full(text, "p.yaml")


def test_a_plan_too_large_is_not_readable_as_written() -> None:
    from orderforge.load import MAX_PLAN_BYTES

    text = "а: б\n" * (MAX_PLAN_BYTES // 6)
    assert not treewrite.readable_as_written(text, "p.yaml")
    assert treewrite.readable_as_written(text[:10000], "p.yaml")


def test_a_broken_shortcut_is_caught(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The comparisons above can fail: a flow list placed one column off, a known text kept as written (not
    NFC), a readability check that says yes to a BOM in a comment, each makes a tree the loader does not read."""
    activity = ActivityOut(None, "строка 3", ["Мероприятие"], "И\u0306ошкар-Ола", ["upravlenie", "kabinet"])
    imported = Imported("x.docx", None, ["План"], "", [], [activity, activity], [], {}, {}, Report())
    path = tmp_path / "plan.yaml"

    def check() -> None:
        text, tree = output.plan_yaml_tree(imported, "kaliningrad-committee", None, "x.docx", display_path(path))
        path.write_bytes(text.encode("utf-8"))
        same_as_loaded(path, text, tree)

    check()
    real_names = treewrite.TreeWriter.names
    with monkeypatch.context() as patch:
        patch.setattr(treewrite.TreeWriter, "names", lambda self, head, values, col: real_names(self, head, values,
                                                                                                col + 1))
        with pytest.raises(AssertionError):
            check()
    with monkeypatch.context() as patch:
        patch.setattr(treewrite.TreeWriter, "nfc_plain", lambda self, value, written:
                      self.plain.setdefault(value, value))
        with pytest.raises(AssertionError):
            check()
    imported.title_todo = "метка\ufeffпорядка"
    check()
    with monkeypatch.context() as patch:
        patch.setattr(treewrite, "readable_as_written", lambda text, name: True)
        with pytest.raises(AssertionError):
            check()
