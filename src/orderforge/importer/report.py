"""What the import reports: the result (:class:`ImportResult`), its summary and its JSON.

The summary lines a clerk reads after ``orderforge import``, the counts, and
the ``--json`` document (the diagnostics IMxxx and the re-validation of the
written plan); a refusal (UserError) as JSON too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic, UserError
from .model import Imported


@dataclass
class ImportResult:
    source: str
    plan: Path
    directory: Path
    directory_existed: bool
    imported: Imported
    added_parties: list[str]
    added_people: list[str]
    validation: list[Diagnostic]
    written: bool = True

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.imported.report if d.severity == "warning"]

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
        action = "дополнен" if self.directory_existed else "создан"
        lines.append(f"справочник {_display(self.directory)} {action}: организаций +{c['parties_added']}, "
                     f"людей +{c['people_added']}")
        errors = [d for d in self.validation if d.severity == "error"]
        if errors:
            lines.append(f"план требует правки: ошибок {len(errors)} (места с TODO); "
                         f"проверьте: orderforge validate {_display(self.plan)}")
        return lines

    def to_json(self) -> dict[str, Any]:
        order = self.imported.order
        return {
            "ok": True,
            "source": self.source,
            "plan": _display(self.plan),
            "directory": _display(self.directory),
            "directory_existed": self.directory_existed,
            "counts": self.counts(),
            "order": None if order is None else {
                "kind": order.kind, "date": order.date.isoformat() if order.date else None,
                "number": order.number or None, "title": " ".join(order.title) or None, "points": len(order.points),
                "signatory": order.signatory or None, "todo": sorted(order.todo),
            },
            "period": self.imported.period or None,
            "added": {"parties": self.added_parties, "people": self.added_people},
            "diagnostics": [d.to_json() for d in self.imported.report],
            "validation": [d.to_json() for d in self.validation],
            "info": self.imported.info,
        }


def _display(path: Path) -> str:
    from ..validate import display_path

    return display_path(path)


def failure_json(exc: UserError) -> str:
    return json.dumps({"ok": False, "diagnostics": [d.to_json() for d in exc.diagnostics]}, ensure_ascii=False,
                      indent=2)


def result_json(result: ImportResult) -> str:
    return json.dumps(result.to_json(), ensure_ascii=False, indent=2)
