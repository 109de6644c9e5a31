"""Generated valid plans of any size, with varied realistic Russian text, for the benchmark and the perf tests.

Why generated: speed must be measured on plans as large as a region's, and one repeated sentence
would flatter every cache and every diff. The order, style and directory are the Kaliningrad
example's; the activities are drawn from a seeded random generator, so the same call gives the
same plan.
"""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "plans" / "kaliningrad-committee-2026.yaml"
DIRECTORY = ROOT / "plans" / "kaliningrad-committee.directory.yaml"

_VERBS = ["Анализ", "Мониторинг", "Проведение", "Организация", "Разработка", "Корректировка", "Обеспечение",
          "Подготовка", "Актуализация", "Сопровождение", "Участие в", "Обобщение", "Диагностика", "Экспертиза"]
_OBJECTS = ["результатов оценочных процедур", "кадрового обеспечения образовательного процесса",
            "методических рекомендаций для учителей", "индивидуальных образовательных маршрутов обучающихся",
            "работы школьных методических объединений", "деятельности рабочей группы",
            "итогов всероссийских проверочных работ (ВПР)", "внутренней системы оценки качества образования",
            "планов мероприятий общеобразовательных учреждений", "семинаров-практикумов для педагогов",
            "муниципальной системы управления качеством", "открытых уроков и мастер-классов",
            "программ повышения квалификации", "объективности текущего и итогового оценивания"]
_TAILS = ["в общеобразовательных учреждениях городского округа", "с участием руководителей ОУ",
          "по итогам 2025/2026 учебного года", "в соответствии с письмом № 13827",
          "на основе данных региональных мониторингов", "с привлечением тьюторов и наставников",
          "для школ с низкими образовательными результатами", "в рамках «Дорожной карты»",
          "с публикацией на официальном сайте комитета", "по предметам естественно-научного цикла"]
_RESULTS = ["Аналитическая справка", "Протокол заседания рабочей группы", "Приказ комитета",
            "Методические рекомендации", "Отчёт о выполнении мероприятий", "План-график",
            "Повышение объективности оценивания", "Информационное письмо в ОУ", "Сводная таблица результатов",
            "Программа семинара и список участников"]
#: Sixteen deadline forms the parser knows.
DEADLINES = ["Февраль 2026 г.", "апрель – май 2026 г.", "ежегодно", "по мере необходимости", "до 31.05.2026",
             "1 полугодие 2027 года", "2026–2027 гг.", "ежегодно, в июне и декабре", "постоянно", "Март 2026 г.",
             "сентябрь 2026 г.", "до 01.09.2027", "в течение 2026 года", "октябрь – ноябрь 2027 г.",
             "II квартал 2026 г.", "ежеквартально"]
_CODES = ["КлО", "ЦОРП", "ОУ"]


def sentence(rng: random.Random) -> str:
    """About 150 characters of roadmap prose, never the same twice in a large plan."""
    parts = [rng.choice(_VERBS), rng.choice(_OBJECTS), rng.choice(_TAILS)]
    if rng.random() < 0.6:
        parts += ["и", rng.choice(_OBJECTS).split(" ", 1)[-1], rng.choice(_TAILS)]
    return " ".join(parts) + f" (этап {rng.randint(1, 9)}.{rng.randint(1, 99)})"


def plan_text(activities: int, seed: int = 1, ids: bool = True, sections: int = 10) -> str:
    """The Kaliningrad plan's order and head with ``activities`` generated activities in ``sections`` sections."""
    rng = random.Random(seed)
    head = BASE.read_text(encoding="utf-8").partition("  sections:\n")[0]
    lines = ["  sections:"]
    per = [activities // sections + (1 if s < activities % sections else 0) for s in range(sections)]
    number = 0
    for s, count in enumerate(per):
        lines += [f"    - title: Раздел {s + 1}. {rng.choice(_OBJECTS).capitalize()}", "      activities:"]
        for _ in range(count):
            number += 1
            lines.append(f"        - id: a{number}" if ids else "        -")
            text = sentence(rng)
            if rng.random() < 0.5:
                words = text.split(" ")
                cut = len(words) // 2
                text_lines = ["          text: >-", "            " + " ".join(words[:cut]),
                              "            " + " ".join(words[cut:])]
            else:
                text_lines = [f"          text: {text}"]
            if not ids:
                text_lines[0] = "          " + text_lines[0].strip()
            lines += text_lines
            lines.append(f"          deadline: {rng.choice(DEADLINES)}")
            codes = rng.sample(_CODES, rng.randint(1, 2))
            lines.append(f"          responsible: [{', '.join(codes)}]")
            lines.append(f"          result: {rng.choice(_RESULTS)}")
    body = "\n".join(lines) + "\n"
    if not ids:
        body = re.sub(r"        -\n          ", "        - ", body)
    return head + body


def write_plan(folder: Path, activities: int, name: str = "big", seed: int = 1, ids: bool = True) -> Path:
    """A plan file with its directory beside it (the style is found in the repository's templates/)."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(DIRECTORY, folder / DIRECTORY.name)
    path = folder / f"{name}.yaml"
    path.write_text(plan_text(activities, seed, ids), encoding="utf-8")
    return path


def workspace(folder: Path, plans: int, activities: int) -> Path:
    """A clerk's workspace: plans/ with ``plans`` generated plans and templates/ copied from the repository."""
    for n in range(plans):
        write_plan(folder / "plans", activities, name=f"plan-{n:02}", seed=n)
    shutil.copytree(ROOT / "src" / "orderforge" / "templates", folder / "templates", dirs_exist_ok=True)
    return folder
