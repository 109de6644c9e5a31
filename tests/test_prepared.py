"""What orderforge ships for its bundled templates (templateprep.py) is what the normal path computes.

The records are made again here by tools/make_prepared.py's own function and compared whole, so they cannot
drift from the templates, wordtags.py, the sandbox, lxml or Jinja. The marker document rendered with a record
is byte for byte the one rendered without it (and tests/test_bodyrender.py compares it with docxtpl's);
another template's bytes, another Jinja or another lxml take the normal path. A plain part (no tag) skips
Jinja only because Jinja renders such a source as itself, which a property test checks.
"""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orderforge import bodyrender, render, templateprep
from orderforge.style import load_style
from orderforge.templatefile import open_template

from .conftest import ROOT
from .test_bodyrender import BUNDLED, context_in, markers

sys.path.insert(0, str(ROOT / "tools"))
import make_prepared  # noqa: E402


def test_the_shipped_records_are_what_the_tool_makes() -> None:
    """Fails after a change to a bundled template, the dialect, the sandbox, lxml or Jinja until
    ``python tools/make_prepared.py`` is run."""
    made = make_prepared.made()
    shipped = {p.name: p.read_text(encoding="utf-8") for p in templateprep.FOLDER.glob("*.json")}
    assert sorted(shipped) == sorted(made)  # one record per bundled template, named by its bytes
    for name, text in made.items():
        assert _comparable(json.loads(shipped[name]), json.loads(text)) == json.loads(text), name


def _comparable(shipped: dict[str, object], made: dict[str, object]) -> dict[str, object]:
    """The shipped record with what another lxml or Jinja made (a fresh clone may install newer ones)
    replaced by this process's own: those fields are never used with other versions
    (test_another_jinja_or_lxml_uses_nothing_it_did_not_make), so only the rest must match."""
    record = dict(shipped)
    if record["lxml"] != made["lxml"]:
        record.update({key: made[key] for key in ("lxml", "jinja", "sources", "as_written", "code")})
    elif record["jinja"] != made["jinja"]:
        record.update({key: made[key] for key in ("jinja", "code")})
    return record


@pytest.mark.parametrize("name", BUNDLED)
def test_every_bundled_template_has_a_record_with_its_code(name: str) -> None:
    prepared = templateprep.shipped((ROOT / "src" / "orderforge" / "templates" / name / "template.docx").read_bytes())
    assert prepared is not None
    assert "/word/document.xml" in prepared.code and "/word/styles.xml" in prepared.as_written


def _parts(name: str, odd: bool, prepared: object) -> list[tuple[str, bytes]]:
    style = load_style(name, ROOT)
    package = open_template(style.template_path)
    env = render.make_env()
    env.autoescape = True
    context = copy.deepcopy(markers(context_in(style, odd)))
    return bodyrender.render_package(package.data, context, env, render._lean_source,
                                     lambda xml, part: render.check_leftovers(xml, part, "t"), prepared)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", BUNDLED)
@pytest.mark.parametrize("odd", [False, True], ids=["plain", "odd-text"])
def test_a_record_changes_no_byte_of_the_marker_document(name: str, odd: bool) -> None:
    prepared = templateprep.shipped(load_style(name, ROOT).template_path.read_bytes())
    assert prepared is not None
    assert _parts(name, odd, prepared) == _parts(name, odd, None)


def test_another_template_takes_the_normal_path(tmp_path: Path) -> None:
    data = (ROOT / "src" / "orderforge" / "templates" / BUNDLED[0] / "template.docx").read_bytes()
    assert templateprep.shipped(data) is not None
    assert templateprep.shipped(data + b"\0") is None  # an edited template: another SHA-256
    copy_path = tmp_path / "template.docx"
    copy_path.write_bytes(data + b"\0")
    assert open_template(copy_path).prepared is None


def test_another_jinja_or_lxml_uses_nothing_it_did_not_make(monkeypatch: pytest.MonkeyPatch) -> None:
    data = (ROOT / "src" / "orderforge" / "templates" / BUNDLED[0] / "template.docx").read_bytes()
    monkeypatch.setattr(templateprep, "jinja_version", lambda: "0.0")
    other_jinja = templateprep.shipped(data)
    assert other_jinja is not None and other_jinja.code == {} and other_jinja.sources
    monkeypatch.setattr(templateprep, "lxml_versions", lambda: [[0], [0]])
    other_lxml = templateprep.shipped(data)
    assert other_lxml is not None and not (other_lxml.code or other_lxml.sources or other_lxml.as_written)
    assert _parts(BUNDLED[0], True, other_jinja) == _parts(BUNDLED[0], True, None)


@given(st.text(alphabet=st.sampled_from(list("ab<>/&;#%}{-+ \n\r\t\"'xу"))))
def test_jinja_renders_a_plain_source_as_itself(text: str) -> None:
    env = render.make_env()
    if bodyrender._plain(text):
        assert env.from_string(text).render() == text


def test_a_first_build_in_a_bundled_style_imports_no_jinja(tmp_path: Path) -> None:
    """The record is what a real first build uses: Jinja neither lexes nor parses a bundled template, and its
    code runs without Jinja (bodycode.py), so neither Jinja nor docxtpl nor python-docx is imported."""
    import os
    import subprocess

    plan = ROOT / "plans" / "kaliningrad-committee-2026.yaml"
    code = ("import sys\nfrom pathlib import Path\nfrom orderforge.build import build_plan\n"
            f"build_plan(Path({str(plan)!r}), Path(sys.argv[1]))\nprint(sorted(m for m in sys.modules "
            "if m.split('.')[0] in ('jinja2', 'docxtpl', 'docx')))")
    env = {**os.environ, "ORDERFORGE_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path / "out")], cwd=ROOT, capture_output=True,
                          text=True, check=True, env=env)
    assert done.stdout.splitlines()[-1] == "[]"
    assert (tmp_path / "out" / f"{plan.stem}.docx").is_file()
