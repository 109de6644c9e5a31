"""What the import reports: the result (:class:`ImportResult`), its summary and its JSON.

The summary lines a clerk reads after ``orderforge import``, the counts, and
the ``--json`` document (the diagnostics IMxxx and the re-validation of the
written plan); a refusal (UserError) as JSON too.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..diagnostics import Diagnostic, UserError
from ..lazyre import LazyPattern
from ..slotted import Slotted
from .imported import Imported

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs import's start-up (issue 11)
    from typing import Any



class ImportResult(Slotted):
    """What one import did (a Slotted class, not a dataclass: built at every import's start-up)."""

    __slots__ = ("source", "plan", "directory", "directory_existed", "imported", "added_parties", "added_people",
                 "validation", "written", "style_folder")
    source: str
    plan: Path
    directory: Path
    directory_existed: bool
    imported: Imported
    added_parties: list[str]
    added_people: list[str]
    validation: list[Diagnostic]
    written: bool
    style_folder: Path | None  # the style made from the document (import without --style)

    def __init__(self, source: str, plan: Path, directory: Path, directory_existed: bool, imported: Imported,
                 added_parties: list[str], added_people: list[str], validation: list[Diagnostic],
                 written: bool = True, style_folder: Path | None = None) -> None:
        self.source, self.plan, self.directory, self.directory_existed = source, plan, directory, directory_existed
        self.imported, self.added_parties, self.added_people = imported, added_parties, added_people
        self.validation, self.written, self.style_folder = validation, written, style_folder

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.imported.report if d.severity == "warning"]

    @property
    def errors(self) -> list[Diagnostic]:
        """Errors of the written plan (TODO left where the document said nothing): it needs the clerk."""
        return [d for d in self.validation if d.severity == "error"]

    @property
    def needs_fixing(self) -> bool:
        """The plan is written but does not validate yet: the command must not look like a success."""
        return bool(self.errors)

    def counts(self) -> dict[str, int]:
        sections = self.imported.sections
        return {
            "sections": len(sections),
            "subsections": sum(len(s.sections) for s in sections),
            "activities": len(self.imported.all_activities()),
            "top_level_activities": len(self.imported.activities),
            "parties_added": len(self.added_parties),
            "people_added": len(self.added_people),
            "warnings": len(self.warnings),
        }

    def summary(self) -> list[str]:
        c = self.counts()
        parts = [f"разделов {c['sections']}"]
        if c["subsections"]:
            parts.append(f"подразделов {c['subsections']}")
        parts += [f"мероприятий {c['activities']}", f"предупреждений {c['warnings']}"]
        lines = [f"импортировано: {', '.join(parts)} → {_display(self.plan)}"]
        if self.style_folder is not None:
            lines.append(f"стиль оформления «{self.style_folder.name}» сделан из документа: "
                         f"{_display(self.style_folder)}/ (поля, шрифты, бланк, колонки — как в документе)")
        action = "дополнен" if self.directory_existed else "создан"
        lines.append(f"справочник {_display(self.directory)} {action}: организаций +{c['parties_added']}, "
                     f"людей +{c['people_added']}")
        errors = self.errors
        if errors:
            lines.append(f"план записан, но требует правки: ошибок {len(errors)} (места с TODO) — пока они не "
                         f"исправлены, план не соберётся; проверьте: orderforge validate {_display(self.plan)}")
            lines.extend(d.format() for d in errors[:10])
            if len(errors) > 10:
                lines.append(f"… и ещё ошибок: {len(errors) - 10}")
        return lines

    def to_json(self) -> dict[str, Any]:
        order = self.imported.order
        return {
            "ok": not self.needs_fixing,
            "written": self.written,
            "needs_fixing": self.needs_fixing,
            "source": self.source,
            "plan": _display(self.plan),
            "directory": _display(self.directory),
            "directory_existed": self.directory_existed,
            "style_made": _display(self.style_folder) if self.style_folder is not None else None,
            "counts": self.counts(),
            "order": None if order is None else {
                "kind": order.kind, "date": order.date.isoformat() if order.date else None,
                "number": order.number or None, "title": " ".join(order.title) or None, "points": len(order.points),
                "signatory": order.signatory or None, "todo": sorted(order.todo),
            },
            "period": self.imported.period or None,
            "approval": None if self.imported.approval is None else {
                "kind": self.imported.approval.kind, "issuer_genitive": self.imported.approval.issuer_genitive,
                "date": self.imported.approval.date.isoformat() if self.imported.approval.date else None,
                "number": self.imported.approval.number,
            },
            "activity_numbering": self.imported.numbering_scheme or None,
            "added": {"parties": self.added_parties, "people": self.added_people},
            "diagnostics": self._located(),
            "validation": [d.to_json() for d in self.validation],
            "info": self.imported.info,
        }


    def _located(self) -> list[dict[str, Any]]:
        """Import diagnostics as JSON, each with where it points: the table row of the document it
        came from and the line of the written plan that holds what was read there."""
        plan_lines = _plan_lines(self.plan)
        out = []
        for diagnostic in self.imported.report:
            data = diagnostic.to_json()
            data["location"] = _location(diagnostic, self.imported.row_places, plan_lines, _display(self.plan))
            out.append(data)
        return out


_ROW_LABEL = LazyPattern(r"^(таблица \d+, строка \d+|строка \d+|между частями таблицы)(?=:)")
_ORDER_KEY = LazyPattern(r"order: (\w+):")


def _plan_lines(plan: Path) -> list[str]:
    try:
        return plan.read_text(encoding="utf-8").splitlines()
    except OSError:
        return []


def _location(diagnostic: Diagnostic, row_places: dict[str, tuple[int, int]], plan_lines: list[str],
              plan: str) -> dict[str, Any] | None:
    """{"table", "row", "plan", "plan_line"} of a diagnostic about a table row or an order part; None
    for a diagnostic about the whole document. Rows are found by the label every row message starts
    with; their plan line by the «# 1.2. (строка 7)» comment import writes over each item."""
    m = _ROW_LABEL.match(diagnostic.message)
    if m:
        table, row = row_places.get(m.group(1), (None, None))
        line = next((n + 2 for n, text in enumerate(plan_lines)
                     if text.lstrip().startswith("#") and (f"({m.group(1)})" in text or f"({m.group(1)};" in text)),
                    None)
        return {"table": table, "row": row, "plan": plan, "plan_line": line}
    key = _ORDER_KEY.search(diagnostic.hint)
    if key:
        line = next((n + 1 for n, text in enumerate(plan_lines) if text.startswith(f"  {key.group(1)}:")), None)
        return {"table": None, "row": None, "plan": plan, "plan_line": line}
    return None


def _display(path: Path) -> str:
    from ..paths import display_path

    return display_path(path)


def failure_json(exc: UserError) -> str:
    return json.dumps({"ok": False, "diagnostics": [d.to_json() for d in exc.diagnostics]}, ensure_ascii=False,
                      indent=2)


def result_json(result: ImportResult) -> str:
    return json.dumps(result.to_json(), ensure_ascii=False, indent=2)
