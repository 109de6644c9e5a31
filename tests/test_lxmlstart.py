"""lxml.etree starts without ``inspect`` in the command's process, and still has what it uses it for.

Each check runs in a fresh interpreter: in the test process inspect is loaded long before (pytest uses it),
and the finder then rightly does nothing.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from .conftest import ROOT


def _run(code: str, **env: str) -> str:
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, check=False,
                          cwd=ROOT, env={**os.environ, **env})
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_lxml_loads_without_inspect_and_a_parser_target_still_gets_its_namespaces() -> None:
    out = _run("""
        import sys
        from orderforge.lxmlstart import install
        install()
        from lxml import etree
        print("inspect" in sys.modules, type(sys.modules.get("inspect")).__name__)
        seen = []
        class Target:  # lxml asks inspect.getfullargspec whether start() takes the namespaces (else: TypeError)
            def start(self, tag, attrib, nsmap):
                seen.append(tag)
            def close(self):
                return seen
        parser = etree.XMLParser(target=Target())
        print(etree.fromstring('<w:a xmlns:w="urn:w"/>', parser), type(sys.modules["inspect"]).__name__)
        import inspect
        print(inspect.signature(len) is not None, inspect is sys.modules["inspect"])
    """)
    assert out.splitlines() == ["False NoneType", "['{urn:w}a'] module", "True True"]


def test_a_process_that_has_inspect_already_is_left_alone() -> None:
    out = _run("""
        import sys, inspect
        from orderforge.lxmlstart import EtreeFinder, install
        install()
        print(EtreeFinder in sys.meta_path)
        from lxml import etree
        print(sys.modules["inspect"] is inspect, etree.fromstring("<a/>").tag)
    """)
    assert out.splitlines() == ["False", "True a"]


def test_a_name_asked_of_the_stand_in_comes_from_the_real_inspect() -> None:
    out = _run("""
        import sys
        from orderforge.lxmlstart import _LazyInspect, _stand_in
        with _stand_in():
            stand_in = sys.modules["inspect"]
            print(type(stand_in).__name__, stand_in.isfunction(print), stand_in.getfullargspec(lambda a, b=1: 0).args)
        print(type(sys.modules["inspect"]).__name__)
    """)
    assert out.splitlines() == ["_LazyInspect False ['a', 'b']", "module"]


def test_the_command_process_builds_without_loading_inspect(tmp_path: Path) -> None:
    out = _run(f"""
        import atexit, sys
        atexit.register(lambda: print("inspect" in sys.modules, "lxml.etree" in sys.modules))
        sys.argv = ["orderforge", "build", "--force", "-o", {str(tmp_path)!r}, "plans/kaliningrad-committee-2026.yaml"]
        from orderforge.launch import main
        main()
    """, ORDERFORGE_CACHE_DIR=str(tmp_path / "cache"))  # empty: the document is rendered, with lxml
    assert out.splitlines()[-1] == "False True"
