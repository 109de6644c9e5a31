"""The gate for foreign files: bombs, hostile XML and non-files are refused in Russian, fast, with bounded memory."""

from __future__ import annotations

import os
import resource
import time
import zipfile
from pathlib import Path

import pytest

from orderforge import safeio
from orderforge.diagnostics import UserError

SMALL = safeio.Limits(member_bytes=4 * 1024 * 1024, total_bytes=8 * 1024 * 1024, ratio_floor=64 * 1024)


def _zip(path: Path, members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _code(exc: pytest.ExceptionInfo[UserError]) -> str:
    return exc.value.diagnostics[0].code


def test_a_plain_package_reads(tmp_path: Path) -> None:
    path = _zip(tmp_path / "ok.docx", {"word/document.xml": b"<w:document xmlns:w='urn:x'><w:body/></w:document>"})
    with safeio.package(path) as pkg:
        assert pkg.has("word/document.xml")
        assert pkg.xml("word/document.xml").tag == "{urn:x}document"


@pytest.mark.parametrize("method", [zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2])
def test_declared_bomb_is_refused_before_inflating(tmp_path: Path, method: int) -> None:
    path = _zip(tmp_path / "bomb.docx", {"word/document.xml": b"\0" * (16 * 1024 * 1024)}, method)
    started = time.perf_counter()
    with pytest.raises(UserError) as exc:
        safeio.open_package(path, limits=SMALL)
    assert time.perf_counter() - started < 1.0
    assert _code(exc) == "OF072"
    assert "word/document.xml" in exc.value.diagnostics[0].message
    assert exc.value.exit_code == 2


def test_high_ratio_under_the_size_limit_is_refused(tmp_path: Path) -> None:
    path = _zip(tmp_path / "ratio.docx", {"word/document.xml": b"a" * (3 * 1024 * 1024)})
    with pytest.raises(UserError) as exc:
        safeio.open_package(path, limits=SMALL)
    assert _code(exc) == "OF072" and "сжата" in exc.value.diagnostics[0].message


def test_a_lying_declared_size_is_caught_while_reading(tmp_path: Path) -> None:
    """The central directory says 100 bytes; the stream inflates to 8 MiB: never more than the declared size is read."""
    path = _zip(tmp_path / "liar.docx", {"word/document.xml": os.urandom(1) * (8 * 1024 * 1024)})
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("word/document.xml")
    real = info.file_size.to_bytes(4, "little")
    data = data.replace(real, (100).to_bytes(4, "little"))  # local header and central directory alike
    path.write_bytes(bytes(data))
    pkg = safeio.open_package(path, limits=SMALL)
    with pytest.raises(UserError) as exc:
        pkg.read("word/document.xml")
    assert _code(exc) == "OF073"


@pytest.mark.parametrize("name", ["/etc/passwd", "../../x.xml", "word/../../x.xml", "C:/x.xml"])
def test_member_names_that_escape_are_refused(tmp_path: Path, name: str) -> None:
    path = _zip(tmp_path / "slip.docx", {name: b"<a/>"})
    with pytest.raises(UserError) as exc:
        safeio.open_package(path)
    assert _code(exc) == "OF074"


def test_too_many_members(tmp_path: Path) -> None:
    path = _zip(tmp_path / "many.docx", {f"p{i}.xml": b"<a/>" for i in range(30)})
    with pytest.raises(UserError) as exc:
        safeio.open_package(path, limits=safeio.Limits(members=20))
    assert _code(exc) == "OF074"


def test_fifo_and_device_are_refused_without_reading(tmp_path: Path) -> None:
    fifo = tmp_path / "x.docx"
    os.mkfifo(fifo)
    with pytest.raises(UserError) as exc:
        safeio.open_package(fifo)
    assert _code(exc) == "OF070"
    link = tmp_path / "zero.docx"
    link.symlink_to("/dev/zero")
    started = time.perf_counter()
    with pytest.raises(UserError) as exc:
        safeio.open_package(link)
    assert _code(exc) == "OF070" and time.perf_counter() - started < 1.0


def test_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "x.docx"
    path.write_text("это не zip", encoding="utf-8")
    with pytest.raises(UserError) as exc:
        safeio.open_package(path)
    assert _code(exc) == "OF073"


HOSTILE_XML = {
    "xxe-file": b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><d>&x;</d>',
    "xxe-url": b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "http://127.0.0.1:9/x">]><d>&x;</d>',
    "laughs": b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
              b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><d>&c;&c;&c;</d>',
    "quadratic": (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "' + b"x" * 100_000 + b'">]><d>'
                  + b"&a;" * 1000 + b"</d>"),
    "deep": b"<a>" * 300 + b"</a>" * 300,
    "huge-text": b"<a>" + b"x" * 11_000_000 + b"</a>",
    "control-ref": b"<a>&#11;</a>",
    "broken": b"<a><b></a>",
}


@pytest.mark.parametrize("name", sorted(HOSTILE_XML))
def test_hostile_xml_is_refused_in_russian(name: str) -> None:
    with pytest.raises(UserError) as exc:
        safeio.parse_xml(HOSTILE_XML[name], "x.docx", "word/document.xml")
    diag = exc.value.diagnostics[0]
    assert diag.code in {"OF075", "OF076"}
    assert "word/document.xml" in diag.message
    assert not any(word in diag.message for word in ("Entity", "line", "error", "Excessive"))


def test_doctype_after_a_long_prolog_is_still_refused() -> None:
    blob = b'<?xml version="1.0"?>' + b"<!-- " + b"x" * 5000 + b" -->" + b'<!DOCTYPE d [<!ENTITY x "y">]><d>&x;</d>'
    with pytest.raises(UserError) as exc:
        safeio.parse_xml(blob, "x.docx", "word/document.xml")
    assert exc.value.diagnostics[0].code in {"OF075", "OF076"}


def test_bomb_read_keeps_memory_bounded(tmp_path: Path) -> None:
    """Reading stops at the cap: peak RSS grows by about the cap, not by the 256 MiB the part inflates to."""
    path = tmp_path / "b.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive, archive.open("p.xml", "w") as part:
        block = b"\0" * (1024 * 1024)
        for _ in range(256):  # written in blocks, so building the bomb does not raise the peak itself
            part.write(block)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(UserError):
        with safeio.package(path, limits=safeio.Limits(member_bytes=2**40, ratio=10**9, total_bytes=2**40)) as pkg:
            pkg.limits = safeio.Limits(member_bytes=4 * 1024 * 1024)  # the declared size passed; the read cap holds
            pkg.read("p.xml")
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kib < 64 * 1024
