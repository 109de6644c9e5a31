"""Read-only git access for ``orderforge diff`` and ``amend``: ``REV:path`` → the file's bytes.

orderforge never changes a repository: it only runs ``git show`` and
``git rev-parse``. git's own messages are read in the C locale (stable
English) and retold in Russian; a missing git, a folder outside a repository,
an unknown revision or a file absent from it are :class:`UserError` with exit
code 2 (an environment or usage problem, not a mistake in a plan).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from .diagnostics import UserError
from .slotted import FrozenSlotted

#: The revision a lone file is compared with: ``orderforge diff plans/x.yaml``.
DEFAULT_REV = "HEAD"


class RevPath(FrozenSlotted):
    """A file as it is in a revision: ``HEAD~1:plans/x.yaml``."""

    __slots__ = ("rev", "path")
    rev: str
    path: str

    def __init__(self, rev: str, path: str) -> None:
        object.__setattr__(self, "rev", rev)
        object.__setattr__(self, "path", path)

    def __str__(self) -> str:
        return f"{self.rev}:{self.path}"


def parse_rev_path(spec: str) -> RevPath | None:
    """``REV:path`` → RevPath; None when the text has no revision part.

    A revision that starts with «-» would reach git as an option (``--output=…`` writes
    a file anywhere): it is refused here, and every git call also passes
    ``--end-of-options`` before user text, so neither can happen.
    """
    rev, sep, path = spec.partition(":")
    if not sep or not rev or not path or len(rev) == 1 and rev.isalpha():  # «C:\…» is a Windows drive
        return None
    if rev.startswith("-"):
        raise UserError.simple("OF635", spec, f"версия «{rev}» начинается с «-»: так пишут параметры команды, "
                               "а не версии", "укажите коммит, ветку или метку: HEAD, HEAD~1, main")
    return RevPath(rev, path)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.update({"LC_ALL": "C", "LANG": "C", "LANGUAGE": "C", "GIT_TERMINAL_PROMPT": "0", "GIT_PAGER": "cat"})
    return env


def run_git(args: list[str], cwd: Path | None = None) -> bytes:
    """Run a read-only git command; problems become Russian UserErrors (exit code 2)."""
    where = str(cwd or Path.cwd())
    try:
        done = subprocess.run(["git", *args], cwd=cwd, env=_env(), capture_output=True, check=False)
    except FileNotFoundError:
        raise UserError.simple("OF630", where, "программа git не найдена",
                               "установите git (https://git-scm.com) и повторите команду") from None
    except NotADirectoryError:
        raise UserError.simple("OF630", where, "папка не найдена", "") from None
    if done.returncode != 0:
        raise _git_error(args, done.stderr.decode("utf-8", errors="replace"), where)
    return done.stdout


def _git_error(args: list[str], stderr: str, where: str) -> UserError:
    first = next((line.strip() for line in stderr.splitlines() if line.strip()), "")
    low = stderr.lower()
    target = args[-1] if args else ""
    if "not a git repository" in low:
        return UserError.simple("OF631", where, "папка не находится в git-репозитории",
                                "сравнение с версией (ВЕРСИЯ:путь) работает только внутри репозитория; "
                                "чтобы сравнить два файла, укажите оба пути")
    if "exists, but not '" in low:  # run from a subfolder with a path relative to it
        return _relative_path_error(target, stderr)
    if "does not exist in" in low or "exists on disk, but not in" in low or "path '" in low and "not in" in low:
        rev, _, path = target.partition(":")
        return UserError.simple("OF632", target, f"в версии «{rev}» нет файла «{path}»",
                                "проверьте путь: он считается от корня репозитория "
                                "(или начните его с ./ — от текущей папки); "
                                "новый, ещё не закоммиченный файл сравнивать не с чем")
    unknown = ("invalid object name", "unknown revision", "bad revision", "ambiguous argument")
    if any(words in low for words in unknown):
        rev = target.partition(":")[0]
        return UserError.simple("OF633", target, f"версия «{rev}» не найдена в репозитории",
                                "укажите коммит, ветку или метку: HEAD, HEAD~1, main, подписан-2026-02-11")
    detail = f"сообщение git: {first}" if first else ""
    return UserError.simple("OF634", target or where, "git не смог выполнить команду", detail)


def _relative_path_error(target: str, stderr: str) -> UserError:
    """``HEAD:x.yaml`` typed inside plans/: the path after «:» is from the repository root, not from here.

    git knows the file and suggests both spellings; they are retold in Russian.
    """
    import re

    rev, _, path = target.partition(":")
    found = re.search(r"did you mean '([^']+)' aka '([^']+)'", stderr, re.IGNORECASE)
    choices = f"«{found[1]}» или «{found[2]}»" if found else f"«{rev}:./{path}»"
    return UserError.simple("OF632", target, f"в версии «{rev}» нет файла «{path}» в корне репозитория",
                            f"путь после «:» считается от корня репозитория, а от текущей папки — если начать его "
                            f"с ./; возможно, имелось в виду {choices}")


def show(spec: RevPath, cwd: Path | None = None) -> bytes:
    """The bytes of ``REV:path`` (``git show``; the path is from the repository root, or ./… from ``cwd``)."""
    if spec.rev.startswith("-"):  # RevPath made by hand, not through parse_rev_path
        raise UserError.simple("OF635", str(spec), f"версия «{spec.rev}» начинается с «-»",
                               "укажите коммит, ветку или метку")
    return run_git(["show", "--no-textconv", "--end-of-options", str(spec)], cwd)


def toplevel(folder: Path) -> Path:
    """The root folder of the repository that holds ``folder``."""
    out = run_git(["rev-parse", "--show-toplevel"], folder)
    return Path(out.decode("utf-8").strip()).resolve()


def head_spec(path: Path, rev: str = DEFAULT_REV) -> tuple[RevPath, Path]:
    """``plans/x.yaml`` → (``HEAD:plans/x.yaml`` from the repository root, the folder to run git in)."""
    folder = path.resolve().parent
    if not folder.is_dir():
        raise UserError.simple("OF001", str(path), "файл не найден", "проверьте путь к файлу")
    root = toplevel(folder)
    try:
        rel = path.resolve().relative_to(root)
    except ValueError:
        raise UserError.simple("OF631", str(path), "файл лежит вне git-репозитория", "") from None
    return RevPath(rev, rel.as_posix()), folder


def worktree_path(spec: RevPath, cwd: Path | None = None) -> Path:
    """Where ``REV:path`` lives in the working tree (for the directory and the style next to it)."""
    if spec.path.startswith(("./", "../")):
        return (cwd or Path.cwd()) / spec.path
    try:
        return toplevel(cwd or Path.cwd()) / spec.path
    except UserError:
        return (cwd or Path.cwd()) / spec.path
