"""PDF batches: a skipped file is retried with a word to the clerk; a file that ran out of time is not retried."""

from __future__ import annotations

from pathlib import Path

import pytest

from orderforge import pdf


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    seen: list[list[str]] = []
    monkeypatch.setattr(pdf, "find_soffice", lambda: "soffice")
    return seen


def test_a_file_that_ran_out_of_time_is_not_retried_silently(calls: list[list[str]], tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    def slow(soffice: str, sources: list[Path], target: str, outdir: Path, timeout: float) -> bool:
        calls.append([s.name for s in sources])
        return False

    monkeypatch.setattr(pdf, "run_soffice", slow)
    said: list[str] = []
    done = pdf.convert_many([(tmp_path / "big.docx", tmp_path / "big.pdf")], timeout=5, progress=said.append)
    assert done == {} and calls == [["big.docx"]]
    assert len(said) == 1 and "не уложился в 5 с" in said[0]


def test_a_file_the_batch_skipped_is_retried_and_said(calls: list[list[str]], tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    def skips_b(soffice: str, sources: list[Path], target: str, outdir: Path, timeout: float) -> bool:
        calls.append([s.name for s in sources])
        for source in sources:
            if source.name != "b.docx" or len(sources) == 1:
                (outdir / source.with_suffix(".pdf").name).write_bytes(b"%PDF-1.4\n")
        return True

    monkeypatch.setattr(pdf, "run_soffice", skips_b)
    jobs = [(tmp_path / f"{n}.docx", tmp_path / f"{n}.pdf") for n in ("a", "b", "c")]
    said: list[str] = []
    done = pdf.convert_many(jobs, progress=said.append)
    assert set(done) == {docx for docx, _ in jobs}
    assert calls == [["a.docx", "b.docx", "c.docx"], ["b.docx"]]
    assert len(said) == 1 and "b.docx" in said[0] and "повторяю" in said[0]


def test_a_lone_file_that_gave_no_pdf_is_not_run_again(calls: list[list[str]], tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Retrying alone is for a file a larger batch skipped; a file that was alone already failed alone (a broken
    .docx handed over by PdfConverter): running it again would only cost another LibreOffice start."""
    def gives_nothing(soffice: str, sources: list[Path], target: str, outdir: Path, timeout: float) -> bool:
        calls.append([s.name for s in sources])
        return True

    monkeypatch.setattr(pdf, "run_soffice", gives_nothing)
    said: list[str] = []
    done = pdf.convert_many([(tmp_path / "broken.docx", tmp_path / "broken.pdf")], progress=said.append)
    assert done == {} and calls == [["broken.docx"]] and said == []


def test_the_profile_seed_lives_in_the_user_cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The seed is kept where every other cache is (paths.cache_dir, which honours ORDERFORGE_CACHE_DIR),
    one per LibreOffice installation: another program (or the same one changed) gets another seed."""
    soffice, other = tmp_path / "soffice", tmp_path / "other" / "soffice"
    for program in (soffice, other):
        program.parent.mkdir(parents=True, exist_ok=True)
        program.write_bytes(b"#!/bin/sh\n")
    monkeypatch.setenv("ORDERFORGE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    seed = pdf.profile_seed(str(soffice))
    assert seed is not None and seed.parent == tmp_path / "cache"
    assert seed.name.startswith("libreoffice-profile-")
    assert pdf.profile_seed(str(soffice)) == seed
    assert pdf.profile_seed(str(other)) not in (seed, None)
    assert pdf.profile_seed(str(tmp_path / "missing")) is None
