"""``orderforge fmt``: every plan in one canonical layout, comments kept.

Two clerks who write the same plan should produce the same file, so that a
git diff shows what changed in the plan and nothing else. The layout and where
each comment goes are :mod:`orderforge.fmtlayout`'s and :mod:`orderforge.yamlcomments`';
this module reads the file (with libyaml, see :func:`orderforge.yamlcomments.compose`),
checks the result and writes it back.

The result is checked before it is written: it must read back without errors as
exactly the same tree of values as the original (compared only when the text
changed) and hold every comment, or the file is left untouched. A text that
formats to itself is not read a second time: :func:`loads_clean` finds on its
nodes whatever the loader could still refuse, and only then the loader reads it.
A second ``fmt`` changes nothing.
"""

from __future__ import annotations

from operator import attrgetter
from pathlib import Path

from .diagnostics import Diagnostic, Pos, Report, UserError
from .fmtlayout import DEADLINE_KEYS as DEADLINE_KEYS
from .fmtlayout import WIDTH as WIDTH
from .fmtlayout import Formatter
from .slotted import Slotted
from .yamlnodes import is_map

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs fmt's start-up (issue 12)
    from typing import Any

# --------------------------------------------------------------------------- entry points


def _values(node: Any) -> Any:
    """A loaded tree as plain values (map entries unordered), to check that nothing changed."""
    from .load import Map, Scalar, Seq

    if isinstance(node, Scalar):
        return node.value
    if isinstance(node, Seq):
        return [_values(v) for v in node.items]
    if isinstance(node, Map):
        return {k: _values(e.value) for k, e in node.entries.items()}
    return None


def _composed_values(node: Any) -> Any:
    """A composed tree as :func:`_values` gives the loaded one (text NFC-composed as the loader does)."""
    import unicodedata

    if isinstance(node.value, str):
        return unicodedata.normalize("NFC", node.value)
    if is_map(node):
        return {_composed_values(k): _composed_values(v) for k, v in node.value}
    return [_composed_values(v) for v in node.value]


def _refuse(text: str, name: str) -> UserError:
    """The loader's own diagnostics for a file fmt cannot rewrite; a bug guard when the loader finds none."""
    from .load import load_text

    report = Report()
    tree = load_text(text, name, report)
    if tree is None or report.has_errors:
        return UserError(report.errors, exit_code=1)
    return UserError.simple(  # pragma: no cover - a bug guard
        "OF620", name, "fmt не смог переписать файл без потери содержания; файл оставлен как был",
        "сообщите разработчикам orderforge и приложите этот файл", exit_code=2,
    )


def _compose(text: str) -> tuple[Any, list[Any]] | None:
    """The tree and tokens, or None where only the loader can say what is wrong (syntax, anchors, depth)."""
    from .rawtext import check_raw_text
    from .yamlcomments import TooDeep, compose
    from .yamlparse import MAX_DEPTH

    raw = Report()
    check_raw_text(text, "", raw)  # tabs and no-break spaces in indentation, control characters, «[[[…»
    if raw.items:
        return None
    try:
        root, tokens = compose(text, MAX_DEPTH)
    except (TooDeep, RecursionError):
        return None
    except Exception as exc:  # ruamel is imported only when the reference parser had to read the text
        from ruamel.yaml.error import YAMLError

        if isinstance(exc, YAMLError):
            return None
        raise
    ids = set(map(attrgetter("id"), tokens))
    if "<anchor>" in ids or "<alias>" in ids:
        return None
    return root, tokens


#: Tokens after which the loader may read other events than the composer did (it asks the reference parser
#: about tags and document markers) or refuses the text (anchors, aliases): :func:`loads_clean` says «ask the loader».
_UNUSUAL_TOKENS = frozenset({"<anchor>", "<alias>", "<tag>", "<directive>", "<document start>", "<document end>"})


def loads_clean(root: Any, tokens: list[Any]) -> bool:
    """True only when :func:`orderforge.load.load_text` surely reports no error for the text these nodes and
    tokens were composed from (its raw-text check already passed, in :func:`_compose`); False means «ask it».

    A text fmt leaves as it was needs no second reading: its check would be loading the very same text. What
    the loader can still refuse in a text that composed without anchors, aliases, tags or document markers
    is what :class:`orderforge.yamltree.TreeBuilder` finds in the same events — a list or mapping as a key
    (OF013), a key twice in one mapping after NFC (OF014), a forbidden character written as an escape (OF004)
    — and nesting past MAX_DEPTH (OF017, :mod:`orderforge.yamlparse`). Any of them here, and the loader reads
    the text itself (tests/test_fmt_fastcheck.py compares both ways on every fixture and generated plans).
    """
    import unicodedata

    from .rawtext import FORBIDDEN_CHARS
    from .yamlparse import MAX_DEPTH

    if not _UNUSUAL_TOKENS.isdisjoint(map(attrgetter("id"), tokens)):
        return False
    forbidden, normalize = FORBIDDEN_CHARS.search, unicodedata.normalize
    level, depth = [root], 1  # the nodes of one nesting level (the root's is 1, as the loader counts)
    while level:
        deeper: list[Any] = []
        for node in level:
            kind = node.id
            if kind == "scalar":
                # Only an escape can put a forbidden character in a value: the raw text has none (_compose
                # checked), and the other styles and NFC only keep, fold or compose the text's own characters.
                if node.style == '"' and forbidden(normalize("NFC", node.value)):
                    return False
            elif depth > MAX_DEPTH:
                return False
            elif kind == "sequence":
                deeper += node.value
            elif not _distinct_scalar_keys(node.value, deeper):
                return False
        level, depth = deeper, depth + 1
    return True


def _distinct_scalar_keys(pairs: list[tuple[Any, Any]], deeper: list[Any]) -> bool:
    """A mapping's keys are all scalars, no two the same after NFC; its keys and values go to ``deeper``."""
    import unicodedata

    keys: set[str] = set()
    for key, value in pairs:
        if key.id != "scalar":
            return False
        keys.add(key.value if key.value.isascii() else unicodedata.normalize("NFC", key.value))
        deeper += (key, value)
    return len(keys) == len(pairs)


def format_text(text: str, name: str = "план") -> str:
    """The canonical layout of a plan's text; UserError (exit 1) when the file is not readable YAML.

    The text is parsed once to format it and the result once to check it: the result must
    load without errors to the same values, or the loader's diagnostics of the original
    are given (the file is left as it was). A result equal to the text is that text:
    :func:`loads_clean` stands for loading it again when it surely finds no error.
    """
    from .load import load_text

    composed = _compose(text)
    if composed is None:
        raise _refuse(text, name)
    root, tokens = composed
    if root is None:
        if load_text(text, name, Report()) is None:
            raise _refuse(text, name)
        return text
    formatter = Formatter(text, root, tokens)
    formatted = formatter.run()
    lost = sorted(formatter.written) != formatter.notes.texts()
    if formatted == text and not lost and loads_clean(root, tokens):
        return formatted  # load_text(formatted) would be load_text(text): it finds no error (see loads_clean)
    check = Report()
    again = load_text(formatted, name, check)
    if again is None or check.has_errors or lost:
        raise _refuse(text, name)
    if formatted != text and _values(again) != _composed_values(root):  # unchanged text cannot lose a value
        raise _refuse(text, name)
    return formatted


class FmtResult(Slotted):
    """Which files fmt changed (or would change), which it left as they were, and what it refused."""

    __slots__ = ("changed", "unchanged", "errors")

    def __init__(self) -> None:
        self.changed: list[Path] = []
        self.unchanged: list[Path] = []
        self.errors: list[Diagnostic] = []


def fmt_paths(paths: list[Path], check: bool = False) -> FmtResult:
    """Format files in place (or only tell which would change, with ``check``)."""
    from .load import MAX_PLAN_BYTES, decode, paused_gc
    from .safefile import check_regular_file, read_bytes
    from .validate import display_path
    from .write import write_atomic

    result = FmtResult()
    for path in paths:
        name = display_path(path)
        try:
            check_regular_file(path, name)  # a pipe or a device named .yaml is never read (it would hang)
            data = read_bytes(path, MAX_PLAN_BYTES, name)
        except UserError as exc:
            result.errors.extend(exc.diagnostics)
            continue
        except OSError:
            result.errors.append(Diagnostic("OF001", "error", "файл не найден или не читается", Pos(name),
                                            "проверьте путь к файлу"))
            continue
        report = Report()
        text = decode(data, name, report)
        if text is None:
            result.errors.extend(report.errors)
            continue
        try:
            with paused_gc():  # tens of thousands of acyclic nodes, tokens and lines (see load.paused_gc)
                formatted = format_text(text, name)
        except UserError as exc:
            result.errors.extend(exc.diagnostics)
            continue
        encoded = formatted.encode("utf-8")
        if encoded == data:
            result.unchanged.append(path)
            continue
        result.changed.append(path)
        if not check:
            write_atomic(path, encoded)
    return result


def fmt_command(plans: tuple[Path, ...], check: bool) -> int:
    """``orderforge fmt``: format the plans (or only check them), print what changed, return the exit code.

    The click command and :mod:`orderforge.launch` (plain ``fmt``, without click) both call it.
    """
    from .console import echo, echo_diagnostics
    from .diagnostics import exit_code_for
    from .plans import plan_files

    result = fmt_paths(plan_files(plans), check=check)
    echo_diagnostics(result.errors)
    for path in result.changed:
        echo(f"{path}: нужно отформатировать (orderforge fmt {path})" if check else f"{path}: отформатирован")
    if result.errors:
        return exit_code_for(result.errors)
    return 1 if check and result.changed else 0
