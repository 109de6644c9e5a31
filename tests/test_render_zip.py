"""The package writer (render._zip): the parts as given, deflated at zlib's fast level, byte-identical twice."""

from __future__ import annotations

import io
import zipfile
import zlib

from hypothesis import given, settings
from hypothesis import strategies as st

from orderforge.render import FIXED_ZIP_TIME, ZIP_LEVEL, _zip

_PART = st.binary(max_size=3000) | st.text(alphabet="<w:t>аб &;", max_size=3000).map(str.encode)


def _deflated(data: bytes) -> bytes:
    compressor = zlib.compressobj(ZIP_LEVEL, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


@settings(max_examples=40, deadline=None)
@given(st.lists(_PART, min_size=1, max_size=5), st.booleans())
def test_parts_come_back_as_given_deflated_at_the_fast_level(blobs: list[bytes], pieces: bool) -> None:
    parts = [(f"word/p{n}.xml", [b[:7], b[7:]] if pieces else b) for n, b in enumerate(blobs)]
    data = _zip(parts)
    assert data == _zip(parts)  # no clock, no randomness: two builds give the same bytes
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
    info = zipfile.ZipFile(io.BytesIO(data := _zip([("word/document.xml", rows)]))).infolist()[0]
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    stored = data[start:start + info.compress_size]
    assert stored == _deflated(rows) and stored != zlib.compress(rows, 6)[2:-4]
