"""``orderforge init``: a clerk's workspace, ready to build on the first try.

The starter plan and directory are shipped inside the package (starter/), so
`init` works after a plain ``pip install``; the placeholders are replaced by
plain string substitution (our own text, never a clerk's).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path

from . import dates
from .diagnostics import UserError
from .style import StyleNotFound, find_style, list_styles
from .write import write_atomic

#: How many years the starter plan's period spans (YEAR1-YEAR2, YEAR2 = YEAR1 + 2).
STARTER_SPAN = 3
#: The first years ``init --year`` accepts: derived from the one bound, :data:`orderforge.dates.YEARS`, so that
#: the starter plan's whole period is made of plan years and the new workspace validates.
YEARS = range(dates.YEARS.start, dates.YEARS.stop - STARTER_SPAN + 1)
GITIGNORE = "# собранные документы не хранятся в git: их всегда можно собрать заново\noutput/\n"


@dataclass
class InitResult:
    folder: Path
    created: list[Path]


def starter_text(name: str) -> str:
    return resources.files("orderforge").joinpath("starter").joinpath(name).read_text(encoding="utf-8")


def starter_plan(style: str, year: int) -> str:
    """The commented starter plan for a style and a first plan year."""
    return (starter_text("plan.yaml").replace("STYLE_NAME", style)
            .replace("YEAR1", str(year)).replace("YEAR2", str(year + STARTER_SPAN - 1)))


def init_workspace(folder: Path, style: str, year: int | None = None, copy_style: bool = False) -> InitResult:
    """Create plans/, directory.yaml, .gitignore and README.md; never overwrite anything."""
    try:
        style_folder = find_style(style, folder)
    except StyleNotFound as exc:
        raise UserError.simple("OF111", style, str(exc), exc.hint) from None
    year = date.today().year if year is None else year
    if year not in YEARS:  # the CLI refuses it first; a library caller gets the same Russian usage error
        raise UserError.simple("OF112", str(year), f"«{year}» — не год плана",
                               f"укажите год от {YEARS.start} до {YEARS.stop - 1}, например {date.today().year}")
    files = {
        folder / "plans" / f"plan-{year}.yaml": starter_plan(style, year),
        folder / "directory.yaml": starter_text("directory.yaml"),
        folder / ".gitignore": GITIGNORE,
        folder / "README.md": starter_text("README.md"),
    }
    existing = [p for p in files if p.exists()]
    if existing:
        raise UserError.simple("OF022", str(existing[0]), "файл уже существует — init ничего не перезаписывает",
                               "выберите пустую папку или удалите файл")
    created = []
    for path, text in files.items():
        write_atomic(path, text.encode("utf-8"))
        created.append(path)
    if copy_style:
        target = folder / "templates" / style
        if not target.exists():
            shutil.copytree(style_folder, target)
            created.append(target)
    return InitResult(folder, created)


def known_styles(folder: Path) -> list[str]:
    return sorted(list_styles(folder))
