"""``build -j N`` streams: each changed plan goes to the workers as soon as its inputs are checked.

The pool starts only when a second plan has changed (a second build of an unchanged workspace, or one
edited plan, renders in the parent as before); the outcomes and every line keep the plans' order, with a
failing plan among them, whatever order the workers finish in; an interrupt during the check ends the pool.
"""

from __future__ import annotations

import multiprocessing
import re
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from orderforge import batch, build

from .test_cli_run import Lines


def copies(count: int, bad: frozenset[int] = frozenset()) -> list[Path]:
    """``count`` copies of an example plan in plans/ (a broken one at each index in ``bad``)."""
    source = Path("plans/zyryansky-2025.yaml").read_text(encoding="utf-8")
    files = []
    for index in range(count):
        files.append(Path(f"plans/copy-{index:02}.yaml"))
        files[-1].write_text("style: [\n" if index in bad else source, encoding="utf-8")
    return files


class PoolSpy:
    """Stands in for :func:`build.start_pool`: records when the pool starts and keeps it for the test."""

    def __init__(self, events: list[str]) -> None:
        self.events = events
        self.pools: list[ProcessPoolExecutor] = []

    def __call__(self, jobs: int) -> ProcessPoolExecutor:
        self.events.append(f"pool {jobs}")
        self.pools.append(ProcessPoolExecutor(max_workers=jobs, initializer=build.warm_worker))
        return self.pools[-1]


def told(plans: list[Path], events: list[str]) -> Iterator[Path]:
    """The plans one by one, each recorded as it is handed out (as the batch checks them)."""
    for path in plans:
        events.append(path.name)
        yield path


def test_the_pool_starts_at_the_second_changed_plan_before_the_rest_are_checked(
        workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plans = copies(4)
    events: list[str] = []
    monkeypatch.setattr(build, "start_pool", PoolSpy(events))
    outcomes = list(build.build_many(told(plans, events), Path("out"), 2))
    assert events == ["copy-00.yaml", "copy-01.yaml", "pool 2", "copy-02.yaml", "copy-03.yaml"]
    assert [o.path for o in outcomes] == plans and all(o.result is not None for o in outcomes)


def test_one_changed_plan_or_none_starts_no_pool(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A second build after one document went missing, and one of an unchanged workspace, render in the parent."""
    plans = copies(3)
    options = batch.BuildOptions(Path("out"), jobs=2)
    assert batch.build_files(plans, options, Lines()) == 0

    def no_pool(jobs: int) -> ProcessPoolExecutor:
        raise AssertionError("a pool was started")

    monkeypatch.setattr(build, "start_pool", no_pool)
    unchanged = Lines()
    assert batch.build_files(plans, options, unchanged) == 0
    assert all("не изменился" in line for line in unchanged.out) and len(unchanged.out) == 3
    Path("out/copy-01.docx").unlink()  # (editing a plan changes its folder, so every plan beside it)
    edited = Lines()
    assert batch.build_files(plans, options, edited) == 0
    assert [line.split()[0] for line in edited.out] == ["[1/3]", "[3/3]", "[2/3]"]  # skips first, as with -j 1


def without_times(lines: list[str]) -> list[str]:
    return [re.sub(r"\(\d+\.\d с\)", "(… с)", line) for line in lines]


def test_lines_and_exit_code_are_the_same_with_one_and_two_processes(workspace: Path) -> None:
    """Unchanged, changed and failing plans mixed; the big plan first, so the workers finish out of order."""
    big = Path("plans/gymnasium1-2022.yaml")
    plans = [big, *copies(6, bad=frozenset({2, 4}))]
    runs = {}
    for jobs in (1, 2):
        out = Path(f"out{jobs}")
        batch.build_files([plans[1], plans[4]], batch.BuildOptions(out, jobs=1), Lines())  # two plans current already
        said = Lines()
        code = batch.build_files(plans, batch.BuildOptions(out, jobs=jobs), said)
        runs[jobs] = (code, [line.replace(str(out), "OUT") for line in without_times(said.out)],
                      [line.replace(str(out), "OUT") for line in said.err])
    assert runs[1] == runs[2]
    code, out, err = runs[2]
    assert code == 1 and len(out) == 5 and sum("документ не собран" in line for line in err) == 2
    assert sorted(p.name for p in Path("out2").glob("*.docx")) == sorted(p.name for p in Path("out1").glob("*.docx"))


def test_an_interrupt_while_plans_are_checked_ends_the_pool(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The workers are joined and the plans not yet started are dropped, not rendered before the interrupt ends."""
    plans = copies(10)
    spy = PoolSpy([])
    monkeypatch.setattr(build, "start_pool", spy)

    def interrupted() -> Iterator[Path]:
        yield from plans
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        list(build.build_many(interrupted(), Path("out"), 2))
    (pool,) = spy.pools
    assert pool._shutdown_thread and multiprocessing.active_children() == []  # the workers were joined
    assert len(list(Path("out").glob("*.docx"))) < len(plans)
