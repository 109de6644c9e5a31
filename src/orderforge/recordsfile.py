"""Writing the records file: collected records merged into the clerk's file, comments and order kept.

ruamel's round trip loads the file with its comments; a record found again
(same activity, same occurrence) is replaced in place, a new one appended; a
file that does not exist yet gets a header naming the plan and its approval.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedSeq

from .diagnostics import Report
from .planmodel import plain
from .records import Execution, Record
from .schedule import occurrence_named


def records_yaml(
    existing: bytes | None, execution: Execution, collected: dict[tuple[str, str], Record], records_file: Path,
    plan_path: Path, today: date,
) -> bytes:
    """The records file with the collected records merged in; the clerk's comments and other records kept."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    yaml = _yaml()
    data = yaml.load(existing) if existing else None
    if not isinstance(data, CommentedMap):
        data = _new_header(execution, records_file, plan_path)
    data["updated"] = today
    items = data.get("records")
    if not isinstance(items, CommentedSeq):
        items = data["records"] = CommentedSeq()
    index = {_item_key(item, execution): n for n, item in enumerate(items) if isinstance(item, dict)}
    for key, record in collected.items():
        mapping = _record_map(record)
        if key in index:
            items[index[key]] = mapping
        else:
            items.append(mapping)
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue().encode("utf-8")


def _item_key(item: Any, execution: Execution) -> tuple[str, str]:
    from .planrows import find_row

    row = find_row(execution.rows, str(item.get("activity", "")))
    text = str(item.get("occurrence") or "")
    if row is None:
        return (str(item.get("activity")), text)
    due = execution.due[row.key]
    found = occurrence_named(text, due) if text else (due[0] if len(due) == 1 else None)
    return (row.key, found.key if found else text)


def _new_header(execution: Execution, records_file: Path, plan_path: Path) -> Any:
    import os

    from ruamel.yaml.comments import CommentedMap

    data = CommentedMap()
    data["format"] = 1
    base = records_file.resolve().parent.parent
    data["plan"] = Path(os.path.relpath(plan_path.resolve(), base)).as_posix()
    approved = execution.plan.order or execution.plan.approval
    if approved is not None and approved.number and approved.date:
        data["order"] = CommentedMap([("number", approved.number), ("date", approved.date)])
    return data


def _record_map(record: Record) -> Any:
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.scalarstring import LiteralScalarString

    item = CommentedMap([("activity", record.activity)])
    if record.occurrence:
        item["occurrence"] = record.occurrence
    item["status"] = record.status
    if record.done:
        item["done"] = record.done
    if record.text:
        text = plain(record.text)
        item["text"] = LiteralScalarString(text + "\n") if "\n" in text else text
    if record.evidence:
        evidence = CommentedMap([("name", record.evidence.name)])
        if record.evidence.number:
            evidence["number"] = record.evidence.number
        if record.evidence.date:
            evidence["date"] = record.evidence.date
        item["evidence"] = evidence
    return item


def _yaml() -> Any:
    from .yamlrt import round_trip_yaml

    return round_trip_yaml(width=120)


def roundtrip_problem(record: Record) -> str | None:
    """Why the record would not come back from the records file as it is (a character the loader refuses,
    such as an invisible U+FEFF pasted into a cell), or None. Dumped and read back one record at a time,
    so one bad cell keeps its own row out, not the whole spreadsheet."""
    from .load import load_text
    from .records import RECORD
    from .schema import ConvertContext

    out = io.StringIO()
    _yaml().dump(CommentedSeq([_record_map(record)]), out)
    report = Report()
    node = load_text(out.getvalue(), "запись", report)
    if node is None or report.has_errors:
        return report.errors[0].message if report.errors else "запись не читается"
    back = RECORD.convert(node.items[0], ConvertContext(report)) if hasattr(node, "items") else None
    if report.has_errors or not isinstance(back, Record):
        return report.errors[0].message if report.errors else "запись не читается"
    if _fields(back) != _fields(record):
        return "текст изменился бы при сохранении"
    return None


def _fields(record: Record) -> tuple[Any, ...]:
    return (record.status, record.occurrence, record.done, record.plain_text, str(record.evidence or ""))
