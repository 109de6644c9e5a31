"""Helpers shared by the rollover, fmt, diff and amend tests.

* :func:`facts` — a plan model as plain data without positions, to compare two
  loads «field by field»;
* :func:`plan_yaml` — a Hypothesis strategy of small random plans as YAML text;
* :class:`GitRepo` — a real throw-away git repository under tmp_path;
* :func:`four_edits` — the scenario of the version tests: a changed deadline,
  an inserted activity that renumbers the ones after it, a deleted activity and
  an activity moved to another section;
* :func:`four_edits_repo` — the diff and amend tests' repository: plans/ and
  templates/ committed, then the four edits made (not committed);
* :func:`run` — ``orderforge ARGS`` through click's CliRunner.
"""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import strategies as st

from orderforge.cli import main
from orderforge.diagnostics import Pos
from orderforge.planfile import load_plan
from orderforge.slotted import Slotted, field_names

from .conftest import PLANS, TEMPLATES

# --------------------------------------------------------------------------- models


def facts(value: Any) -> Any:
    """Model objects (Slotted classes, dataclasses) → dicts, positions and file names dropped (they differ
    between two files)."""
    if isinstance(value, Pos):
        return None
    if isinstance(value, Slotted) or dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = field_names(value) if isinstance(value, Slotted) else [f.name for f in dataclasses.fields(value)]
        return {name: facts(getattr(value, name)) for name in names
                if name not in ("pos", "field_pos", "source", "key_pos")}
    if isinstance(value, dict):
        return {k: facts(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [facts(v) for v in value]
    return value


def plan_facts(path: Path) -> Any:
    plan, _ = load_plan(path)
    assert plan is not None, path
    return facts(plan)


# --------------------------------------------------------------------------- generated plans

_WORDS = ["анализ", "мониторинг", "результатов", "оценочных", "процедур", "учителей", "ОУ", "качества",
          "образования", "семинар", "отчет", "2026", "«Дорожная карта»", "(ВПР)", "–", "планов", "школ"]
_DEADLINES = ["Февраль 2026 г.", "апрель – май 2026 г.", "ежегодно", "по мере необходимости", "до 31.05.2026",
              "1 полугодие 2027 года", "2026–2027 гг.", "ежегодно, в июне и декабре", "к началу года", "постоянно"]
_CODES = ["ЦОРП", "ОУ", "КлО"]


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@st.composite
def sentences(draw: Any, min_words: int = 2, max_words: int = 20) -> str:
    words = draw(st.lists(st.sampled_from(_WORDS), min_size=min_words, max_size=max_words))
    return " ".join(words).capitalize()


def _scalar(key: str, text: str, style: str, indent: str) -> list[str]:
    """``key: text`` written plain, quoted, folded over two lines or as a literal block."""
    words = text.split(" ")
    if style == "plain":
        return [f"{indent}{key}: {text}"]
    if style == "folded" and len(words) > 1:
        cut = len(words) // 2
        return [f"{indent}{key}: >-", f"{indent}  {' '.join(words[:cut])}", f"{indent}  {' '.join(words[cut:])}"]
    if style == "literal":
        return [f"{indent}{key}: |", f"{indent}  {text}", f"{indent}  - {words[-1]}"]
    return [f"{indent}{key}: {_quoted(text)}"]


@st.composite
def plan_yaml(draw: Any) -> str:
    """YAML text of a small random plan: sections, activities, deadlines, some ids, some comments."""
    styles = st.sampled_from(["plain", "quoted", "folded", "literal"])
    lines = ["# сгенерированный план", "style: kaliningrad-committee", "directory:", "  parties:"]
    lines += [f"    {code}: Организация {code}" for code in _CODES]
    lines += ["plan:", "  title: |", "    План мероприятий", "    на 2026-2028 годы", "  period: 2026-2028",
              "  sections:"]
    for s in range(draw(st.integers(1, 3))):
        lines.append(f"    - title: {_quoted(draw(sentences(1, 5)))}")
        activities = draw(st.integers(0, 4))
        if activities:
            lines.append("      activities:")
        elif draw(st.booleans()):
            lines.append("      activities: []")
        for a in range(activities):
            groups: list[list[str]] = []  # one group of lines per key, so that keys can be shuffled
            ident = draw(st.sampled_from(["", "", f"a{s}-{a}", "dup"]))
            if ident:
                groups.append([f"          id: {ident}"])
            groups.append(_scalar("text", draw(sentences()), draw(styles), "          "))
            if draw(st.booleans()):
                groups.append([f"          deadline: {_quoted(draw(st.sampled_from(_DEADLINES)))}"])
            if draw(st.booleans()):
                codes = draw(st.lists(st.sampled_from(_CODES), min_size=1, max_size=3, unique=True))
                groups.append([f"          responsible: [{', '.join(codes)}]"])
            if draw(st.booleans()):
                groups.append(["          # комментарий к результату"]
                              + _scalar("result", draw(sentences(3, 30)), draw(styles), "          "))
            if draw(st.booleans()):
                groups.append([f"          note: {_quoted(draw(sentences(1, 3)))}"])
            if draw(st.booleans()):
                groups = draw(st.permutations(groups))
            entry = [line for group in groups for line in group]
            entry[0] = "        - " + entry[0][10:]
            lines += entry
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- git


class GitRepo:
    """A real git repository in a temporary folder; commits with a throw-away identity."""

    IDENTITY = ["-c", "user.name=Секретарь Тестов", "-c", "user.email=clerk@example.invalid",
                "-c", "commit.gpgsign=false"]

    def __init__(self, root: Path) -> None:
        import shutil

        import pytest

        if shutil.which("git") is None:
            pytest.skip("git не установлен")
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q")

    def git(self, *args: str) -> str:
        done = subprocess.run(["git", *self.IDENTITY, *args], cwd=self.root, capture_output=True, text=True, check=True)
        return done.stdout

    def commit(self, message: str) -> None:
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message)


# --------------------------------------------------------------------------- the four edits

NEW_ACTIVITY = """        - id: parent-survey
          text: Анкетирование родителей обучающихся об объективности оценивания
          deadline: Октябрь 2026 г.
          responsible: [ОУ]
          result: Аналитическая справка по итогам анкетирования
"""


def four_edits(text: str) -> str:
    """On the Kaliningrad plan: 1.2 deadline «Февраль» → «Март»; a new 2.3 (old 2.3 becomes 2.4);
    3.5 deleted (3.6 becomes 3.5); 2.4 moved to the end of section 3 (becomes 3.6)."""
    old = "          text: Разработка и утверждение Дорожной карты\n          deadline: Февраль 2026 г."
    assert text.count(old) == 1
    text = text.replace(old, old.replace("Февраль 2026", "Март 2026"))
    anchor = "        - id: teacher-competence-diagnostics"
    assert text.count(anchor) == 1
    text = text.replace(anchor, NEW_ACTIVITY + anchor)
    start, end = text.index("        - id: network-cooperation"), text.index("        - id: best-practices")
    text = text[:start] + text[end:]
    start, end = text.index("        - id: personal-control"), text.index("        - id: internal-monitoring-review")
    block = text[start:end]
    text = text[:start] + text[end:]
    return text.rstrip("\n") + "\n" + block


def four_edits_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plan: str, message: str,
                    tag: str = "") -> GitRepo:
    """A git repository with plans/ and templates/ committed as ``message`` (and tagged ``tag`` when given),
    then ``plan`` edited four ways (:func:`four_edits`, not committed); the current folder is its root."""
    repo = GitRepo(tmp_path / "repo")
    shutil.copytree(PLANS, repo.root / "plans")
    shutil.copytree(TEMPLATES, repo.root / "templates")
    repo.commit(message)
    if tag:
        repo.git("tag", tag)
    monkeypatch.chdir(repo.root)
    path = repo.root / plan
    path.write_text(four_edits(path.read_text(encoding="utf-8")), encoding="utf-8")
    return repo


def add_year(day: date, years: int = 1) -> date:
    import calendar

    year = day.year + years
    return day.replace(year=year, day=min(day.day, calendar.monthrange(year, day.month)[1]))


# --------------------------------------------------------------------------- the command line


def run(*args: str) -> Result:
    """``orderforge ARGS`` in-process; exceptions are not caught, so a crash fails the test with its traceback."""
    return CliRunner().invoke(main, list(args), catch_exceptions=False, prog_name="orderforge")


def swap_sections(text: str) -> str:
    """On the Kaliningrad plan: sections 2 and 3 change places (nothing else changes)."""
    lines = text.splitlines(keepends=True)
    second = next(i for i, line in enumerate(lines) if line.startswith("    - title: Мониторинг"))
    third = next(i for i, line in enumerate(lines) if line.startswith("    - title: Методические"))
    return "".join(lines[:second] + lines[third:] + lines[second:third])


def kaliningrad_pair(folder: Path, edit: Any) -> tuple[Path, Path]:
    """The Kaliningrad plan and its directory copied into ``folder`` as old.yaml, and ``edit(text)`` as new.yaml."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(PLANS / "kaliningrad-committee.directory.yaml", folder)
    text = (PLANS / "kaliningrad-committee-2026.yaml").read_text(encoding="utf-8")
    old, new = folder / "old.yaml", folder / "new.yaml"
    old.write_text(text, encoding="utf-8")
    new.write_text(edit(text), encoding="utf-8")
    return old, new


# --------------------------------------------------------------------------- a plan approved by распоряжение

APPROVAL_BLOCK = """approval:
  kind: распоряжение
  issuer_genitive: Управления образования Зырянского района
  date: 2025-09-01
  number: 7-р
"""


def approved_plan(folder: Path, name: str = "plan.yaml", edit: Any = None) -> Path:
    """The Zyryansky plan (no order) approved by распоряжение through ``approval:``, with its directory,
    written into ``folder`` as ``name``; ``edit(text)`` changes the text first."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(PLANS / "zyryansky.directory.yaml", folder)
    text = (PLANS / "zyryansky-2025.yaml").read_text(encoding="utf-8")
    anchor = "directory: zyryansky.directory.yaml\n"
    assert text.count(anchor) == 1
    text = text.replace(anchor, anchor + APPROVAL_BLOCK)
    path = folder / name
    path.write_text(edit(text) if edit else text, encoding="utf-8")
    return path
