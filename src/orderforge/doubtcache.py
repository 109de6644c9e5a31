"""The analyser's answers, remembered between runs: validate's doubts and build's declined phrases.

Whether the dictionaries may decline «директор МАОУ гимназии № 1» wrongly
(:func:`orderforge.declension.phrase_doubts`) needs pymorphy3's analyser:
importing and building it is about 0.13 s, more than the rest of ``validate``
of the example plan, and a clerk validates the same names again and again.
The answers are kept in a small JSON file in the user's cache folder, keyed
by the phrase; the file is stamped with the code and dictionary that gave
them, so a new orderforge, pymorphy3 or dictionary starts afresh. The messages
are the analyser's own, word for word (tests/test_doubtcache.py); a cache that
cannot be read or written is ignored, it never fails a command. The usual words of orders are answered
without the analyser anyway, from the table shipped with orderforge (declension/wordtable.py); this cache
spares it for the rest.

A build asks the analyser for the positions and body names of the order in a
case («Отделу школьного образования …»): :func:`remembered_form` keeps those
answers the same way, in a file of their own, so that building the same plan
again does not import pymorphy3 at all (about 60–90 ms of a build; tests/test_formcache.py).

The folder is ``$ORDERFORGE_CACHE_DIR``, else ``$XDG_CACHE_HOME/orderforge``,
else ``~/.cache/orderforge`` (``%LOCALAPPDATA%\\orderforge`` on Windows).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from functools import lru_cache
from importlib.util import find_spec

from .paths import cache_dir, files_stamp, python_sources

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs validate's start-up (issue 12)
    from typing import Any

#: The file in the cache folder; its "stamp" says which code and dictionary wrote it.
FILE_NAME = "declension-doubts.json"
#: The declined phrases' file, stamped alike.
FORMS_FILE = "declension-forms.json"
#: Phrases remembered at most; the oldest are forgotten first (a committee has a few dozen).
MAX_PHRASES = 5000


@lru_cache(maxsize=1)
def _stamp() -> str:
    """The files whose change may change an answer: orderforge's code (any module: the rules may move) and its
    table of pymorphy3's answers, pymorphy3 and its dictionary. Sizes and modification times: a stamp costs a
    hundred stat calls, no reading; taken once per process (a first build read and wrote it six times)."""
    here = os.path.dirname(os.path.abspath(__file__))
    files = sorted(python_sources(here)) + [os.path.join(here, "declension", "wordtable.json")]
    for package, name in (("pymorphy3", "analyzer.py"), ("pymorphy3_dicts_ru", "data/meta.json")):
        spec = find_spec(package)
        if spec is not None and spec.origin:
            files.append(os.path.join(os.path.dirname(spec.origin), name))
    parts = [os.environ.get("PYMORPHY3_DICT_PATH", ""), *files_stamp(files)]
    return "\n".join(parts)  # kept whole: hashlib alone would cost more to import than the check saves



def _read(file_name: str, field: str) -> dict[str, object]:
    """The ``field`` of a remembered file of this code and dictionary (empty when there is none, the file is
    unreadable or another orderforge, pymorphy3 or dictionary wrote it)."""
    try:
        data = json.loads((cache_dir() / file_name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("stamp") != _stamp() or not isinstance(data.get(field), dict):
        return {}
    return dict(data[field])


@lru_cache(maxsize=1)
def _answers() -> dict[str, list[str]]:
    """The remembered doubts of this code and dictionary."""
    return {k: v for k, v in _read(FILE_NAME, "doubts").items()
            if isinstance(v, list) and all(isinstance(s, str) for s in v)}


@lru_cache(maxsize=1)
def _forms() -> dict[str, str]:
    """The remembered declined phrases of this code and dictionary."""
    return {k: v for k, v in _read(FORMS_FILE, "forms").items() if isinstance(v, str)}


def form_key(text: str, case: str, plural: bool) -> str:
    """«dat 0 Отдел …»: the case and the number first, so no text can make two questions one."""
    return f"{case} {int(plural)} {text}"


def remembered_form(text: str, case: str, plural: bool, decline: Callable[[str, str, bool], str]) -> str:
    """``decline(text, case, plural)``, asked of the analyser only the first time this code and dictionary see it."""
    forms = _forms()
    key = form_key(text, case, plural)
    if key not in forms:
        forms[key] = decline(text, case, plural)
        _forget_oldest(forms)
        _save(FORMS_FILE, "forms", forms)
    return forms[key]


def _forget_oldest(answers: dict[str, Any]) -> None:
    while len(answers) > MAX_PHRASES:
        del answers[next(iter(answers))]


def phrase_doubts(phrase: str) -> list[str]:
    """:func:`orderforge.declension.phrase_doubts`, asked of the analyser only the first time."""
    answers = _answers()
    if phrase not in answers:
        from .declension import phrase_doubts as ask

        answers[phrase] = ask(phrase)
        _forget_oldest(answers)
        _save(FILE_NAME, "doubts", answers)
    return list(answers[phrase])


def _save(file_name: str, field: str, answers: dict[str, Any]) -> None:
    """Write the answers whole (atomically; write_atomic makes the cache folder when there is none yet);
    another process's answers may be lost, never half-written."""
    from .write import write_if_possible

    data = json.dumps({"stamp": _stamp(), field: answers}, ensure_ascii=False, indent=0)
    write_if_possible(cache_dir() / file_name, data.encode("utf-8"))  # else asked again next time
