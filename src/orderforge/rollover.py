"""``orderforge new NEW.yaml --from OLD.yaml``: next year's plan from last year's.

The old plan is edited, not rebuilt: ruamel.yaml's round-trip mode keeps every
comment, the key order, the quoting and the clerk's line breaks, so the new
file differs from the old one only where the year moved. All scalars are read
as strings (as orderforge's own loader reads them), so nothing like ``2026`` or
``2026-02-11`` is retyped on the way. The round trip is slow (pure Python), so a
plan in the usual layout takes a fast path that writes the same bytes by
splicing only the changes into the text (:mod:`orderforge.rolloversplice`, which
says what it leaves to the round trip).

What changes, by ``shift`` years (``--year`` is the new first year of the period):

* every deadline that names a year («Февраль 2026 г.» → «Февраль 2027 г.»,
  «1 полугодие 2026 года» → «1 полугодие 2027 года», a structured
  ``{kind: until, date: 2026-05-31}`` likewise). The clerk's wording is kept:
  the years are replaced in the text as written and the result is checked
  against :func:`orderforge.deadline.shift_deadline`; when they disagree (29
  February, a year inside a note) the deadline module's rendering is used, which
  keeps the clerk's capitalisation and year suffix;
* the plan period («2026-2028» → «2027-2029») and the period where it is part
  of a title or text («на 2026-2028 годы»): the order's title, points and
  control clause, the plan title and activities_title, the passport, section titles, activity texts
  and results. The preamble is left alone: it cites other documents;
* the order's ``number`` and ``date`` (and those of an ``approval:`` stamp) are
  emptied, with the comment ``# заполните перед сборкой`` — ``validate``
  reports them until they are filled;
* per-activity ``note`` (last year's remarks) is dropped; ids stay.

What cannot be moved safely is listed as warnings: free-text deadlines that
mention a year (OF601), years in the order's texts (OF602), in activities'
texts and results (OF603) and, other than the period, in the plan's headings
and passport (OF604).
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from pathlib import Path

from .diagnostics import Diagnostic, Pos, Report, UserError
from .planmodel import Period, parse_period
from .slotted import Slotted, replace
from .yearshift import compute_shift, essence, shift_deadline_text, shift_period_mentions, shift_years

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs new --from's start-up (issue 12)
    from typing import Any

    from .planmodel import Plan
    from .rolloversplice import Edits

FILL_COMMENT = "заполните перед сборкой"


class RolloverResult(Slotted):
    """What ``new --from`` did: written where, from what, by how many years, and what the clerk must check.

    A :class:`~orderforge.slotted.Slotted` class, not a dataclass: importing :mod:`dataclasses` (inspect,
    ast, dis, tokenize) was a tenth of ``new --from``, measured against ``validate`` (issue 12)."""

    __slots__ = ("path", "source", "shift", "old_period", "new_period", "moved", "kept", "notes", "cleared",
                 "warnings", "cleared_what")
    path: Path
    source: Path
    shift: int
    old_period: str | None
    new_period: str | None
    moved: int  # deadlines moved to the new year(s)
    kept: int  # deadlines without a year (ежегодно, постоянно …): unchanged
    notes: int  # notes dropped
    cleared: bool  # the order's number and date were emptied for the clerk to fill
    warnings: list[Diagnostic]
    cleared_what: str  # whose number and date: «приказа», «распоряжения об утверждении»

    def __init__(self, path: Path, source: Path, shift: int, old_period: str | None, new_period: str | None,
                 moved: int = 0, kept: int = 0, notes: int = 0, cleared: bool = False,
                 warnings: list[Diagnostic] | None = None, cleared_what: str = "") -> None:
        self.path, self.source, self.shift = path, source, shift
        self.old_period, self.new_period = old_period, new_period
        self.moved, self.kept, self.notes, self.cleared = moved, kept, notes, cleared
        self.warnings = [] if warnings is None else warnings
        self.cleared_what = cleared_what

    def next_step(self) -> str:
        """What the clerk does next, naming the document whose number and date were emptied."""
        if not self.cleared:
            return f"Проверьте план: orderforge validate {self.path}"
        return (f"Заполните номер и дату {self.cleared_what} (отмечены «# {FILL_COMMENT}»), затем: "
                f"orderforge validate {self.path}")


# --------------------------------------------------------------------------- ruamel helpers


def _with_text(old: Any, text: str) -> Any:
    """A new scalar in the old one's style (quotes, «>-» with its fold points, «|»)."""
    if type(old) is str or not isinstance(old, str):
        return text
    new: Any = type(old)(text)
    fold = getattr(old, "fold_pos", None)
    if fold is not None:
        new.fold_pos = [p for p in fold if 0 < p < len(text) and text[p] == " " and text[p - 1] != " "]
    comment = getattr(old, "comment", None)
    if comment is not None:
        new.comment = comment
    return new


def _edit(container: Any, key: Any, change: Callable[[str], str]) -> bool:
    """Apply ``change`` to a string scalar in a map or list; True when it changed."""
    try:
        old = container[key]
    except (KeyError, IndexError, TypeError):
        return False
    if not isinstance(old, str):
        return False
    text = change(str(old))
    if text == str(old):
        return False
    container[key] = _with_text(old, text)
    return True


def _blank_for_clerk(order: Any, key: str) -> None:
    """``number: ПД-113`` → ``number:  # заполните перед сборкой`` (comment lines below are kept)."""
    if key not in order:
        return
    splice = getattr(order, "splice_blank", None)  # the fast path's tree (rolloversplice) edits the text itself
    if splice is not None:
        splice(key, FILL_COMMENT)
        return
    from ruamel.yaml.scalarstring import PlainScalarString

    order[key] = PlainScalarString("")  # a plain str would take the old value's quotes
    entry = order.ca.items.get(key)
    token = entry[2] if entry and len(entry) > 2 else None
    if token is None:
        order.yaml_add_eol_comment(f"# {FILL_COMMENT}", key)
    elif token.value.startswith("#"):  # the old value's own remark goes with it
        rest = token.value.split("\n", 1)[1] if "\n" in token.value else ""
        token.value = f"# {FILL_COMMENT}\n{rest}"
    else:
        token.value = f"# {FILL_COMMENT}{token.value}"


def _genitive(block: Any) -> str:
    """«приказа» or «распоряжения»: the document kind of an ``order:`` or ``approval:`` block, genitive."""
    from .spec import KIND_GENITIVE  # not resolve's import: that module brings the whole renderer's context

    kind = str(block.get("kind") or "приказ").strip()
    return KIND_GENITIVE.get(kind, KIND_GENITIVE["приказ"])


def _shift_structured(mapping: Any, shift: int) -> str:
    """A structured deadline (a mapping) moved in place; returns the status as above."""
    from .deadline import deadline_from_data, shift_deadline

    def data_of(source: Any) -> dict[str, Any]:
        return {str(k): [str(x) for x in v] if isinstance(v, list) else str(v) for k, v in source.items()}

    try:
        deadline = deadline_from_data(data_of(mapping))
    except ValueError:
        return "free"
    if deadline.span() is None:
        return "kept" if deadline.known else "free"
    moved = shift_deadline(deadline, shift)
    candidate = {k: [shift_years(x, shift) for x in v] if isinstance(v, list) else shift_years(v, shift)
                 for k, v in data_of(mapping).items()}
    try:
        ok = essence(deadline_from_data(candidate)) == essence(moved)
    except ValueError:
        ok = False
    if ok:
        for key, value in list(mapping.items()):
            if isinstance(value, list):
                for i in range(len(value)):
                    _edit(value, i, lambda t: shift_years(t, shift))
            else:
                _edit(mapping, key, lambda t: shift_years(t, shift))
        return "moved"
    had_text = "text" in mapping
    for key in list(mapping):
        del mapping[key]
    for key, value in moved.to_data().items():
        if key != "text" or had_text:
            mapping[key] = value
    return "moved"


# --------------------------------------------------------------------------- the walk


def _activities(node: Any) -> list[Any]:
    """Every activity mapping of the plan body, in document order.

    A loop, not a recursive inner function, whose closure cycle kept the whole recording tree for the
    cycle collector (:func:`_roll_file`)."""
    found: list[Any] = []
    pending = [node]
    while pending:
        owner = pending.pop()
        if not hasattr(owner, "get"):
            continue
        found.extend(a for a in owner.get("activities") or [] if hasattr(a, "get"))
        pending.extend(reversed(owner.get("sections") or []))
    return found


def _sections(node: Any) -> list[Any]:
    found: list[Any] = []
    for section in (node.get("sections") or []) if hasattr(node, "get") else []:
        if hasattr(section, "get"):
            found.append(section)
            found.extend(_sections(section))
    return found


def _drop_keeping_comments(mapping: Any, key: str) -> None:
    """``del mapping[key]``, but the comment lines that follow its line stay (ruamel keeps them on the key).

    Only the end-of-line remark on the dropped line goes with it; comments below
    it belong to what follows (the next key, activity or section).
    """
    splice = getattr(mapping, "splice_drop", None)  # the fast path's tree (rolloversplice) edits the text itself
    if splice is not None:
        splice(key)
        return
    entry = mapping.ca.items.pop(key, None) or []
    before = "".join(" " * t.column + t.value for t in (entry[1] if len(entry) > 1 and entry[1] else []))
    token = entry[2] if len(entry) > 2 else None
    keys = list(mapping)
    index = keys.index(key)
    del mapping[key]
    rest = before + (token.value.split("\n", 1)[1] if token is not None and "\n" in token.value else "")
    if not rest.strip() or len(keys) < 2:
        return
    owner, slot = _last_slot(mapping, keys[index - 1] if index else keys[index + 1])
    from ruamel.yaml.comments import CommentedSeq
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    where = 0 if isinstance(owner, CommentedSeq) else 2
    slots = owner.ca.items.setdefault(slot, [None, None] if where == 0 else [None, None, None, None])
    if slots[where] is None:
        slots[where] = CommentToken("\n" + rest, CommentMark(0), None)
    else:
        slots[where].value = slots[where].value.rstrip("\n") + "\n" + rest


def _last_slot(container: Any, key: Any) -> tuple[Any, Any]:
    """The (container, key) whose line is the last one printed for ``container[key]`` (nested blocks)."""
    value = container[key]
    if hasattr(value, "fa") and len(value) and not value.fa.flow_style():
        last = list(value)[-1] if hasattr(value, "keys") else len(value) - 1
        return _last_slot(value, last)
    return container, key


def _texts(container: Any, key: Any) -> list[tuple[Any, Any]]:
    """(container, key) of every string under ``container[key]`` (a string or a list of strings)."""
    try:
        value = container[key]
    except (KeyError, IndexError, TypeError):
        return []
    if isinstance(value, str):
        return [(container, key)]
    if isinstance(value, list):
        return [(value, i) for i, v in enumerate(value) if isinstance(v, str)]
    return []


def rollover_tree(data: Any, period: Period | None, shift: int, result: RolloverResult) -> None:
    """Edit the round-trip tree of a plan in place (see the module doc)."""
    body: Any = data.get("plan") if hasattr(data, "get") else None
    order: Any = data.get("order") if hasattr(data, "get") else None

    def mentions(text: str) -> str:
        return shift_period_mentions(text, period, shift) if period else text

    if period is not None and body is not None:
        _edit(body, "period", lambda t: shift_years(t, shift))
    approval = data.get("approval") if hasattr(data, "get") else None
    if hasattr(approval, "get"):  # last year's stamp «УТВЕРЖДЕН … от … №»: this year's is not issued yet
        _blank_for_clerk(approval, "number")
        _blank_for_clerk(approval, "date")
        result.cleared, result.cleared_what = True, _genitive(approval) + " об утверждении"
    if hasattr(order, "get"):
        _roll_order(order, mentions, result)
    if not hasattr(body, "get"):
        return
    for container, key in _body_places(body):
        _edit(container, key, mentions)
    for activity in _activities(body):
        _roll_activity(activity, shift, result)


def _roll_order(order: Any, mentions: Callable[[str], str], result: RolloverResult) -> None:
    """Blank last year's order number and date and move period mentions in its texts.

    Kept apart from the plan body because the order is optional and has its own shape.
    """
    _blank_for_clerk(order, "number")
    _blank_for_clerk(order, "date")
    result.cleared, result.cleared_what = True, _genitive(order)
    places = _texts(order, "title") + _texts(order, "control")
    for point in order.get("points") or []:
        places += [(point, "text")] + _texts(point, "items") if hasattr(point, "get") else []
    places += _texts(order, "points")
    for container, key in places:
        _edit(container, key, mentions)


def _body_places(body: Any) -> list[tuple[Any, Any]]:
    """Every free text of the plan body where the period may be mentioned (collected before any edit)."""
    places = _texts(body, "title") + _texts(body, "activities_title")
    for row in body.get("passport") or []:
        if hasattr(row, "get"):
            places += _texts(row, "items")
    places += [(s, "title") for s in _sections(body)]
    for activity in _activities(body):
        places += [(activity, "text"), (activity, "result")]
    return places


def _roll_activity(activity: Any, shift: int, result: RolloverResult) -> None:
    """Drop last year's note and move the deadline, counting what moved and what the clerk must check."""
    if "note" in activity:
        _drop_keeping_comments(activity, "note")
        result.notes += 1
    if "deadline" not in activity:
        return
    value = activity["deadline"]
    if isinstance(value, str):
        text, status = shift_deadline_text(str(value), shift)
        if status == "moved":
            activity["deadline"] = _with_text(value, text)
    elif hasattr(value, "items"):
        status = _shift_structured(value, shift)
    else:
        return
    if status == "moved":
        result.moved += 1
    else:
        result.kept += 1


# --------------------------------------------------------------------------- the command


def new_from(old_path: Path, new_path: Path, year: int | None = None, shift: int | None = None,
             force: bool = False) -> RolloverResult:
    """Write ``new_path``: the plan of ``old_path`` moved forward (see the module doc)."""
    from .load import paused_gc
    from .paths import display_path

    old_name, new_name = display_path(old_path), display_path(new_path)
    if old_path.exists() and not old_path.is_file():  # a device or a pipe: say what it is, never read it
        from .safeio import check_regular_file

        check_regular_file(old_path, old_name)
    if not old_path.is_file():
        raise UserError.simple("OF001", old_name, "файл не найден", "проверьте путь после --from")
    if new_path.exists() and not force:
        raise UserError.simple("OF610", new_name, "файл уже существует",
                               "выберите другое имя или добавьте --force, чтобы перезаписать его")
    if new_path.resolve() == old_path.resolve():
        raise UserError.simple("OF610", new_name, "новый план нельзя записать поверх старого",
                               "укажите другое имя файла")
    with paused_gc():  # the old plan and the recording tree: tens of thousands of acyclic objects
        return _roll_file(old_path, new_path, year, shift)


def _roll_file(old_path: Path, new_path: Path, year: int | None, shift: int | None) -> RolloverResult:
    """:func:`new_from` past its checks of the paths.

    Called with the cycle collector paused (:func:`orderforge.load.paused_gc`; load_plan's own pause
    nests in it): every object of the old plan, its recording tree and the warnings' look-ups is freed
    by reference counting when this returns, so collection resumes with nothing to walk — once
    resumed after load_plan and again after the rollover, it walked them all twice, a tenth of
    ``new --from``.
    """
    from .load import decode
    from .paths import display_path
    from .planfile import load_plan
    from .write import write_atomic
    from .yamltap import ParseTap

    old_name = display_path(old_path)
    text = decode(old_path.read_bytes(), old_name, Report())
    with ParseTap(text or "") as tap:  # the load's parse of the text, for the splice (not a second parse)
        plan, report = load_plan(old_path, text_warnings=False)  # only its errors stop the rollover
    if plan is None or report.has_errors:
        errors = report.errors + [Diagnostic(
            "OF611", "error", "в исходном плане есть ошибки — сначала исправьте их", Pos(old_name),
            f"orderforge validate {old_name}",
        )]
        raise UserError(errors, exit_code=1)
    period = plan.plan.period
    shift = compute_shift(period, year, shift, old_name)

    assert text is not None  # load_plan has read it already
    result = RolloverResult(new_path, old_path, shift, period.text if period else None, None)
    written, result, edits = _rollover(text, period, shift, result, (old_path, new_path), composed=tap.composed())
    write_atomic(new_path, written.encode("utf-8"))
    result.warnings = _warnings(plan, edits, written, new_path, shift)
    return result


def _warnings(old: Plan, edits: Edits | None, written: str, new_path: Path, shift: int) -> list[Diagnostic]:
    """What the clerk must check in the new plan (:mod:`orderforge.rolloverwarn`).

    After the fast path the new plan is not read again: its values and places follow from the old
    plan's and the splice's changes (:func:`orderforge.rolloverwarn.moved_warnings`, which says None
    where it cannot be sure). Otherwise, and then, the new file is loaded (the reference).
    """
    from .paths import display_path
    from .planfile import load_plan
    from .rolloverwarn import moved_warnings, rollover_warnings

    if edits is not None:
        found = moved_warnings(old, edits, written, display_path(new_path), shift)
        if found is not None:
            return found
    new_plan, _ = load_plan(new_path)
    return rollover_warnings(new_plan) if new_plan is not None else []


def rollover_text(text: str, period: Period | None, shift: int, result: RolloverResult,
                  paths: tuple[Path, Path], fast: bool = True) -> tuple[str, RolloverResult]:
    """The new plan's text from the old one's, and what was done.

    The fast path (:mod:`orderforge.rolloversplice`) rewrites only the changed bytes of the text; where it
    cannot promise the round trip's result it declines, and ruamel's round trip edits the whole tree.
    ``fast=False`` takes the round trip always (the tests compare both).
    """
    written, result, _ = _rollover(text, period, shift, result, paths, fast)
    return written, result


def _rollover(text: str, period: Period | None, shift: int, result: RolloverResult, paths: tuple[Path, Path],
              fast: bool = True, composed: Any = None) -> tuple[str, RolloverResult, Edits | None]:
    """:func:`rollover_text`, and the fast path's changes to the text (None after the round trip); ``composed``:
    libyaml's nodes of the text, when it was parsed already (:class:`orderforge.yamltap.ParseTap`)."""
    if fast:
        from .rolloversplice import splice_rollover

        attempt = replace(result, warnings=[])
        spliced = splice_rollover(text, lambda data: _roll(data, period, shift, attempt, paths), composed)
        if spliced is not None:
            return spliced[0], attempt, spliced[1].edits
    from .yamlrt import editing_yaml

    yaml = editing_yaml()
    data = yaml.load(text)
    _roll(data, period, shift, result, paths)
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue(), result, None


def _roll(data: Any, period: Period | None, shift: int, result: RolloverResult, paths: tuple[Path, Path]) -> None:
    """Edit a plan's tree in place: the rollover, the period's check, the directory's path from the new file."""
    from .paths import display_path

    old_path, new_path = paths
    new_period = Period(period.start.replace(year=period.start.year + shift),
                        period.end.replace(year=period.end.year + shift),
                        period.school_year, "") if period else None
    rollover_tree(data, period, shift, result)
    if period is not None:
        moved = parse_period(str(data["plan"]["period"]))
        if moved is None or new_period is None or (moved.start, moved.end) != (new_period.start, new_period.end):
            raise UserError.simple("OF615", display_path(old_path),  # pragma: no cover
                                   f"период «{period.text}» не удалось перенести",
                                   "запишите период как 2026-2028 и повторите")
        result.new_period = str(data["plan"]["period"])
    directory = data.get("directory")
    if isinstance(directory, str):
        old_dir, new_dir = old_path.resolve().parent, new_path.resolve().parent
        if old_dir != new_dir:
            target = Path(os.path.relpath(old_dir / directory, new_dir)).as_posix()
            splice = getattr(data, "splice_path", None)  # the fast path's tree (rolloversplice) edits the text
            if splice is not None:
                splice("directory", target)
            else:
                data["directory"] = _with_text(directory, target)
