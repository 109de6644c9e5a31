"""build_plan checks, resolves and renders a plan with cycle collection paused, and always resumes it."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

import orderforge.render as render
from orderforge import UserError, build_plan


def test_a_plan_is_built_without_cycle_collection_and_collection_resumes(
        workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    real = render.render_docx

    def spy(*args: object, **kwargs: object) -> bytes:
        seen.append(gc.isenabled())
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(render, "render_docx", spy)
    assert gc.isenabled()
    result = build_plan(Path("plans/baltiysk-2024.yaml"), Path("out"))
    assert result.docx.is_file() and seen == [False] and gc.isenabled()
    with pytest.raises(UserError):
        build_plan(Path("plans/missing.yaml"), Path("out"))
    assert gc.isenabled()

