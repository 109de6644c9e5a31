"""The one gate for foreign files: every .docx, .xlsx or template a clerk was sent.

A committee opens Word files that arrive by e-mail and house styles made
elsewhere, so reading them is a security boundary. Everything that opens a zip
package or parses its XML goes through this module, which is why the limits
below are stated once, here (docs/security.md repeats them for clerks):

* only a regular file is opened — a FIFO named ``x.docx`` would hang the
  reader and ``/dev/zero`` would be read without end;
* a zip's member count, each member's declared size, the total and the
  compression ratio are checked *before* anything is inflated, and members are
  then read in bounded chunks, so a declared size that lies is caught too
  (a zip bomb is refused in milliseconds, not after gigabytes);
* member names that are absolute or climb out with ``..`` are refused;
* XML is parsed with no DTD at all (no entities, so no XXE, billion laughs or
  quadratic blow-up), no network, and libxml2's own depth and text-node
  limits (``huge_tree`` off) — the set defusedxml documents.

Every refusal is a :class:`~orderforge.diagnostics.UserError` with a stable
code (OF070–OF076), a Russian message that names the file and the part, and
exit code 2. lxml is imported only when XML is actually parsed.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .diagnostics import UserError
from .safefile import _mib as _mib
from .safefile import check_regular_file as check_regular_file
from .safefile import read_bytes as read_bytes
from .slotted import FrozenSlotted, Slotted

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs a build's start-up (issue 12)
    from typing import IO

    from lxml import etree

    #: Deflated parts as a zip stores them: name → (data, CRC, size) (:meth:`ForeignPackage.stored`).
    Stored = dict[str, tuple[bytes, int, int]]


class Limits(FrozenSlotted):
    """What a foreign package may hold. Word files of real plans are far below each figure.

    A plain class, not a dataclass: a build's start-up does without dataclasses (slotted.py says why)."""

    __slots__ = ("file_bytes", "members", "member_bytes", "total_bytes", "ratio", "ratio_floor", "chunk")
    file_bytes: int  # the .docx/.xlsx itself, compressed
    members: int  # parts in the package
    member_bytes: int  # one part, inflated
    total_bytes: int  # all parts, inflated
    ratio: int  # inflated ÷ compressed, for parts over ratio_floor
    ratio_floor: int  # small parts compress well legitimately (a 1 KiB run of spaces)
    chunk: int  # read size while inflating

    def __init__(self, file_bytes: int = 200 * 1024 * 1024, members: int = 5_000, member_bytes: int = 128 * 1024 * 1024,
                 total_bytes: int = 512 * 1024 * 1024, ratio: int = 200, ratio_floor: int = 1024 * 1024,
                 chunk: int = 1024 * 1024) -> None:
        for name, value in (("file_bytes", file_bytes), ("members", members), ("member_bytes", member_bytes),
                            ("total_bytes", total_bytes), ("ratio", ratio), ("ratio_floor", ratio_floor),
                            ("chunk", chunk)):
            object.__setattr__(self, name, value)


LIMITS = Limits()

#: Codes of this module; all are the clerk's input or environment, so the CLI exits 2.
CODES = frozenset({"OF070", "OF071", "OF072", "OF073", "OF074", "OF075", "OF076"})

_HINT_RESAVE = ("откройте файл в Word, Excel или LibreOffice и сохраните его заново; "
                "если файл прислали, попросите прислать его ещё раз")


def _refuse(code: str, where: str, message: str, hint: str = _HINT_RESAVE) -> UserError:
    return UserError.simple(code, where, message, hint, exit_code=2)


class ForeignPackage:
    """A zip package (.docx, .xlsx) whose members were checked before any is read.

    Use :func:`open_package`; read parts with :meth:`read` (bytes, bounded) or
    :meth:`xml` (a hardened parse). Names are compared as stored in the zip.
    """

    def __init__(self, archive: zipfile.ZipFile, where: str, limits: Limits) -> None:
        self._zip = archive
        self.where = where
        self.limits = limits
        self._infos = {info.filename: info for info in archive.infolist()}
        self._read_total = 0
        #: Set by :meth:`share`: every part read, and the parts its readers parsed (:func:`lenient_xml`)
        self.kept: dict[str, bytes] | None = None
        self.parsed: dict[str, etree._Element] | None = None

    def share(self) -> None:
        """Keep every part once read, for several readers of the package (``import`` reads the body, the list
        labels and the style made from the document from one reading: each part inflated once)."""
        if self.kept is None:
            self.kept, self.parsed = {}, {}

    def named(self, where: str) -> ForeignPackage:
        """This package, its parts shared, for a reader whose refusals name the file ``where``."""
        other = ForeignPackage.__new__(ForeignPackage)
        other.__dict__.update(self.__dict__)
        other.where, other._read_total = where, 0
        return other

    def read_all(self) -> PackageParts:
        """Every part in the zip's order (those read before taken as kept), each read's refusal (OF072,
        OF073) kept in its place instead of raised: the reader that comes later raises it where it would
        have read the part."""
        self.share()
        blobs: dict[str, bytes | UserError] = {}
        for name in self._infos:
            try:
                blobs[name] = self.read(name)
            except UserError as exc:
                blobs[name] = exc
        read = {name: blob for name, blob in blobs.items() if isinstance(blob, bytes)}
        return PackageParts(blobs, self.parsed or {}, self.stored(read))

    def stored(self, read: dict[str, bytes]) -> Stored:
        """Each deflated part's data as the zip stores it, with its CRC and size, for a writer that copies the
        part unchanged (the style made from a document) instead of deflating it again: the two stylesheets of
        a Word file alone took 30 M instructions to deflate (issue 11). Only the parts in ``read`` (read from
        this package) are given: reading inflated each whole and checked it against its CRC, so the data is
        known to be sound."""
        out: Stored = {}
        for name, info in self._infos.items():
            blob = read.get(name)
            if blob is None or info.compress_type != zipfile.ZIP_DEFLATED or info.flag_bits & 0x1 or \
                    info.file_size != len(blob):
                continue
            data = self._stored_data(info)
            if data is not None:
                out[name] = (data, info.CRC, info.file_size)
        return out

    def _stored_data(self, info: zipfile.ZipInfo) -> bytes | None:
        """The member's compressed bytes, after its local header (read as zipfile.ZipFile.open reads it)."""
        import struct

        handle = self._zip.fp
        if handle is None:
            return None
        handle.seek(info.header_offset)
        header = handle.read(zipfile.sizeFileHeader)  # type: ignore[attr-defined]
        if len(header) != zipfile.sizeFileHeader:  # type: ignore[attr-defined]
            return None
        fields = struct.unpack(zipfile.structFileHeader, header)  # type: ignore[attr-defined]
        if fields[0] != zipfile.stringFileHeader:  # type: ignore[attr-defined]
            return None
        handle.seek(fields[10] + fields[11], 1)  # the file name's and the extra field's lengths
        data = handle.read(info.compress_size)
        return data if len(data) == info.compress_size else None

    def names(self) -> list[str]:
        return list(self._infos)

    def has(self, name: str) -> bool:
        return name in self._infos

    def size(self, name: str) -> int:
        """The part's size as the zip declares it (checked against the limits when the package was opened)."""
        return self._infos[name].file_size

    def read(self, name: str) -> bytes:
        """The part's bytes, inflated in chunks; a part that inflates past its limit is refused (OF072)."""
        info = self._infos.get(name)
        if info is None:
            raise KeyError(name)
        kept = self.kept.get(name) if self.kept is not None else None
        if kept is not None:
            return kept
        cap = min(self.limits.member_bytes, self.limits.total_bytes - self._read_total)
        chunks: list[bytes] = []
        size = 0
        try:
            with self._zip.open(info) as stream:
                for chunk in _chunks(stream, self.limits.chunk):
                    size += len(chunk)
                    if size > cap:
                        raise _refuse("OF072", self.where, f"часть «{name}» распаковывается в слишком большой объём "
                                      f"(больше {_mib(cap)}): это похоже на «zip-бомбу»")
                    chunks.append(chunk)
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, ValueError, OSError):
            raise _refuse("OF073", self.where, f"часть «{name}» повреждена и не читается") from None
        self._read_total += size
        blob = b"".join(chunks)
        if self.kept is not None:
            self.kept[name] = blob
        return blob

    def stream(self, name: str) -> IO[bytes]:
        """The part as a stream, for a reader that counts in chunks and holds nothing (zipfile stops at the
        declared size, which :func:`open_package` has bounded)."""
        return self._zip.open(self._infos[name])

    def xml(self, name: str) -> etree._Element:
        """The part parsed as XML through the hardened parser (see :func:`parse_xml`)."""
        return parse_xml(self.read(name), self.where, name)

    def close(self) -> None:
        self._zip.close()

    def __enter__(self) -> ForeignPackage:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class PackageParts(Slotted):
    """A package read whole by :meth:`ForeignPackage.read_all`: each part's bytes (or the refusal reading it
    gave), in the zip's order, and the parts parsed on the way (name → root), which a later reader takes
    instead of parsing them again."""

    __slots__ = ("blobs", "parsed", "stored")
    blobs: dict[str, bytes | UserError]
    parsed: dict[str, etree._Element]
    stored: Stored  # :meth:`ForeignPackage.stored`

    def __init__(self, blobs: dict[str, bytes | UserError], parsed: dict[str, etree._Element], stored: Stored
                 ) -> None:
        self.blobs, self.parsed, self.stored = blobs, parsed, stored


def _chunks(stream: IO[bytes], size: int) -> Iterator[bytes]:
    while True:
        chunk = stream.read(size)
        if not chunk:
            return
        yield chunk


def open_package(path: Path, display: str | None = None, limits: Limits = LIMITS,
                 kind: str = "документ Word (.docx)") -> ForeignPackage:
    """Open a foreign zip package after checking the file and every member's declared figures.

    Refusals: OF070 not a regular file, OF071 the file itself too large, OF073 not a zip
    (or damaged), OF074 too many parts or a part name that is absolute or climbs out,
    OF072 a declared size or ratio past the limits.
    """
    where = display or str(path)
    info = check_regular_file(path, where)
    if info.st_size > limits.file_bytes:
        raise _refuse("OF071", where, f"файл слишком большой: {_mib(info.st_size)}, допустимо не более "
                      f"{_mib(limits.file_bytes)}", "разделите документ на части")
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise _refuse("OF073", where, f"это не {kind} или файл повреждён") from None
    try:
        _check_members(archive.infolist(), where, limits)
    except BaseException:
        archive.close()
        raise
    return ForeignPackage(archive, where, limits)


def _check_members(infos: list[zipfile.ZipInfo], where: str, limits: Limits) -> None:
    if len(infos) > limits.members:
        raise _refuse("OF074", where, f"в файле слишком много частей ({len(infos)}, допустимо {limits.members})")
    total = 0
    for info in infos:
        _check_name(info.filename, where)
        if info.file_size > limits.member_bytes:
            raise _refuse("OF072", where, f"часть «{info.filename}» объявляет размер {_mib(info.file_size)}, "
                          f"допустимо не более {_mib(limits.member_bytes)}: это похоже на «zip-бомбу»")
        if info.file_size > limits.ratio_floor and info.file_size > limits.ratio * max(info.compress_size, 1):
            times = info.file_size // max(info.compress_size, 1)
            raise _refuse("OF072", where, f"часть «{info.filename}» сжата в {times} "
                          f"раз (допустимо до {limits.ratio}): это похоже на «zip-бомбу»")
        total += info.file_size
    if total > limits.total_bytes:
        raise _refuse("OF072", where, f"части файла вместе распаковываются в {_mib(total)}, допустимо не более "
                      f"{_mib(limits.total_bytes)}: это похоже на «zip-бомбу»")


def _check_name(name: str, where: str) -> None:
    parts = name.replace("\\", "/").split("/")
    if name.startswith(("/", "\\")) or ".." in parts or (len(name) > 1 and name[1] == ":"):
        raise _refuse("OF074", where, f"недопустимое имя части «{name}» (абсолютный путь или выход из архива)")


@contextmanager
def package(path: Path, display: str | None = None, limits: Limits = LIMITS) -> Iterator[ForeignPackage]:
    """``with package(path) as pkg:`` — :func:`open_package` as a context manager."""
    opened = open_package(path, display, limits)
    try:
        yield opened
    finally:
        opened.close()


_PARSER: etree.XMLParser | None = None


def _parser() -> etree.XMLParser:
    """One hardened parser: no DTD loading, no entity resolution, no network, libxml2's default depth/size caps."""
    global _PARSER
    if _PARSER is None:
        from lxml import etree

        _PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                                  huge_tree=False, remove_comments=False)
    return _PARSER


def parse_xml(blob: bytes, where: str, part: str) -> etree._Element:
    """Parse one part of a foreign file; a DOCTYPE, an entity or anything libxml2 refuses is OF075/OF076.

    Word never writes a DTD into a package, so any DOCTYPE is refused outright:
    that closes XXE (local file or URL), billion laughs and quadratic blow-up at once.
    """
    from lxml import etree

    head = blob[:4096].lstrip()
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        raise _refuse("OF075", where, f"часть «{part}» содержит объявление DTD или сущностей — в документах Word "
                      "их не бывает, файл мог быть изготовлен для атаки; он не читается")
    try:
        root = etree.fromstring(blob, parser=_parser())
    except etree.XMLSyntaxError as exc:
        raise _refuse("OF076", where, f"часть «{part}» не является правильным XML: {_xml_reason(exc)}") from None
    except ValueError:
        raise _refuse("OF076", where, f"часть «{part}» не является правильным XML") from None
    if root.getroottree().docinfo.doctype:  # a DOCTYPE after a long prolog
        raise _refuse("OF075", where, f"часть «{part}» содержит объявление DTD — в документах Word его не бывает")
    return root


def lenient_xml(blob: bytes, where: str, part: str, parsed: dict[str, etree._Element] | None = None
                ) -> etree._Element | None:
    """An optional part (styles, numbering): None when it is merely damaged, so the text is still read.

    A DTD or entity declaration is not damage but a hostile file, and is refused all the same (OF075).
    A root parsed is put in ``parsed`` (a shared package's, :meth:`ForeignPackage.share`): what
    :func:`parse_xml` gave, so a later strict reader of the part takes it as its own parse.
    """
    try:
        root = parse_xml(blob, where, part)
    except UserError as exc:
        if any(d.code == "OF075" for d in exc.diagnostics):
            raise
        return None
    if parsed is not None:
        parsed[part] = root
    return root


_XML_REASONS = (
    ("Excessive depth", "слишком глубокая вложенность элементов"),
    ("huge", "слишком большой текстовый узел"),
    ("xmlSAX2Characters", "слишком большой текстовый узел"),
    ("Entity", "ссылка на сущность"),
    ("CharRef", "недопустимый символ"),
    ("PCDATA invalid Char", "недопустимый управляющий символ"),
    ("not well-formed", "нарушена разметка"),
    ("Premature end", "файл обрывается"),
    ("Start tag expected", "нет корневого элемента"),
)


def _xml_reason(exc: Exception) -> str:
    """libxml2's English reason, named in Russian (the original is not what the clerk must act on)."""
    text = str(exc)
    for needle, russian in _XML_REASONS:
        if needle.lower() in text.lower():
            return russian
    return "нарушена разметка"
