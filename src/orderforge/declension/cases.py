"""The six cases and the three name forms an order asks for, and the directory's explicit forms.

Shared by the declension of phrases and of people: a case code is checked once
here, and an override the clerk wrote in the directory (``forms``) is found by
its English or Russian key.
"""

from __future__ import annotations

from collections.abc import Mapping

CASES = ("nom", "gen", "dat", "acc", "ins", "loc")
CASE_RU = {"им": "nom", "род": "gen", "дат": "dat", "вин": "acc", "тв": "ins", "пр": "loc"}
FORMS = ("short", "signature", "full")

GRAMMEME = {"nom": "nomn", "gen": "gent", "dat": "datv", "acc": "accs", "ins": "ablt", "loc": "loct"}
_RU_OF_CASE = {code: ru for ru, code in CASE_RU.items()}


def check_case(case: str) -> None:
    if case not in CASES:
        raise ValueError(f"неизвестный падеж «{case}»: допустимы {', '.join(CASES)}")


def override(overrides: Mapping[str, str] | None, case: str, plural: bool = False) -> str | None:
    """An explicit form from the directory: key «dat»/«dat_plural», or the Russian «дат»/«дат_мн»."""
    if not overrides:
        return None
    keys = (f"{case}_plural", f"{_RU_OF_CASE[case]}_мн") if plural else (case, _RU_OF_CASE[case])
    for key in keys:
        if key in overrides:
            return overrides[key]
    return None
