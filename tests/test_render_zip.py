"""The package writer (docxzip.zip_parts): the parts as given, deflated at zlib's fast level, byte-identical twice."""

from __future__ import annotations

import io
import threading
import zipfile
import zlib
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orderforge.docxzip import FIXED_ZIP_TIME, ZIP_LEVEL, zip_parts

_PART = st.binary(max_size=3000) | st.text(alphabet="<w:t>аб &;", max_size=3000).map(str.encode)


def _deflated(data: bytes) -> bytes:
    compressor = zlib.compressobj(ZIP_LEVEL, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


@settings(max_examples=40, deadline=None)
@given(st.lists(_PART, min_size=1, max_size=5), st.booleans())
def test_parts_come_back_as_given_deflated_at_the_fast_level(blobs: list[bytes], pieces: bool) -> None:
    parts = [(f"word/p{n}.xml", [b[:7], b[7:]] if pieces else b) for n, b in enumerate(blobs)]
    data = zip_parts(parts)
    assert data == zip_parts(parts)  # no clock, no randomness: two builds give the same bytes
    package = zipfile.ZipFile(io.BytesIO(data))
    assert [info.filename for info in package.infolist()] == [name for name, _ in parts]
    for info, blob in zip(package.infolist(), blobs, strict=True):
        assert package.read(info) == blob
        assert info.date_time == FIXED_ZIP_TIME and info.compress_type == zipfile.ZIP_DEFLATED
        # the stored stream is zlib's at ZIP_LEVEL (a part given in pieces is compressed as they come)
        if not pieces:
            start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
            assert data[start:start + info.compress_size] == _deflated(blob)


def test_a_large_document_is_deflated_at_the_fast_level_not_zlibs_default() -> None:
    rows = b"".join(f"<w:tr><w:tc><w:p><w:r><w:t>Мероприятие {n} — {n * 7919 % 1000}</w:t></w:r></w:p></w:tc></w:tr>"
                    .encode() for n in range(20_000))
    info = zipfile.ZipFile(io.BytesIO(data := zip_parts([("word/document.xml", rows)]))).infolist()[0]
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    stored = data[start:start + info.compress_size]
    assert stored == _deflated(rows) and stored != zlib.compress(rows, 6)[2:-4]


def _rows(count: int, seed: int = 0) -> list[bytes]:
    return [f"<w:tr><w:t>Мероприятие {n} — {(n + seed) * 7919 % 100_003}</w:t></w:tr>".encode() for n in range(count)]


def _one_thread(parts: list[tuple[str, list[bytes]]]) -> bytes:
    """What zip_parts wrote before it deflated in a second thread: the same chunks, written in turn."""
    from orderforge import docxzip

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=ZIP_LEVEL) as target:
        for name, pieces in parts:
            fixed = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed._compresslevel = ZIP_LEVEL  # type: ignore[attr-defined]
            fixed.external_attr = 0o644 << 16
            with target.open(fixed, "w") as stream:
                for chunk in docxzip._chunks(pieces):
                    stream.write(chunk)
    return out.getvalue()


@settings(max_examples=15, deadline=None)
@given(st.integers(min_value=0, max_value=40_000), st.integers(min_value=0, max_value=99))
def test_a_part_of_many_chunks_is_deflated_in_a_thread_to_the_same_bytes(count: int, seed: int) -> None:
    """From one chunk (no thread) to a dozen (5,000 activities' worth): the bytes one thread wrote."""
    parts = [("word/styles.xml", [b"<styles/>"]), ("word/document.xml", _rows(count, seed))]
    assert zip_parts(parts) == _one_thread(parts)
    assert zipfile.ZipFile(io.BytesIO(zip_parts(parts))).read("word/document.xml") == b"".join(parts[1][1])


def test_a_failure_while_the_rows_are_made_stops_the_thread_and_goes_on() -> None:
    """An error in the rows (a template that breaks mid-table) or Ctrl+C reaches the caller, no thread left."""
    def broken() -> Iterator[bytes]:
        yield from _rows(30_000)
        raise KeyboardInterrupt

    before = threading.active_count()
    with pytest.raises(KeyboardInterrupt):
        zip_parts([("word/document.xml", broken())])
    assert threading.active_count() == before


def test_a_failing_write_is_raised_in_the_caller(monkeypatch: pytest.MonkeyPatch) -> None:
    """The deflating thread's error (a full disk would be one, for a writer to a file) is not swallowed."""
    from orderforge import docxzip

    calls: list[int] = []

    def write(chunk: bytes) -> None:
        calls.append(len(chunk))
        if len(calls) == 2:
            raise OSError("no space left")

    with pytest.raises(OSError, match="no space left"):
        docxzip._write_overlapped(write, docxzip._chunks(iter(_rows(40_000))))
    assert len(calls) == 2  # nothing more is written after the failure
