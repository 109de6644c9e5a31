"""``orderforge import`` as a whole: paths, style and directory chosen, the document read, files written.

Everything that can refuse is checked before anything is written (IM004 the plan
exists or is not .yaml, IM005 unknown style, IM001–IM003 from reading); the
written plan is then checked as ``validate`` checks it, so the result carries its
validation: from the tree its writer built line by line (treewrite.dump_tree, the tree
the loader reads from that text), or, where the writer cannot vouch for it, from the
file read again.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ..diagnostics import Pos, Report, UserError
from ..load import paused_gc, remember_written
from ..plans import PLANS_DIR
from .directory import Registry, directory_yaml, new_directory_tree
from .docfile import read_document
from .output import plan_yaml_tree
from .reading import read_plan
from .summary import ImportResult
from .tables import PlanTable
from .text import slug

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs import's start-up (issue 11)
    from typing import Any


DEFAULT_STYLE = "kaliningrad-committee"


def default_plan_path(docx: Path) -> Path:
    return PLANS_DIR / f"{slug(docx.stem, 60) or 'imported-plan'}.yaml"


def styles_root(plan_path: Path) -> Path:
    """Where a style made on import is written: the workspace's templates/ (beside plans/)."""
    folder = plan_path.resolve().parent
    return (folder.parent if folder.name == PLANS_DIR.name else folder) / "templates"


def style_name_for(docx: Path) -> str:
    """A style named after the document: «Приказ 113.docx» → prikaz-113."""
    return slug(docx.stem, 60) or "imported-style"


def import_docx(docx: Path, output: Path | None = None, *, style: str | None = DEFAULT_STYLE, force: bool = False,
                directory: Path | None = None) -> ImportResult:
    """Read ``docx`` and write the plan (and merge its directory). Raises UserError; writes nothing then.

    ``style=None`` makes the house style from the document itself (:mod:`orderforge.stylegen`), written to
    the workspace's ``templates/<document name>/``, so that the plan builds back into the committee's own
    document: its columns, header words, responsible parties as printed, page settings and fonts.
    """
    from ..paths import display_path
    from ..style import StyleNotFound, find_style
    from ..validate import load_directory

    name = display_path(docx)
    plan_path = output if output is not None else default_plan_path(docx)
    if plan_path.is_dir() or str(plan_path).endswith(("/", "\\")):
        plan_path = plan_path / f"{slug(docx.stem, 60) or 'imported-plan'}.yaml"
    if plan_path.suffix != ".yaml":
        raise UserError.simple("IM004", str(plan_path), "файл плана должен иметь расширение .yaml",
                               f"например: -o plans/{slug(docx.stem, 60) or 'plan'}.yaml")
    if plan_path.exists() and not force:
        raise UserError.simple("IM004", display_path(plan_path), "план уже существует и не будет перезаписан",
                               "укажите другое имя (-o …) или добавьте --force")
    if style is not None:
        try:
            find_style(style, plan_path.resolve().parent)
        except StyleNotFound as exc:
            raise UserError.simple("IM005", style, str(exc), exc.hint) from None
    # the directory: given, the shared directory.yaml beside the plan, or <plan>.directory.yaml
    shared = plan_path.parent / "directory.yaml"
    if directory is None:
        directory = shared if shared.is_file() else plan_path.with_name(f"{plan_path.stem}.directory.yaml")
    existed = directory.is_file()
    load_report = Report()
    existing = load_directory(directory, load_report) if existed else None
    if load_report.has_errors:
        raise UserError(load_report.errors, exit_code=1)

    with paused_gc():  # tens of thousands of objects, no cyclic garbage among them (see load.paused_gc)
        return _import(docx, name, plan_path, style, force, directory, shared, existing, existed)


def _import(docx: Path, name: str, plan_path: Path, style: str | None, force: bool, directory: Path, shared: Path,
            existing: Any, existed: bool) -> ImportResult:
    """The document read (once), the style made from it when asked, the plan and directory written."""
    from ..planmodel import Directory

    style_folder: Path | None = None
    style_notes: list[Any] = []
    document = read_document(docx, name, whole=style is None)  # once, for the style made from it and the plan
    table = PlanTable()  # and its plan table: read once, for both
    if style is None:
        style, style_folder, style_notes = _make_style(docx, plan_path, existing or Directory(), force, document,
                                                       table)
    try:
        return _write_plan(document, name, plan_path, style, directory, shared, existing, existed, style_notes,
                           style_folder, docx.name, table)
    except BaseException:
        if style_folder is not None and not force:  # a style made for this import goes with it
            shutil.rmtree(style_folder, ignore_errors=True)
        raise


def _write_plan(document: tuple[Any, Any], name: str, plan_path: Path, style: str, directory: Path, shared: Path,
                existing: Any, existed: bool, style_notes: list[Any], style_folder: Path | None,
                docx_name: str, table: PlanTable) -> ImportResult:
    """Read the document into a plan and write the plan and its directory together (both or neither)."""
    from ..planfile import check_written_plan, load_plan
    from ..planmodel import Directory
    from ..style import load_style
    from ..write import write_all

    style_obj = load_style(style, plan_path.resolve().parent)
    blocks, numbering = document

    report = Report()
    report.extend(style_notes)
    registry = Registry(existing or Directory(), report, Pos(name), ids=style_obj.responsible_format != "code")
    imported = read_plan(blocks, numbering, name, registry, style_obj, table)
    if directory.resolve() == shared.resolve() and directory.parent.resolve() == plan_path.parent.resolve():
        directory_ref: str | None = None  # found by default
    else:
        import os

        directory_ref = Path(os.path.relpath(directory.resolve(), plan_path.resolve().parent)).as_posix()
    from ..paths import display_path

    plan_text, tree = plan_yaml_tree(imported, style, directory_ref, docx_name, display_path(plan_path))
    existing_text = directory.read_text(encoding="utf-8-sig") if existed else None
    directory_text, added_parties, added_people = directory_yaml(existing_text, imported, docx_name)
    files = [(plan_path, plan_text.encode("utf-8"))]
    if not existed or added_parties or added_people:  # nothing new: leave the directory byte for byte as it was
        files.insert(0, (directory, directory_text.encode("utf-8")))
    write_all(files)
    if not existed:  # the check below reads the new directory back: from the tree its writer builds, not parsed
        remember_written(directory, directory_text,
                         lambda shown: new_directory_tree(imported, docx_name, directory_text, shown))
    # the written plan checked as validate checks it: from the tree written with it, or read again where
    # the writer could not vouch for its tree (treewrite.dump_tree)
    _, check = check_written_plan(plan_path, tree) if tree is not None else load_plan(plan_path)
    return ImportResult(name, plan_path, directory, existed, imported, added_parties, added_people, check.items,
                        style_folder=style_folder)


def _make_style(docx: Path, plan_path: Path, existing: Any, force: bool,
                document: tuple[Any, Any], table: PlanTable) -> tuple[str, Path, list[Any]]:
    """The style that reproduces ``docx``, written whole before the plan (IM006 when its folder exists)."""
    from ..paths import display_path
    from ..stylegen import derive_style, write_style

    name = style_name_for(docx)
    root = styles_root(plan_path)
    if (root / name).exists() and not force:
        raise UserError.simple(
            "IM009", display_path(root / name), f"стиль «{name}» уже есть и не будет перезаписан",
            f"возьмите его: --style {name}; или сделайте заново: --force", exit_code=2)
    derived = derive_style(docx, name, directory=existing, document=document, table=table)
    made = write_style(derived, root, force=force)
    return name, made.folder, list(derived.report.items)
