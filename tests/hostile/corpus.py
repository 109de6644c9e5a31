"""A generated corpus of hostile and broken inputs, one :class:`Case` each, for every command.

What a clerk meets when a file arrives by e-mail or a shared house style was
tampered with: zip bombs, hostile XML, garbage attributes, template code that
computes without end, files that are not files, broken encodings and YAML
traps, arguments that are not UTF-8, git option injection, style paths that
leave the style folder, and interrupts. Each case builds its input inside a
fresh copy of the example workspace, names the command to run, and states what
must hold (see tests/test_hostile.py): no traceback, exit 1 or 2, a Russian
message naming the place, no debris, the old output untouched, bounded memory.
"""

from __future__ import annotations

import os
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..conftest import ROOT

Setup = Callable[[Path], None]

PLAN = "plans/kaliningrad-committee-2026.yaml"
STYLE = "kaliningrad-committee"
OUTPUT = "output/kaliningrad-committee-2026.docx"


@dataclass
class Case:
    """One hostile input and the command that meets it."""

    name: str
    category: str
    argv: list[str] | list[str | bytes]
    setup: Setup = lambda ws: None
    place: str = ""  # text the message must name (a file, a part); "" where no place exists
    exits: tuple[int, ...] = (1, 2)
    memory_mib: int = 300
    timeout: float = 60.0
    guarded: str = OUTPUT  # an output that exists before and must be untouched after
    signal_after: float = 0.0  # send SIGTERM/SIGINT after this many seconds (interrupt cases)
    signal: int = 0
    env: dict[str, str] = field(default_factory=dict)
    fsize_limit: int = 0  # RLIMIT_FSIZE in the child: a disk that fills up
    may_write: tuple[str, ...] = ()  # files a run that exits 0 or 1 may leave (an import that needs fixing)


# --------------------------------------------------------------------------- Word packages


DOC_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body>'
    "</w:document>"
)
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)


def _row(*cells: str, attrs: str = "") -> str:
    tcs = "".join(f"<w:tc>{attrs}<w:p><w:r><w:t>{c}</w:t></w:r></w:p></w:tc>" for c in cells)
    return f"<w:tr>{tcs}</w:tr>"


PLAN_TABLE = (
    "<w:p><w:r><w:t>План мероприятий</w:t></w:r></w:p><w:tbl>"
    + _row("№", "Мероприятие", "Срок", "Ответственный")
    + _row("1.", "Проведение совещания", "Март 2026 г.", "Отдел образования")
    + "</w:tbl>"
)


def write_docx(path: Path, parts: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> None:
    """A package with the minimum Word needs, plus (or instead of) the given parts."""
    members = {"[Content_Types].xml": CONTENT_TYPES.encode(), "_rels/.rels": RELS.encode(),
               "word/document.xml": DOC_XML.format(body=PLAN_TABLE).encode()}
    members.update(parts)
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def write_bomb(path: Path, part: str, size_mib: int, method: int = zipfile.ZIP_DEFLATED,
               base: Path | None = None) -> None:
    """A package whose ``part`` inflates to ``size_mib`` MiB of zeros, written in blocks (cheap to make)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    source = zipfile.ZipFile(base) if base else None
    with zipfile.ZipFile(path, "w", method) as archive:
        if source:
            for info in source.infolist():
                if info.filename != part:
                    archive.writestr(info, source.read(info))
            source.close()
        else:
            archive.writestr("[Content_Types].xml", CONTENT_TYPES)
            archive.writestr("_rels/.rels", RELS)
        with archive.open(part, "w") as stream:
            block = b"\0" * (1024 * 1024)
            for _ in range(size_mib):
                stream.write(block)


HOSTILE_XML: dict[str, bytes] = {
    "xxe-file": b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><d>&x;</d>',
    "xxe-url": b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "http://127.0.0.1:9/x">]><d>&x;</d>',
    "laughs": b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
              b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
              b'<!ENTITY e "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]><d>&e;&e;</d>',
    "quadratic": (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "' + b"x" * 50_000 + b'">]><d>'
                  + b"&a;" * 2000 + b"</d>"),
    "deep": b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            + b"<w:body>" * 300 + b"</w:body>" * 300 + b"</w:document>",
    "huge-text": DOC_XML.format(body="<w:p><w:r><w:t>" + "я" * 5_500_000 + "</w:t></w:r></w:p>").encode(),
    "control-ref": DOC_XML.format(body="<w:p><w:r><w:t>a&#11;b</w:t></w:r></w:p>").encode(),
    "truncated": DOC_XML.format(body=PLAN_TABLE).encode()[:300],
    "not-xml": b"\x89PNG\r\n\x1a\n not xml at all",
}

BAD_ATTRIBUTES = {
    "gridspan-word": '<w:tcPr><w:gridSpan w:val="пять"/></w:tcPr>',
    "gridspan-negative": '<w:tcPr><w:gridSpan w:val="-3"/></w:tcPr>',
    "gridspan-huge": '<w:tcPr><w:gridSpan w:val="99999999"/></w:tcPr>',
    "vmerge-garbage": '<w:tcPr><w:vMerge w:val="может быть"/></w:tcPr>',
    "width-garbage": '<w:tcPr><w:tcW w:w="широко" w:type="dxa"/></w:tcPr>',
    "numid-garbage": "",  # set in the paragraph, see _bad_numbering
}


def _bad_attribute_doc(attrs: str) -> bytes:
    table = ("<w:tbl>" + _row("№", "Мероприятие", "Срок", "Ответственный")
             + _row("1.", "Проведение совещания", "Март 2026 г.", "Отдел образования", attrs=attrs) + "</w:tbl>")
    return DOC_XML.format(body="<w:p><w:r><w:t>План мероприятий</w:t></w:r></w:p>" + table).encode()


def _bad_numbering() -> dict[str, bytes]:
    para = ('<w:p><w:pPr><w:numPr><w:ilvl w:val="девять"/><w:numId w:val="abc"/></w:numPr></w:pPr>'
            "<w:r><w:t>Проведение совещания</w:t></w:r></w:p>")
    table = ("<w:tbl>" + _row("№", "Мероприятие", "Срок", "Ответственный")
             + f"<w:tr><w:tc>{para}</w:tc><w:tc><w:p/></w:tc><w:tc><w:p/></w:tc><w:tc><w:p/></w:tc></w:tr></w:tbl>")
    numbering = ('<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                 '<w:abstractNum w:abstractNumId="x"><w:lvl w:ilvl="-1"><w:start w:val="один"/>'
                 '<w:lvlText w:val="%9.%1."/></w:lvl></w:abstractNum>'
                 '<w:num w:numId="abc"><w:abstractNumId w:val="x"/></w:num></w:numbering>')
    return {"word/document.xml": DOC_XML.format(body=table).encode(), "word/numbering.xml": numbering.encode()}


# --------------------------------------------------------------------------- helpers for setups


def _file(rel: str, data: bytes | str) -> Setup:
    def setup(ws: Path) -> None:
        path = ws / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return setup


def _fifo(rel: str) -> Setup:
    def setup(ws: Path) -> None:
        path = ws / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(path)
    return setup


def _link(rel: str, target: str) -> Setup:
    def setup(ws: Path) -> None:
        path = ws / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.symlink_to(target)
    return setup


def _docx(rel: str, parts: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> Setup:
    return lambda ws: write_docx(ws / rel, parts, method)


def _bomb(rel: str, part: str, size_mib: int, method: int = zipfile.ZIP_DEFLATED, base: str = "") -> Setup:
    return lambda ws: write_bomb(ws / rel, part, size_mib, method, ws / base if base else None)


def _template_text(style: str, replace: str, by: str, name: str = "template.docx") -> Setup:
    """Put template code into the style's Word file by editing document.xml (the tag stays in one run)."""
    def setup(ws: Path) -> None:
        path = ws / "templates" / style / name
        with zipfile.ZipFile(path) as src:
            items = [(info, src.read(info)) for info in src.infolist()]
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
            for info, data in items:
                if info.filename == "word/document.xml":
                    text = data.decode("utf-8")
                    assert replace in text, f"{replace!r} not in {style}/{name}"
                    data = text.replace(replace, by, 1).encode("utf-8")
                dst.writestr(info, data)
    return setup


def _style_yaml(style: str, line: str) -> Setup:
    def setup(ws: Path) -> None:
        path = ws / "templates" / style / "style.yaml"
        path.write_text(path.read_text(encoding="utf-8") + "\n" + line + "\n", encoding="utf-8")
    return setup


def _steps(*setups: Setup) -> Setup:
    def setup(ws: Path) -> None:
        for step in setups:
            step(ws)
    return setup


def _plan_with(text: str) -> Setup:
    return _file("plans/hostile.yaml", text)


# --------------------------------------------------------------------------- the cases


def foreign_documents() -> list[Case]:
    """Every way a .docx a clerk was sent can be hostile, through import and text."""
    cases: list[Case] = []
    inputs: dict[str, tuple[Setup, str]] = {
        "bomb-deflate-document": (_bomb("in/x.docx", "word/document.xml", 1024), "word/document.xml"),
        "bomb-bzip2-document": (_bomb("in/x.docx", "word/document.xml", 96, zipfile.ZIP_BZIP2), "word/document.xml"),
        "bomb-deflate-styles": (_steps(_docx("in/base.docx", {}),
                                       _bomb("in/x.docx", "word/styles.xml", 1024, base="in/base.docx")),
                                "word/styles.xml"),
        "bomb-deflate-numbering": (_steps(_docx("in/base.docx", {}),
                                          _bomb("in/x.docx", "word/numbering.xml", 1024, base="in/base.docx")),
                                   "word/numbering.xml"),
        "bomb-media": (_steps(_docx("in/base.docx", {}),
                              _bomb("in/x.docx", "word/media/image1.png", 1024, base="in/base.docx")), "image1.png"),
        "zip-slip-name": (_docx("in/x.docx", {"../../evil.xml": b"<a/>"}), "evil.xml"),
        "not-a-zip": (_file("in/x.docx", "это не документ Word"), "x.docx"),
        "empty-file": (_file("in/x.docx", b""), "x.docx"),
        "truncated-zip": (lambda ws: (write_docx(ws / "in/full.docx", {}),
                                      (ws / "in/x.docx").write_bytes((ws / "in/full.docx").read_bytes()[:200])),
                          "x.docx"),
        "no-document-part": (lambda ws: _zip_only(ws / "in/x.docx", {"a.txt": b"x"}), "x.docx"),
        "ole-doc-renamed": (_file("in/x.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4000), "x.docx"),
        "pdf-renamed": (_file("in/x.docx", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n"), "x.docx"),
        "fifo": (_fifo("in/x.docx"), "x.docx"),
        "dev-zero": (_link("in/x.docx", "/dev/zero"), "x.docx"),
        "dev-urandom": (_link("in/x.docx", "/dev/urandom"), "x.docx"),
        "folder": (lambda ws: (ws / "in/x.docx").mkdir(parents=True), "x.docx"),
        "missing": (lambda ws: None, "x.docx"),
        "link-loop": (lambda ws: ((ws / "in").mkdir(), (ws / "in/x.docx").symlink_to("y.docx"),
                                  (ws / "in/y.docx").symlink_to("x.docx")), "x.docx"),
    }
    for name, blob in HOSTILE_XML.items():
        inputs[f"xml-{name}"] = (_docx("in/x.docx", {"word/document.xml": blob}), "word/document.xml")
    for name in ("xxe-file", "laughs", "deep"):
        inputs[f"styles-xml-{name}"] = (_docx("in/x.docx", {"word/styles.xml": HOSTILE_XML[name]}), "word/styles.xml")
        inputs[f"numbering-xml-{name}"] = (_docx("in/x.docx", {"word/numbering.xml": HOSTILE_XML[name]}),
                                           "word/numbering.xml")
    for name, setup_place in inputs.items():
        setup, place = setup_place
        cases.append(Case(f"import-{name}", "foreign-docx", ["import", "in/x.docx", "-o", "plans/imported.yaml"],
                          setup, place, guarded=OUTPUT))
        # `text` skips a merely damaged optional part (styles, numbering) and prints the text; a DTD is refused
        damaged_only = name.endswith("-xml-deep") and not name.startswith("xml-")
        cases.append(Case(f"text-{name}", "foreign-docx", ["text", "in/x.docx"], setup, place,
                          exits=(0, 1, 2) if damaged_only else (1, 2)))
    return cases


def _zip_only(path: Path, members: dict[str, bytes]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def garbage_attributes() -> list[Case]:
    """Attributes from a foreign file are untrusted: a bad number is a default and a warning, never a crash.

    These documents are readable: import may succeed (exit 0) with warnings, or refuse (1); text prints."""
    cases = []
    for name, attrs in BAD_ATTRIBUTES.items():
        parts = _bad_numbering() if name == "numid-garbage" else {"word/document.xml": _bad_attribute_doc(attrs)}
        setup = _docx("in/x.docx", parts)
        cases.append(Case(f"import-attr-{name}", "attributes", ["import", "in/x.docx", "-o", "plans/imported.yaml"],
                          setup, exits=(0, 1), may_write=("plans/imported.yaml", "plans/imported.directory.yaml",
                                                          "templates/x", "templates/x/amend.docx",
                                                          "templates/x/style.yaml", "templates/x/template.docx")))
        cases.append(Case(f"text-attr-{name}", "attributes", ["text", "in/x.docx"], setup, exits=(0,)))
    return cases


TEMPLATE_CODE = {
    "string-times-huge": '{{ "x" * 2000000000 }}',
    "power-tower": "{{ 10 ** (10 ** 10) }}",
    "big-power": "{{ 7 ** 99999999 }}",
    "list-times-huge": "{{ [0] * 1000000000 }}",
    "recursion": "{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}",
    "range-huge": "{% for i in range(1000000000) %}x{% endfor %}",
    "lipsum": "{{ lipsum(100000000) }}",
    "mro-escape": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "init-escape": "{{ cycler.__init__.__globals__ }}",
    "undefined": "{{ nosuchvar }}",
    "unclosed": "{{ order.date ",
    "include-system": '{% include "/etc/passwd" %}',
    "format-huge": '{{ "%0999999999d" % 1 }}',
    "join-huge": "{{ range(100000000)|join(',') }}",
}


def template_cases() -> list[Case]:
    """A house style tampered with: template code, a bomb in the template, paths outside the style folder."""
    cases: list[Case] = []
    anchor = "{{ order.number }}"
    for name, code in TEMPLATE_CODE.items():
        setup = _template_text(STYLE, anchor, code)
        cases.append(Case(f"build-template-{name}", "template", ["build", PLAN], setup, "template.docx"))
        cases.append(Case(f"check-style-{name}", "template", ["check-style", STYLE], setup, "template.docx"))
    tpl = f"templates/{STYLE}/template.docx"
    bombs = {
        "template-bomb-document": _bomb(tpl, "word/document.xml", 1024),
        "template-bomb-styles": _steps(lambda ws: shutil.copy(ws / tpl, ws / "orig.docx"),
                                       _bomb(tpl, "word/styles.xml", 1024, base="orig.docx")),
        "template-xxe": _docx(tpl, {"word/document.xml": HOSTILE_XML["xxe-file"]}),
        "template-laughs": _docx(tpl, {"word/document.xml": HOSTILE_XML["laughs"]}),
        "template-fifo": _steps(lambda ws: (ws / tpl).unlink(), _fifo(tpl)),
        "template-dev-zero": _steps(lambda ws: (ws / tpl).unlink(), _link(tpl, "/dev/zero")),
    }
    for name, setup in bombs.items():
        cases.append(Case(f"build-{name}", "template", ["build", PLAN], setup, "template.docx"))
        cases.append(Case(f"check-style-{name}", "template", ["check-style", STYLE], setup, "template.docx"))
    outside = {
        "template-absolute": "template: /etc/passwd",
        "template-absolute-docx": "template: {root}/templates/gymnasium/template.docx",
        "template-climbs-out": "template: ../../outside.docx",
        "template-climbs-out-deep": "template: ../gymnasium/../../../outside.docx",
    }
    for name, line in outside.items():
        def setup(ws: Path, line: str = line) -> None:
            shutil.copy(ws / tpl, ws / "outside.docx")
            path = ws / "templates" / STYLE / "style.yaml"
            text = path.read_text(encoding="utf-8")
            lines = [entry for entry in text.splitlines() if not entry.startswith("template:")]
            path.write_text("\n".join(lines) + "\n" + line.format(root=ws) + "\n", encoding="utf-8")
        cases.append(Case(f"build-{name}", "style-path", ["build", PLAN], setup, "style.yaml"))
        cases.append(Case(f"check-style-{name}", "style-path", ["check-style", STYLE], setup, "style.yaml"))
    amend_bomb = _steps(_changed_plan(), _bomb(f"templates/{STYLE}/amend.docx", "word/document.xml", 1024))
    cases.append(Case("amend-template-bomb", "template",
                      ["amend", PLAN, "plans/changed.yaml", "--number", "45", "--date", "2026-04-01", "-o",
                       "output/amend.docx"], amend_bomb, "amend.docx", guarded="output/amend.docx"))
    # a pipe named style.yaml is not a style: never opened (no hang); the bundled style of that name answers
    cases.append(Case("style-yaml-fifo", "template", ["check-style", STYLE],
                      _steps(lambda ws: (ws / "templates" / STYLE / "style.yaml").unlink(),
                             _fifo(f"templates/{STYLE}/style.yaml")), exits=(0, 2)))
    cases.append(Case("style-yaml-laughs", "template", ["check-style", STYLE],
                      _style_yaml(STYLE, "x: &a [1]\ny: [*a, *a, *a]"), "style.yaml"))
    return cases


def plan_cases() -> list[Case]:
    """Plans that are not plans: devices, encodings, YAML traps, for every command that reads one."""
    inputs: dict[str, Setup] = {
        "fifo": _fifo("plans/hostile.yaml"),
        "dev-zero": _link("plans/hostile.yaml", "/dev/zero"),
        "dev-urandom": _link("plans/hostile.yaml", "/dev/urandom"),
        "cp1251": _file("plans/hostile.yaml", "plan:\n  title: План мероприятий\n".encode("cp1251")),
        "utf16": _file("plans/hostile.yaml", "plan:\n  title: План\n".encode("utf-16")),
        "nul-bytes": _file("plans/hostile.yaml", b"plan:\n  title: \x00\x00\n"),
        "lone-surrogate": _plan_with('plan:\n  title: "План \\ud800 мероприятий"\n'),
        "control-chars": _plan_with('plan:\n  title: "План \\x07\\x0c мероприятий"\n'),
        "laughs": _plan_with("a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n"
                             "c: [*b, *b, *b, *b, *b, *b, *b, *b]\n"),
        "deep-nesting": _plan_with("plan: " + "[" * 100_000 + "]" * 100_000 + "\n"),
        "deep-block": _plan_with("".join("  " * i + f"k{i}:\n" for i in range(2000)) + "  " * 2000 + "x: 1\n"),
        "duplicate-keys": _plan_with("plan:\n  title: a\n  title: b\n"),
        "tabs": _plan_with("plan:\n\ttitle: a\n"),
        "long-line": _plan_with("plan:\n  title: " + "я" * 2_000_000 + "\n"),
        "template-in-key": _plan_with("plan: {{ 7*7 }}\n"),
        "binary": _file("plans/hostile.yaml", os.urandom(4096)),
    }
    cases = []
    for name, setup in inputs.items():
        for command in (["validate"], ["build"], ["fmt", "--check"]):
            exits = (0, 1, 2) if command[0] == "fmt" and name == "long-line" else (1, 2)  # valid YAML: fmt may pass
            cases.append(Case(f"{command[0]}-plan-{name}", "plan", [*command, "plans/hostile.yaml"], setup,
                              "hostile.yaml", exits=exits))
        cases.append(Case(f"new-from-{name}", "plan", ["new", "plans/next.yaml", "--from", "plans/hostile.yaml",
                                                       "--year", "2027"], setup, "hostile.yaml"))
        # a plan that is valid YAML but not a valid plan is compared as far as it goes (exit 0 allowed)
        readable = name in ("long-line",)
        cases.append(Case(f"diff-{name}", "plan", ["diff", "plans/hostile.yaml", PLAN], setup, "hostile.yaml",
                          exits=(0, 1, 2) if readable else (1, 2)))
    cases.append(Case("diff-dev-zero-direct", "plan", ["diff", "/dev/zero", PLAN], place="/dev/zero"))
    cases.append(Case("new-from-dev-zero-direct", "plan",
                      ["new", "plans/n.yaml", "--from", "/dev/zero", "--year", "2027"], place="/dev/zero"))
    return cases


def argument_cases() -> list[Case]:
    """Text from the command line that is not valid UTF-8 (a cp1251 terminal), and git option injection."""
    amend = ["amend", PLAN, "plans/changed.yaml", "-o", "output/amend.docx"]
    changed = _changed_plan()
    cases = [
        Case("amend-number-cp1251", "arguments", [*amend, "--number", "№ 45".encode("cp1251"), "--date", "2026-04-01"],
             changed, "--number", guarded="output/amend.docx"),
        Case("amend-preamble-cp1251", "arguments",
             [*amend, "--number", "45", "--date", "2026-04-01", "--preamble", "В целях исполнения".encode("cp1251")],
             changed, "--preamble", guarded="output/amend.docx"),
        # a folder name is bytes on POSIX: init may make it, or refuse it in Russian
        Case("init-name-cp1251", "arguments", ["init", "комитет".encode("cp1251")], exits=(0, 2)),
        Case("git-output-injection", "arguments", ["diff", "--", f"--output=../X:{PLAN}", PLAN], exits=(2,)),
        Case("git-option-p", "arguments", ["diff", "--", f"-p:{PLAN}", PLAN], exits=(2,)),
        Case("amend-git-injection", "arguments", ["amend", f"--output=../Y:{PLAN}", PLAN, "--number", "1",
                                                   "--date", "2026-04-01"], exits=(2,)),
    ]
    return cases


def _changed_plan() -> Setup:
    def setup(ws: Path) -> None:
        text = (ws / PLAN).read_text(encoding="utf-8").replace("Февраль 2026 г.", "Март 2026 г.", 1)
        (ws / "plans/changed.yaml").write_text(text, encoding="utf-8")
    return setup


def folder_cases() -> list[Case]:
    """validate of a folder with thousands of files that are not plans: bounded, and it finishes."""
    def many(ws: Path) -> None:
        folder = ws / "junk"
        folder.mkdir()
        for i in range(5000):
            (folder / f"file{i}.txt").write_text("x", encoding="utf-8")
        for i in range(50):
            (folder / f"sub{i}").mkdir()
        os.mkfifo(folder / "pipe.yaml")
    return [Case("validate-junk-folder", "folders", ["validate", "junk"], many, exits=(1, 2))]


def interrupt_cases() -> list[Case]:
    """SIGTERM and SIGINT while writing: no hidden temp file, no scratch folder, the old output intact."""
    import signal

    cases = []
    for sig, label in ((signal.SIGTERM, "sigterm"), (signal.SIGINT, "sigint")):
        for delay in (0.3, 0.6, 0.9, 1.2):
            cases.append(Case(f"build-{label}-{delay}", "interrupts", ["build", PLAN], exits=(0, 1, 2, 130, 143),
                              signal=sig, signal_after=delay))
        cases.append(Case(f"build-pdf-{label}", "interrupts", ["build", "--pdf", PLAN], exits=(0, 1, 2, 130, 143),
                          signal=sig, signal_after=2.0, timeout=120))
    return cases


def disk_cases() -> list[Case]:
    """A disk that fills up during import: both files or neither."""
    built = ROOT / "tests/fixtures/import/order-school.docx"
    setup = _file("in/x.docx", built.read_bytes())
    return [Case(f"import-full-disk-{limit}", "output-faults", ["import", "in/x.docx", "-o", "plans/imported.yaml"],
                 setup, exits=(1, 2), fsize_limit=limit) for limit in (200, 1500, 4000)]


def all_cases() -> list[Case]:
    cases = (foreign_documents() + garbage_attributes() + template_cases() + plan_cases() + argument_cases()
             + folder_cases() + interrupt_cases() + disk_cases())
    names = [c.name for c in cases]
    assert len(names) == len(set(names)), "case names must be unique"
    return cases
