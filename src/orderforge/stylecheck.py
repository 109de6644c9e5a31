"""``orderforge check-style``: find a broken house style before a clerk's build does.

Clerks restyle templates in Word, and Word splits and mangles tags. Jinja then
reports an XML line number and no part name, and a mistyped field prints an
empty cell. So each part (body, headers, footers) is parsed on its own and
problems are told by part, paragraph number and paragraph text; then the
template is rendered with the starter plan, so a typo in a field name
(``{{ order.titel }}``) fails here, up front, under StrictUndefined.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from .diagnostics import Pos, Report, UserError
from .lazyre import precompiled
from .render import make_env
from .style import Style, load_style
from .templatefile import open_template, part_name

CONTEXT_ROOTS = {"order", "appendix"}
_PART = precompiled(r"^word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$")


def _paragraph_text(line: str) -> str:
    return re.sub(r"<[^>]+>", "", line).strip()[:120]


def check_template_file(path: Path, report: Report) -> None:
    """Parse every part of one template with docxtpl's tag clean-up and the sandboxed Jinja."""
    from docxtpl import DocxTemplate
    from jinja2 import TemplateSyntaxError, meta

    from .sandbox import jinja_message_ru

    try:
        package = open_template(path)
    except UserError as exc:
        report.extend(exc.diagnostics)
        return
    patcher = DocxTemplate.__new__(DocxTemplate)  # only patch_xml is used: it needs no state
    env = make_env()
    for name in sorted(n for n in package.xml if _PART.match(n)):
        xml = re.sub(r"<w:p([ >])", r"\n<w:p\1", patcher.patch_xml(package.xml[name]))
        try:
            parsed = env.parse(xml)
        except TemplateSyntaxError as exc:
            lines = xml.splitlines()
            number = max(exc.lineno - 1, 0)
            text = _paragraph_text(lines[number]) if number < len(lines) else ""
            message, detail = jinja_message_ru(exc)
            hint = ("исправьте метку в Word: {{ поле }}, {%p if … %}, {%tr for … %}; "
                    "каждая {%p/{%tr — в своём абзаце/строке")
            report.error("OF406", Pos(str(path)), f"{part_name(name)}, абзац {number}: {message} — «{text}»",
                         f"{hint}\n    подробности: {detail}" if detail else hint)
            continue
        for variable in sorted(meta.find_undeclared_variables(parsed) - CONTEXT_ROOTS):
            report.error("OF407", Pos(str(path)), f"{part_name(name)}: неизвестное поле «{variable}»",
                         "доступны только order.… и appendix.… (см. docs/house-styles.md)")


def trial_render(style: Style, report: Report) -> None:
    """Render the starter plan in this style: catches mistyped fields and leftover tags."""
    from .build import build_docx_bytes
    from .planfile import load_plan
    from .workspace import starter_plan, starter_text

    with tempfile.TemporaryDirectory(prefix="orderforge-check-") as folder:
        plan_path = Path(folder, "plan.yaml")
        plan_path.write_text(starter_plan(style.name, 2026), encoding="utf-8")
        Path(folder, "directory.yaml").write_text(starter_text("directory.yaml"), encoding="utf-8")
        plan, plan_report = load_plan(plan_path)
        if plan is None or plan_report.has_errors:
            report.extend(plan_report.errors)
            return
        try:
            build_docx_bytes(plan, style=style)  # the style being checked, loaded once
        except UserError as exc:
            report.extend(exc.diagnostics)


def check_style(name: str, workspace: Path | None = None) -> tuple[Style | None, Report]:
    """All problems of a style: style.yaml, each template part, and a trial render."""
    report = Report()
    try:
        style = load_style(name, workspace)
    except UserError as exc:
        report.extend(exc.diagnostics)
        return None, report
    templates = [style.template_path] + [p for p in (style.folder / "amend.docx",) if p.is_file()]
    for template in templates:
        check_template_file(template, report)
    if not report.has_errors:
        trial_render(style, report)
    return style, report

