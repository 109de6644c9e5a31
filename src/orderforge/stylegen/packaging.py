"""The packages of a style made from a Word file (template.docx, amend.docx): the committee's parts with a
new body, laid out byte for byte as zipfile lays them out, each shared part compressed once or, when the
source stores it deflated and it is copied unchanged, taken as stored (issue 11)."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..safeio import Stored

_BODY = "word/document.xml"
_DATE = (2000, 1, 1, 0, 0, 0)  # every member's time: the same document gives the same bytes
_DOS_DATE, _DOS_TIME = (_DATE[0] - 1980) << 9 | _DATE[1] << 5 | _DATE[2], _DATE[3] << 11 | _DATE[4] << 5 | _DATE[5] // 2


def _package(parts: dict[str, bytes], document: bytes) -> bytes:
    """The committee's package with a new body: every other part (styles, numbering, headers, media) as it was.

    As zipfile writes it; :func:`_packages` writes these very bytes faster (tests/test_stylegen_shortcuts.py)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, blob in parts.items():
            info = zipfile.ZipInfo(name, date_time=_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, document if name == _BODY else blob)
    return out.getvalue()


def _packages(parts: dict[str, bytes], documents: list[bytes],
              stored: Stored | None = None) -> list[bytes]:
    """:func:`_package` for each new body (template.docx, amend.docx), every shared part compressed once.

    Deflating the committee's styles (often two copies of some 400 KB) for each package was most of the
    packing; the archive around the compressed parts is laid out here as zipfile lays it out. A part the
    source stores deflated and that is copied unchanged (``stored``: data, CRC, size) keeps the source's
    deflated data instead: the same part inflates from it (tests/test_stylegen_shortcuts.py)."""
    if len(parts) >= 0xFFFF or sum(map(len, parts.values())) + max(map(len, documents)) >= 0x7FFFFFFF:
        return [_package(parts, document) for document in documents]  # ZIP64 territory: zipfile's own way
    stored = stored or {}
    shared = {name: stored.get(name) or _deflated(blob) for name, blob in parts.items() if name != _BODY}
    return [_archive(parts, shared, _deflated(document)) for document in documents]


def _deflated(blob: bytes) -> tuple[bytes, int, int]:
    """A member's data as zipfile deflates it (one write of the whole part), its CRC and size."""
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    return compressor.compress(blob) + compressor.flush(), zlib.crc32(blob), len(blob)


def _archive(names: dict[str, bytes], shared: dict[str, tuple[bytes, int, int]], body: tuple[bytes, int, int]
             ) -> bytes:
    """The local headers and data, the central directory and its end record, byte for byte zipfile's."""
    out = bytearray()
    central = bytearray()
    for name in names:
        data, crc, size = body if name == _BODY else shared[name]
        info = zipfile.ZipInfo(name, date_time=_DATE)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        info.CRC, info.compress_size, info.file_size = crc, len(data), size
        offset = len(out)
        out += info.FileHeader(False)
        out += data
        encoded, flags = (info.filename.encode("utf-8"), 0 if info.filename.isascii() else 0x800)
        central += struct.pack(zipfile.structCentralDir, zipfile.stringCentralDir,  # type: ignore[attr-defined]
                               info.create_version, info.create_system, info.extract_version, info.reserved,
                               flags, info.compress_type, _DOS_TIME, _DOS_DATE, crc,
                               len(data), size, len(encoded), 0, 0, 0, info.internal_attr, info.external_attr,
                               offset)
        central += encoded
    end = struct.pack(zipfile.structEndArchive, zipfile.stringEndArchive,  # type: ignore[attr-defined]
                      0, 0, len(names), len(names), len(central), len(out), 0)
    return bytes(out + central + end)
