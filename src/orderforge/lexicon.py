"""«Does the dictionary know this word?» without building pymorphy3's analyser.

validate warns when a declined position or body name holds a word the dictionary does not know.
Answering that needs only the dictionary's word list (``words.dawg``, read in about 15 ms through
DAWG2-Python, pymorphy3's own DAWG reader), not the whole analyser — paradigms, tag objects and
predictors, about 0.1 s more and the largest part of validate's start-up. The answer is the
analyser's own: the same file, the same lower-casing and the same «е» → «ё» substitution as
``MorphAnalyzer.word_is_known`` (tests/test_lexicon.py compares them word by word).
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs validate's start-up (issue 12)
    from typing import Any

#: pymorphy3's substitutions for Russian (pymorphy3.lang.ru.CHAR_SUBSTITUTES): «е» in a text may be «ё».
CHAR_SUBSTITUTES = {"е": "ё"}


@lru_cache(maxsize=1)
def _words() -> tuple[Any, Any] | None:
    """The word list and its compiled substitutions; None when the dictionary cannot be read this way
    (a dictionary chosen through PYMORPHY3_DICT_PATH, a missing package) — then the analyser answers."""
    if os.environ.get("PYMORPHY3_DICT_PATH"):
        return None
    try:
        import dawg_python
        import pymorphy3_dicts_ru
    except ImportError:
        return None
    path = Path(pymorphy3_dicts_ru.get_path()) / "words.dawg"
    if not path.is_file():
        return None
    words = dawg_python.RecordDAWG(">HH").load(str(path))
    return words, words.compile_replaces(CHAR_SUBSTITUTES)


def word_is_known(word: str) -> bool:
    """``MorphAnalyzer().word_is_known(word)``: from the shipped table of usual words (declension/wordtable.py),
    else from the word list alone when it can be read."""
    from .declension.wordtable import known

    answer = known(word)
    if answer is not None:
        return answer
    loaded = _words()
    if loaded is None:
        from .declension.morphology import analyser

        return bool(analyser().word_is_known(word))
    words, substitutes = loaded
    return bool(words.similar_keys(word.lower(), substitutes))
