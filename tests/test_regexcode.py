"""The regex programs shipped for this CPython (lazyre.precompiled, regexcode/) are ``re.compile``'s own.

The table is made again by tools/make_regexes.py and compared whole; each of its patterns, handed to
``re``'s engine from the table, matches exactly what ``re.compile`` matches on random text; every pattern
orderforge makes at import is found in it whatever the hash seed (a pattern built from a set must be
the same text in every process); and with no table, or one from another engine, ``re`` compiles.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orderforge import lazyre

from .conftest import ROOT

TABLE = Path(lazyre.table_path())
ENGINE_MATCHES = TABLE.is_file() and TABLE.read_text(encoding="utf-8").startswith(
    f'{{"engine": {__import__("json").dumps(lazyre.table_header())}')
needs_table = pytest.mark.skipif(not ENGINE_MATCHES, reason="no table for this CPython's re engine: "
                                 "python tools/make_regexes.py makes one")


def _entries() -> list[tuple[str, int]]:
    table = lazyre._shipped()
    return [(key.partition(":")[2], int(key.partition(":")[0])) for key in sorted(table)]


@needs_table
def test_the_shipped_table_is_what_the_tool_makes() -> None:
    """Fails after a pattern is added or changed until ``python tools/make_regexes.py`` is run. Made in a
    process of its own: this one has seen the patterns other tests made."""
    code = "import sys\nsys.path.insert(0, 'tools')\nimport make_regexes\nsys.stdout.write(make_regexes.made())"
    made = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONHASHSEED": "random"}).stdout
    shipped = TABLE.read_text(encoding="utf-8").splitlines()[1:]
    assert shipped == made.splitlines()[1:], "a pattern was added or changed: run python tools/make_regexes.py"


@needs_table
def test_every_shipped_program_is_res_own() -> None:
    for pattern, flags in _entries():
        ours, theirs = lazyre.precompiled(pattern, flags), re.compile(pattern, flags)
        assert (ours.pattern, ours.flags, ours.groups, ours.groupindex) == \
               (theirs.pattern, theirs.flags, theirs.groups, theirs.groupindex), pattern


def _alphabet() -> list[str]:
    """Characters the patterns care about: their own literals, Cyrillic, digits, spaces, markup."""
    chars = {c for pattern, _ in _entries() for c in pattern if c.isprintable() and not "\ud800" <= c <= "\udfff"}
    return sorted(chars | set("абвгдежзийклмнопрстуфхцчшщъыьэюяё АЯЁ0123456789.,;:-–—«»\"'<>/\n\t\x07"))


@needs_table
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_shipped_programs_match_what_re_matches(data: st.DataObject) -> None:
    entries = _entries()
    pattern, flags = entries[data.draw(st.integers(0, len(entries) - 1))]
    pieces = [w for w in re.findall(r"[а-яё]{3,}|\d+", pattern, re.I)][:30]  # the words it looks for
    text = data.draw(st.lists(st.one_of(st.sampled_from(_alphabet()), st.sampled_from(pieces or ["май"])),
                              max_size=40).map("".join))
    ours, theirs = lazyre.precompiled(pattern, flags), re.compile(pattern, flags)
    for method in ("search", "match", "fullmatch"):
        found, expected = getattr(ours, method)(text), getattr(theirs, method)(text)
        assert (found and (found.span(), found.groups())) == (expected and (expected.span(), expected.groups()))
    assert ours.findall(text) == theirs.findall(text)


@needs_table
@pytest.mark.parametrize("seed", ["0", "7", "4242"])
def test_every_pattern_made_at_import_is_shipped_whatever_the_hash_seed(seed: str) -> None:
    code = ("import sys\nsys.path.insert(0, 'tools')\nimport gc, importlib, pkgutil, orderforge\n"
            "from orderforge import lazyre\n"
            "for m in pkgutil.walk_packages(orderforge.__path__, 'orderforge.'):\n"
            "    if not m.name.endswith('__main__'): importlib.import_module(m.name)\n"
            "made = {(p.pattern, p.flags) for p in gc.get_objects() if isinstance(p, lazyre.LazyPattern)}\n"
            "made |= set(lazyre.REQUESTED)\n"
            "table = lazyre._shipped()\n"
            "print(sorted(p[:60] for p, f in made if f'{int(f)}:{p}' not in table))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONHASHSEED": seed})
    assert done.stdout.strip() == "[]"


def test_without_a_table_re_compiles(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for text in (None, '{"engine": {"magic": 1}}\n"0:a"\t[0, 1, {}, [null], "eJw="]\n', "not json\n"):
        path = tmp_path / "3.x.txt"
        if text is not None:
            path.write_text(text, encoding="utf-8")
        monkeypatch.setattr(lazyre, "table_path", lambda path=path: str(path))
        monkeypatch.setattr(lazyre, "_TABLE", None)
        assert lazyre._shipped() == {}
        compiled = lazyre.precompiled(r"(?P<d>\d{1,2})\.(\d{4})")
        assert compiled.fullmatch("5.2026") and compiled.groupindex == {"d": 1}


def test_a_pattern_made_at_run_time_is_made_once() -> None:
    assert lazyre.pattern_for(r"[0-9]+-x") is lazyre.pattern_for(r"[0-9]+-x")
    assert lazyre.pattern_for(r"[0-9]+-x", re.I) is not lazyre.pattern_for(r"[0-9]+-x")
