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


def test_a_build_leaves_no_collection_behind_and_its_garbage_goes_with_the_next_build(
        workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No collection of the survivors when a (large) build ends (the young generation is empty); the cyclic
    garbage it left is collected when the next build starts: a process keeps at most one plan's garbage."""
    import orderforge.build as build

    monkeypatch.setattr(build, "_DEFER_ABOVE", 0)  # the example plan is small
    plan = Path("plans/baltiysk-2024.yaml")
    build_plan(plan, Path("out"))
    gc.collect()
    build_plan(plan, Path("out"))
    assert gc.get_count()[0] < 100 and gc.isenabled()
    one = gc.collect()
    assert one > 100  # the plan's cyclic model, left for later
    for _ in range(3):
        build_plan(plan, Path("out"))
    assert gc.collect() <= one * 1.5  # not four builds' worth
