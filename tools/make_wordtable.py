"""Make src/orderforge/declension/wordtable.json: pymorphy3's answers for the usual words of orders.

Why: a first build or validate would otherwise load pymorphy3 (≈0.13 s) for a handful of words of the
directory (issue 12). The words are those of the bundled plans and directories, of the test positions of
education bodies (tests/data/positions.tsv) and :data:`FREQUENT`, the frequent words of education bodies'
names and positions. For each, the table keeps what the declension code asks pymorphy3 (wordtable.py): whether
the word is known, its readings and, for a nominative noun, adjective or participle, its inflected forms.
A word whose capitalised spelling pymorphy3 reads differently («И», an initial) is answered in lower case only.

Run ``python tools/make_wordtable.py`` after upgrading pymorphy3 or its dictionary, or after adding words;
tests/test_wordtable.py fails when the shipped table is not what this script makes.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from orderforge.declension import wordtable  # noqa: E402
from orderforge.declension.morphology import analyser  # noqa: E402

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")

#: Frequent words of the names of education bodies and of positions in them (staff lists, orders).
FREQUENT = """
администрация администрации глава главы заместитель начальник начальника директор директора заведующий
заведующая руководитель руководителя председатель председателя секретарь специалист эксперт ведущий главный
старший младший методист методиста педагог педагог-психолог учитель учитель-логопед учитель-дефектолог
логопед дефектолог психолог социальный воспитатель старший инспектор консультант советник референт помощник
бухгалтер главный экономист юрисконсульт делопроизводитель документовед программист инженер лаборант тьютор
наставник вожатый библиотекарь педагог-библиотекарь преподаватель-организатор преподаватель концертмейстер
тренер-преподаватель инструктор организатор мастер производственного обучения советник директора по
воспитанию взаимодействию с детскими общественными объединениями ответственный координатор куратор
комитет комитета управление управления отдел отдела отделение отделения сектор сектора служба службы центр
центра департамент департамента министерство министерства образования образование науки молодёжной
молодежной политики культуры спорта общего дошкольного дополнительного профессионального среднего высшего
школьного муниципальное муниципального учреждение учреждения бюджетное бюджетного автономное автономного
казённое казенное казенного казённого общеобразовательное общеобразовательного образовательное
образовательного организация организации школа школы гимназия гимназии лицей лицея детский сад сада
дом детского творчества станция юных техников натуралистов туристов методический методического кабинет
кабинета информационно-методический информационно-методического ресурсный ресурсного оценки качества
мониторинга развития городского округа город города района районный районного муниципального
муниципальный областной областного региональный регионального государственный государственного
учебно-воспитательной воспитательной учебной работе работы работе методической научно-методической
вопросам по делам кадров кадровой финансово-экономического экономики финансов правового обеспечения
хозяйственной административно-хозяйственной безопасности информатизации комиссия комиссии совет совета
группа группы рабочая рабочей объединение объединения методическое методического школьное предметная
предметной кафедра кафедры временно исполняющий исполняющая обязанности член члены секретарь
уполномоченный представитель инспектор-контролёр контролёр аналитик аналитика статистик системный
администратор главного специалиста ведущего отдел-сектор ШМО РМО ГМО МКУ МАОУ МБОУ МАДОУ МБДОУ ОУ ДОУ
""".split()

#: The files whose words the table holds (directories and plans: the positions, body names, list items and
#: titles the bundled examples decline).
SOURCES = sorted((ROOT / "plans").glob("*.yaml")) + [ROOT / "tests" / "data" / "positions.tsv"]


def vocabulary() -> list[str]:
    """The lower-cased words the table answers for: every part of a hyphenated word too."""
    words = {w.lower() for w in FREQUENT}
    for path in SOURCES:
        words.update(w.lower() for w in _WORD.findall(path.read_text(encoding="utf-8")))
    for word in list(words):
        words.update(part for part in word.split("-") if part)
    return sorted(words)


def _packed(word: str, forms: list[str | None], patterns: dict[str, int]) -> list[object]:
    """The forms as their distinct words and a pattern shared by many words (wordtable.Reading.inflect)."""
    distinct = list(dict.fromkeys(f for f in forms if f is not None))
    pattern = "".join("-" if f is None else wordtable.DIGITS[distinct.index(f)] for f in forms)
    if pattern not in patterns:
        patterns[pattern] = len(patterns)
    return [patterns[pattern], "|".join(shortened(word, f) for f in distinct)]


def shortened(word: str, form: str) -> str:
    """``form`` as the number of letters cut off the end of ``word`` (one character) and the ending added."""
    same = 0
    while same < min(len(word), len(form)) and word[same] == form[same]:
        same += 1
    return wordtable.DIGITS[len(word) - same] + form[same:]


def _facts(parses: list[Any]) -> list[tuple[object, ...]]:
    """Everything the declension code may read of the readings: word, tag, normal form, score, forms."""
    return [(p.word, str(p.tag), p.normal_form, p.score,
             [(f.word if (f := p.inflect(set(r))) else None)
              for r in wordtable.requests_for(p.tag.POS, p.tag.grammemes)])
            for p in parses]


def _answers(word: str, tags: dict[str, int], patterns: dict[str, int]) -> tuple[list[object], bool] | None:
    """What the declension code asks of ``word``, and whether its capitalised spelling reads alike; None when
    pymorphy3 reads the word as another («ё»)."""
    morph = analyser()
    facts = _facts(morph.parse(word))
    if any(fact[0] != word for fact in facts):
        return None
    readings: list[object] = []
    for _, tag, normal_form, score, forms in facts:
        assert isinstance(tag, str) and isinstance(normal_form, str) and isinstance(forms, list)
        if tag not in tags:
            tags[tag] = len(tags)
        packed = _packed(word, forms, patterns) if forms else []
        readings.append([tags[tag], shortened(word, normal_form), score, *packed])
    capital = word.capitalize()
    alike = _facts(morph.parse(capital)) == facts and morph.word_is_known(capital) == morph.word_is_known(word)
    return [int(morph.word_is_known(word)), readings], alike


def make_table(words: list[str]) -> dict[str, object]:
    """The table of ``words``, with the pymorphy3 and dictionary versions that made it."""
    found = wordtable.versions()
    assert found is not None, "pymorphy3 and pymorphy3-dicts-ru must be installed (and PYMORPHY3_DICT_PATH unset)"
    tags: dict[str, int] = {}
    patterns: dict[str, int] = {}
    entries = {}
    lower_only = []
    for word in words:
        answer = _answers(word, tags, patterns)
        if answer is not None:
            entries[word] = answer[0]
            if not answer[1]:
                lower_only.append(word)
    tag_class = analyser().TagClass
    classes = {"POS": tag_class.PARTS_OF_SPEECH, "animacy": tag_class.ANIMACY, "case": tag_class.CASES,
               "gender": tag_class.GENDERS, "number": tag_class.NUMBERS}
    return {"pymorphy3": found[0], "dictionary": found[1], "classes": {k: sorted(v) for k, v in classes.items()},
            "tags": list(tags), "patterns": list(patterns), "lower_only": lower_only, "words": entries}


def dumps(table: dict[str, object]) -> str:
    """A JSON header, then a line per word: the word, a tab, its entry in JSON (wordtable._table)."""
    words = table.pop("words")
    assert isinstance(words, dict)
    lines = [json.dumps(table, ensure_ascii=False, separators=(",", ":"))]
    compact = {"ensure_ascii": False, "separators": (",", ":")}
    lines += [f"{word}\t{json.dumps(entry, **compact)}" for word, entry in words.items()]  # type: ignore[arg-type]
    return "\n".join(lines) + "\n"


def main() -> None:
    text = dumps(make_table(vocabulary()))
    wordtable.TABLE.write_text(text, encoding="utf-8")
    print(f"{wordtable.TABLE.relative_to(ROOT)}: {len(text.encode()):,} bytes")


if __name__ == "__main__":
    main()
