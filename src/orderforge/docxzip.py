"""The .docx package written the same way every time: fixed timestamps and permissions, zlib's fast level.

Two builds of the same plan give byte-identical files (git, the build cache and the tests rely on it), and
a large document.xml is deflated as its rows are made, in a second thread (:func:`_write_overlapped`).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence

FIXED_ZIP_TIME = (2000, 1, 1, 0, 0, 0)

#: zlib's level for every part. Levels 1–3 are zlib's fast strategy, 4–9 its lazy matching: at 5,000
#: activities level 3 deflates the 8 MB of XML in 20 ms where the default 6 took 55 ms (a tenth of the
#: build's own work); the .docx is 350 KB instead of 220 KB, the same parts byte for byte.
ZIP_LEVEL = 3


def zip_parts(parts: Sequence[tuple[str, bytes | Iterable[bytes]]]) -> bytes:
    """The package with fixed timestamps and permissions, so that two builds are byte-identical.

    A part given as pieces is compressed as they come, so that a large document.xml is never held whole.
    """
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=ZIP_LEVEL) as target:
        for name, blob in parts:
            fixed = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed._compresslevel = ZIP_LEVEL  # type: ignore[attr-defined]  # a ZipInfo given is written at its own
            fixed.external_attr = 0o644 << 16
            if isinstance(blob, bytes):
                target.writestr(fixed, blob)
                continue
            with target.open(fixed, "w") as stream:
                _write_overlapped(stream.write, _chunks(blob))
    return out.getvalue()


def _write_overlapped(write: Callable[[bytes], object], chunks: Iterator[bytes]) -> None:
    """``write`` every chunk, in a second thread while this one makes the next: zlib's compressor and CRC
    release the GIL, so deflating a chunk overlaps rendering the rows of the next (5,000 activities: the
    18 ms of deflate hidden behind the rows). The same calls in the same order: the same bytes.

    A part of one chunk (a plan of a few hundred activities) is written here, with no thread. At most
    four chunks wait, so the document is still never held whole. Whatever fails — a chunk that cannot
    be made, an interrupt, the write itself — the thread is joined before the error goes on.
    """
    first = next(chunks, None)
    second = next(chunks, None) if first is not None else None
    if second is None:
        if first is not None:
            write(first)
        return
    import threading
    from queue import Queue

    pending: Queue[bytes | None] = Queue(maxsize=4)
    failed: list[BaseException] = []

    def drain() -> None:
        while (chunk := pending.get()) is not None:
            if not failed:
                try:
                    write(chunk)
                except BaseException as exc:  # noqa: BLE001 - handed to the making thread, raised there
                    failed.append(exc)

    worker = threading.Thread(target=drain, name="orderforge-deflate", daemon=True)
    worker.start()
    try:
        pending.put(first)
        pending.put(second)
        for chunk in chunks:
            if failed:
                break
            pending.put(chunk)
    finally:
        pending.put(None)
        worker.join()
    if failed:
        raise failed[0]


def _chunks(pieces: Iterable[bytes], size: int = 1 << 18) -> Iterator[bytes]:
    """The pieces (a row each) joined into chunks of about ``size`` bytes: zipfile's write, with its CRC and
    compressor calls, then runs a few dozen times for 5,000 rows instead of once per row."""
    batch: list[bytes] = []
    held = 0
    for piece in pieces:
        batch.append(piece)
        held += len(piece)
        if held >= size:
            yield b"".join(batch)
            batch, held = [], 0
    if batch:
        yield b"".join(batch)
