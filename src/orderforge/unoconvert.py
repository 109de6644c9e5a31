"""The UNO side of :class:`orderforge.pdf.PdfConverter`: run by a Python that has LibreOffice's ``uno`` module.

orderforge's own interpreter (a venv) usually cannot import ``uno``: it ships with
LibreOffice (``program/python`` on Windows and macOS) or with the system Python
(Debian's python3-uno). So this file runs as a separate process under that
Python, standalone (standard library and ``uno`` only, nothing from orderforge),
connects to the LibreOffice that orderforge started with ``--accept``, and
converts the documents orderforge writes to its stdin as they come, one JSON
object a line: ``{"source": ..., "target": ...}``. Each answer is one JSON line
on stdout. End of stdin means «no more documents»: it asks LibreOffice to quit
and exits, so even an orderforge killed outright leaves no LibreOffice behind
once the current document is done.

If orderforge itself is killed outright (SIGKILL, no cleanup of its own), this is
what ends LibreOffice: asked to quit at the end of stdin, killed when it does not
(or when it never listened), by its process group, which orderforge passes.

Usage: python3 unoconvert.py PIPE_NAME CONNECT_SECONDS OFFICE_PROCESS_GROUP
"""

import json
import os
import signal
import sys
import time

PARENT = os.getppid()  # orderforge; when it dies, this process gets another parent


def _say(**fields):
    """One answer line; False when nobody reads any more (orderforge is gone)."""
    try:
        sys.stdout.write(json.dumps(fields, ensure_ascii=False) + "\n")
        sys.stdout.flush()
    except (OSError, ValueError):
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - also for the flush at exit
        return False
    return True


def _connect(uno, pipe, seconds):
    """LibreOffice's component context, retried until it listens (it is still starting when we are)."""
    from com.sun.star.connection import NoConnectException

    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + seconds
    while True:
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except NoConnectException:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.02)
    return context


def _remember_version(uno, context):
    """Record in the profile that this LibreOffice version has started in it, as its window does on a first start.

    Headless, LibreOffice never records it, so every start counts as the first of a new version and
    runs its graphics self-test (GraphicsRenderTests, over a second of CPU, before it even listens);
    a profile seed that holds the version starts without it. The test only chooses a screen renderer:
    PDF export does not use one.
    """
    provider = context.ServiceManager.createInstanceWithContext(
        "com.sun.star.configuration.ConfigurationProvider", context)
    product = provider.createInstanceWithArguments("com.sun.star.configuration.ConfigurationUpdateAccess",
                                                   _props(uno, nodepath="/org.openoffice.Setup/Product"))
    version = product.getByName("ooSetupVersion")
    if product.getByName("ooSetupLastVersion") != version:
        product.replaceByName("ooSetupLastVersion", version)
        product.commitChanges()


def _props(uno, **values):
    from com.sun.star.beans import PropertyValue

    result = []
    for name, value in values.items():
        prop = PropertyValue()
        prop.Name, prop.Value = name, value
        result.append(prop)
    return tuple(result)


def _convert(uno, desktop, source, target):
    """One document, as ``soffice --convert-to pdf`` does it: loaded hidden, stored through writer_pdf_Export.

    No macro runs and no linked content is fetched: the document may come from anywhere.
    """
    document = desktop.loadComponentFromURL(uno.systemPathToFileUrl(source), "_blank", 0,
                                            _props(uno, Hidden=True, ReadOnly=True, MacroExecutionMode=0,
                                                   UpdateDocMode=0))
    if document is None:
        raise RuntimeError("document not loaded")
    try:
        document.storeToURL(uno.systemPathToFileUrl(target), _props(uno, FilterName="writer_pdf_Export"))
    finally:
        document.close(True)


def _end_office(group, seconds=10.0):
    """Wait for LibreOffice's process group to be gone, and kill it when it is not within ``seconds``.

    orderforge ends the group itself as soon as it has its PDFs (and only it can reap the
    processes); this matters only when orderforge is no longer there to do it, which shows
    as this process having another parent now.
    """
    if group <= 0 or not hasattr(os, "killpg") or os.getppid() == PARENT:
        return
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except OSError:
            return
        time.sleep(0.1)
    try:
        os.killpg(group, signal.SIGKILL)
    except OSError:
        pass


def main():
    pipe, seconds, group = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
    try:
        import uno
    except ImportError as exc:
        _say(event="fatal", error=f"no uno module: {exc}")
        return 3
    try:
        context = _connect(uno, pipe, seconds)
        desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
    except Exception as exc:  # noqa: BLE001 - any failure here means: use the one-shot path
        _say(event="fatal", error=f"{type(exc).__name__}: {exc}")
        _end_office(group, 0)
        return 4
    heard = _say(event="ready")
    for line in sys.stdin if heard else ():
        job = json.loads(line)
        try:
            _convert(uno, desktop, job["source"], job["target"])
            heard = _say(source=job["source"], ok=True)
        except Exception as exc:  # noqa: BLE001 - reported per document; a dead LibreOffice ends the loop
            heard = _say(source=job["source"], ok=False, error=f"{type(exc).__name__}: {exc}")
            if "Disposed" in type(exc).__name__:
                _end_office(group, 0)
                return 5
        if not heard:  # orderforge is gone: the rest would be for nobody
            break
    try:  # after the documents: only a profile kept as the seed needs it
        _remember_version(uno, context)
    except Exception:  # noqa: BLE001,S110 - a profile without it only starts slower
        pass
    try:
        desktop.terminate()
    except Exception:  # noqa: BLE001,S110 - it is going away either way
        pass
    _end_office(group)
    return 0


if __name__ == "__main__":
    sys.exit(main())
