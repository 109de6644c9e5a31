"""The plan text import writes from plain mappings and lists is byte for byte what the ruamel tree gave.

output.py built ruamel CommentedMaps (and imported ruamel) only for yamltext to walk them; it now
builds yamltext's plain Map/Seq. The writer as it was is kept in tests/plan_yaml_reference.py; here
both write every fixture and corpus document's reading and Hypothesis-generated readings with hostile
text (line breaks of every kind in comments, «#», YAML words, long texts, TODO comments at every
place output.py puts one), and must give the same bytes.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orderforge.diagnostics import Report
from orderforge.importer import import_docx, output
from orderforge.importer.imported import (
    ActivityOut,
    ApprovalOut,
    Imported,
    Number,
    OrderOut,
    PartyOut,
    PersonOut,
    PointOut,
    SectionOut,
)
from orderforge.load import load_file

from . import plan_yaml_reference as reference
from .conftest import ROOT
from .corpus.make_corpus import CASES, make

_ARGS = [("kaliningrad-committee", None, "План.docx"), ("x-style", "../directory.yaml", "a #b: c.docx")]


def _same(imported: Imported) -> None:
    """The writer's text is ruamel's, byte for byte; except where ruamel broke a comment at a line break
    without giving the piece after it its «#» (a CR, NEL or U+2028 in a label, a line break in an
    end-of-line TODO): the plan it wrote was no YAML, or read the piece as data. There the writer's text
    must load without a single diagnostic (tests/test_import_tree.py proves its tree the loader's)."""
    for style, directory_ref, name in _ARGS:
        ours = output.plan_yaml(imported, style, directory_ref, name)
        ref = reference.plan_yaml(imported, style, directory_ref, name)
        if ours != ref:
            assert _has_line_break(imported), "only a comment with a line break in it may be written otherwise"
            theirs = set(ref.split("\n"))
            for line in ours.split("\n"):  # what differs is a comment: a line of its own, or a line's end
                assert line in theirs or line.lstrip().startswith("#") or \
                    any(t.startswith(line.split("  # ")[0] + "  # ") for t in theirs), line
            with tempfile.TemporaryDirectory() as folder:
                path = Path(folder) / "plan.yaml"
                path.write_bytes(ours.encode("utf-8", "surrogatepass"))  # a lone surrogate: import refuses it
                loaded = load_file(path)
            # nothing reported but a character the texts hold that YAML refuses, as in ruamel's text (no
            # «после ключа ожидалось двоеточие» of a comment's piece written without its «#»)
            assert all("двоеточие" not in d.message for d in loaded.report.items)


def _has_line_break(value: object) -> bool:
    """Whether any text of the reading holds a character YAML or ``str.splitlines`` (which ruamel's comments
    went through) ends a line at."""
    if isinstance(value, str):
        return any(ch in value for ch in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
    if isinstance(value, dict):
        return any(_has_line_break(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(_has_line_break(v) for v in value)
    slots = [n for klass in type(value).__mro__ for n in getattr(klass, "__slots__", ())]
    return any(_has_line_break(getattr(value, n, None)) for n in slots)


@pytest.mark.parametrize("fixture", sorted(p.stem for p in (ROOT / "tests" / "fixtures" / "import").glob("*.docx")
                                           if p.stem != "no-plan-table"))
def test_fixture_plans_are_written_as_before(fixture: str, empty_workspace: Path) -> None:
    result = import_docx(ROOT / "tests" / "fixtures" / "import" / f"{fixture}.docx", Path("plans/x.yaml"))
    assert result.plan.read_text(encoding="utf-8") == reference.plan_yaml(
        result.imported, "kaliningrad-committee", "x.directory.yaml", f"{fixture}.docx")
    _same(result.imported)


@pytest.mark.parametrize("make_case", CASES, ids=[c.__name__ for c in CASES])
def test_corpus_plans_are_written_as_before(make_case: object, empty_workspace: Path) -> None:
    (empty_workspace / "docs").mkdir()
    docx, _ = make(make_case, empty_workspace / "docs")
    result = import_docx(docx, Path("plans/x.yaml"), style=None)
    style = result.style_folder.name if result.style_folder is not None else "kaliningrad-committee"
    assert result.plan.read_text(encoding="utf-8") == reference.plan_yaml(
        result.imported, style, "x.directory.yaml", docx.name)
    _same(result.imported)


# -- generated readings

_PIECES = st.sampled_from(list("аяЁё АБ«»#:-–,.;'\"[]{}|>!&*%@`?\\/") + ["\n", "\r", "\t", "\x0b", "\x0c", "\x1c",
                                                                        "\x85", "\u2028", "\u2029", "\u00a0",
                                                                        "\u200b", " #", ": ", "\n\n"])
_WORDS = st.sampled_from(["yes", "No", "null", "on", "~", "2026", "1.1.", "- пункт", "TODO", "#", "",
                          "Управление образования", "Срок: март", "Раздел {1}", "ЦОРП", "а" * 95,
                          ("слово " * 30).strip(), " ведущий пробел", "хвост ", "'кавычки'"])
_ANY = st.text(st.characters(blacklist_characters="\x00"), max_size=12)  # never \0: reading cleans it away
_TEXT = st.one_of(_WORDS, st.lists(_PIECES, max_size=30).map("".join), _ANY,
                  st.lists(_WORDS, min_size=2, max_size=4).map(" ".join))
_NONEMPTY = _TEXT.filter(bool)
_LINES = st.lists(_TEXT, max_size=3)
_NUMBER = st.none() | st.builds(Number, st.lists(st.integers(0, 12), min_size=1, max_size=3).map(tuple),
                                st.booleans(), _TEXT)


def _activity() -> st.SearchStrategy[ActivityOut]:
    return st.builds(ActivityOut, number=_NUMBER, label=_TEXT, text=_LINES, deadline=_TEXT,
                     responsible=st.lists(_TEXT, max_size=3), result=_LINES, note=_TEXT,
                     remarks=st.lists(_TEXT, max_size=2))


def _section(subs: bool) -> st.SearchStrategy[SectionOut]:
    return st.builds(SectionOut, title=_TEXT, numbered=st.booleans(),
                     number=st.none() | st.lists(st.integers(0, 9), max_size=3).map(tuple), label=_TEXT,
                     activities=st.lists(_activity(), max_size=3),
                     sections=st.lists(_section(False), max_size=2) if subs else st.just([]), todo=_TEXT)


_ORDER_KEYS = ["issuer", "points", "date", "number", "title", "signatory", "issuer_genitive", "place", "preamble",
               "operative", "control", "kind"]
_ORDER = st.builds(
    OrderOut, kind=st.sampled_from(["приказ", "распоряжение"]), issuer=_LINES, issuer_genitive=_TEXT,
    date=st.none() | st.dates(date(2000, 1, 1), date(2040, 1, 1)), number=_TEXT, place=_TEXT, title=_LINES,
    preamble=_LINES, operative=_TEXT,
    points=st.lists(st.builds(PointOut, text=_LINES, items=st.lists(_LINES, max_size=3),
                              kinds=st.lists(st.sampled_from(["numbered", "dash"]), max_size=3)), max_size=3),
    control=_TEXT, signatory=_TEXT,
    todo=st.dictionaries(st.sampled_from(_ORDER_KEYS), _NONEMPTY, max_size=5))
_APPROVAL = st.builds(ApprovalOut, kind=st.sampled_from(["приказ", "распоряжение"]), issuer_genitive=_TEXT,
                      date=st.none() | st.dates(date(2000, 1, 1), date(2040, 1, 1)), number=_TEXT)


@st.composite
def _imported(draw: st.DrawFn) -> Imported:
    imported = Imported("x.docx", draw(st.none() | _ORDER), draw(st.lists(_TEXT, min_size=1, max_size=3)),
                        draw(_TEXT), draw(st.lists(st.tuples(_TEXT, st.lists(_TEXT, max_size=3)), max_size=2)),
                        draw(st.lists(_activity(), max_size=3)), draw(st.lists(_section(True), max_size=3)),
                        {}, {}, Report())
    imported.approval = draw(st.none() | _APPROVAL)
    imported.title_todo = draw(_TEXT)
    imported.heading_comments = draw(st.lists(_TEXT, max_size=2))
    imported.activities_title = draw(_TEXT)
    return imported


@settings(max_examples=400, deadline=None)
@given(_imported())
def test_generated_plans_are_written_as_before(imported: Imported) -> None:
    _same(imported)


# -- the directory: a new one written without ruamel is ruamel's text


def _directory_cases(imported: Imported) -> None:
    """The direct writer's text (when it takes the entries) is the round trip's, byte for byte."""
    from orderforge.importer import directory

    made = directory._new_directory(imported, "a #b: c.docx")
    if made is not None:
        assert made == directory.round_trip_directory(None, imported, "a #b: c.docx")[0]
        assert directory.directory_yaml(None, imported, "a #b: c.docx") == \
            directory.round_trip_directory(None, imported, "a #b: c.docx")


#: Mostly what documents hold (names, codes, positions: plain text of any length), some of it hostile.
_PLAIN = st.from_regex(r"[А-ЯA-Z«][а-яёa-z0-9«»]{0,10}(?: [а-яёa-zА-Я0-9«».,()№-]{1,14}){0,9}", fullmatch=True)
_VALUE = st.one_of(_PLAIN, _PLAIN, _PLAIN, _WORDS, _TEXT)
_CODE = st.one_of(_WORDS, st.from_regex(r"[A-Za-zА-Яа-яЁё][A-Za-zА-Яа-яЁё0-9-]{0,12}", fullmatch=True), _TEXT)
_PARTY = st.builds(PartyOut, code=st.one_of(_CODE, _PLAIN), name=st.one_of(_VALUE, st.just("Управление " * 9)),
                   invented=st.booleans(), name_known=st.booleans())
_PERSON = st.builds(PersonOut, id=_CODE, surname=_VALUE, initials=st.one_of(st.just(""), st.just("И.И."), _VALUE),
                    name=st.one_of(st.just(""), _VALUE), patronymic=st.one_of(st.just(""), _VALUE), position=_VALUE,
                    signature_position=st.one_of(st.just([]), st.lists(_VALUE, max_size=2)))


_ID = st.from_regex(r"[A-Za-zА-Яа-яЁё][A-Za-zА-Яа-яЁё0-9-]{0,12}", fullmatch=True)
_PLAIN_PARTY = st.builds(PartyOut, code=_ID, name=_PLAIN, invented=st.booleans(), name_known=st.booleans())
_PLAIN_PERSON = st.builds(PersonOut, id=_ID, surname=_PLAIN, initials=st.sampled_from(["", "И.И.", "А. Б."]),
                          name=st.one_of(st.just(""), _PLAIN), patronymic=st.one_of(st.just(""), _PLAIN),
                          position=_PLAIN, signature_position=st.just([]))


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.lists(_PARTY, max_size=4), st.lists(_PLAIN_PARTY, max_size=6)),
       st.one_of(st.lists(_PERSON, max_size=3), st.lists(_PLAIN_PERSON, max_size=4)))
def test_new_directories_are_written_as_ruamel_writes_them(parties: list[PartyOut], people: list[PersonOut]) -> None:
    imported = Imported("x.docx", None, ["План"], "", [], [], [], {p.code: p for p in parties},
                        {p.id: p for p in people}, Report())
    _directory_cases(imported)


def test_the_direct_directory_writer_takes_plain_entries() -> None:
    """Not a test that cannot fail: ordinary entries are written directly (and equal ruamel's text)."""
    from orderforge.importer import directory

    imported = Imported("x.docx", None, ["План"], "", [], [], [],
                        {"КлО": PartyOut("КлО", "Комитет образования"), "uo": PartyOut("uo", "Управление")},
                        {"ivanova": PersonOut("ivanova", "Иванова", "И.И.", position="директор")}, Report())
    made = directory._new_directory(imported, "План.docx")
    assert made is not None and "# идентификатор для плана" in made
    assert made == directory.round_trip_directory(None, imported, "План.docx")[0]


@pytest.mark.parametrize("make_case", CASES, ids=[c.__name__ for c in CASES])
def test_corpus_directories_are_written_without_ruamel(make_case: object, empty_workspace: Path) -> None:
    """The corpus documents' directories: the direct writer takes most of them, and writes ruamel's text."""
    (empty_workspace / "docs").mkdir()
    docx, _ = make(make_case, empty_workspace / "docs")
    result = import_docx(docx, Path("plans/x.yaml"), style=None)
    _directory_cases(result.imported)
    from orderforge.importer import directory

    assert directory.round_trip_directory(None, result.imported, docx.name)[0] == \
        (empty_workspace / "plans" / "x.directory.yaml").read_text(encoding="utf-8")
