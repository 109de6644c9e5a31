"""What a bundled template's bytes alone decide, worked out at development time and shipped with orderforge.

A first build's marker document (render.py's lean path) used to pay, for every bundled style, for work whose
answer never changes for the same template: open_template's strict parse of every XML part (its styles are
800 KB), the template dialect rewritten into Jinja (wordtags.py) and checked for plain row loops, Jinja's
lexer, parser and code generator, and the re-parse of the parts python-docx writes back unchanged. All of it
is a pure function of the template's bytes, orderforge's code and the versions of lxml and Jinja, so
tools/make_prepared.py works it out for the bundled styles' template.docx files and writes
``prepared/<SHA-256 of the template>.json``; tests/test_prepared.py regenerates the files and fails when they
differ (run the tool after changing a bundled template, wordtags.py, the sandbox, or upgrading lxml or Jinja).

A clerk's own or edited template has another SHA-256 and takes the normal path; so does everything recorded
for another lxml (the rewritten sources, the parts written as they are) or another Jinja (the generated code).
A record only holds what the normal path would have computed: a part the normal path refuses (a tag only
docxtpl rewrites, a row loop that is not plain) is not in it, and is refused there as before.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs start-up (issue 12)
    from typing import Any

FOLDER = Path(__file__).with_name("prepared")


class Prepared:
    """A bundled template's shipped record, reduced to what this process's lxml and Jinja may use.

    ``sources``: part name → its XML rewritten for Jinja with each paragraph on a line (bodyrender's input to
    Jinja); ``code``: part name → the Python code Jinja generates for it; ``as_written``: the XML parts whose
    bytes are already what python-docx writes for them.
    """

    __slots__ = ("sources", "code", "as_written")

    def __init__(self, sources: dict[str, str], code: dict[str, str], as_written: frozenset[str]) -> None:
        self.sources, self.code, self.as_written = sources, code, as_written


def shipped(data: bytes) -> Prepared | None:
    """The record shipped for a template with exactly these bytes (its strict parse passed), or None."""
    digest = hashlib.sha256(data).hexdigest()
    try:
        record = json.loads((FOLDER / f"{digest}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict) or record.get("sha256") != digest:
        return None
    lxml_ok = record.get("lxml") == lxml_versions()
    jinja_ok = lxml_ok and record.get("jinja") == jinja_version()
    try:
        return Prepared(dict(record["sources"]) if lxml_ok else {}, dict(record["code"]) if jinja_ok else {},
                        frozenset(record["as_written"]) if lxml_ok else frozenset())
    except (KeyError, TypeError, ValueError):
        return None  # a record not in this version's shape: the normal path


def lxml_versions() -> list[list[int]]:
    """lxml's and libxml2's versions: they serialise what the records' sources and verdicts come from."""
    from lxml import etree

    return [list(etree.LXML_VERSION), list(etree.LIBXML_VERSION)]


def jinja_version() -> str:
    """Jinja's version: its code generator made the records' code. Read from its ``__init__.py`` without
    running it: a build of a bundled style runs that code without importing Jinja (bodycode.py)."""
    import re
    from importlib.util import find_spec

    spec = find_spec("jinja2")
    try:
        text = open(spec.origin, encoding="utf-8").read() if spec is not None and spec.origin else ""
    except OSError:
        text = ""
    found = re.search(r'^__version__ = "([^"]+)"$', text, re.M)
    return found.group(1) if found else "unknown"


def make_record(data: bytes, template: Path) -> dict[str, Any]:
    """The record for a template, made by the very functions the normal path runs (tools/make_prepared.py)."""
    from . import bodyrender
    from .render import _lean_source, _NotLean, make_env
    from .templatefile import open_template

    open_template(template)  # the strict parse: a template that fails it gets no record
    env = make_env()
    env.autoescape = True
    package = bodyrender._Package(data)
    sources: dict[str, str] = {}
    code: dict[str, str] = {}
    try:
        parts = bodyrender.jinja_parts(package)
    except bodyrender.Unsupported:
        parts = []
    for part, xml in parts:
        try:
            source, compiler = bodyrender.jinja_input(xml, env, _lean_source, part.name)
        except (bodyrender.Unsupported, _NotLean):
            continue
        sources[part.name] = source
        if compiler is not None:
            code[part.name] = env.compile(source, raw=True)  # what from_string compiles, as Python source
    as_written = sorted(p.name for p in package.order() if p.xml and bodyrender.written_as_is(p))
    return {"sha256": hashlib.sha256(data).hexdigest(), "lxml": lxml_versions(), "jinja": jinja_version(),
            "as_written": as_written, "sources": sources, "code": code}


def dumps(record: dict[str, Any]) -> str:
    """A record as the shipped file holds it."""
    return json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
