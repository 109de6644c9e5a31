"""A package's public names imported on first use (PEP 562): ``orderforge`` and ``orderforge.diff``.

``import orderforge`` must load nothing (``validate`` starts fast), and ``orderforge.diff`` is
imported by ``new --from`` for one helper: each package lists its public names with the module
that defines them, and these two functions answer for the names it has not imported yet.
"""

from __future__ import annotations

from importlib import import_module

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any


def lazy_exports(package: str, exports: dict[str, str], namespace: dict[str, Any],
                 public: list[str]) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The package's ``__getattr__`` and ``__dir__``: a name is imported from its module (relative to
    ``package``) on first use and then kept in the package's ``namespace``."""

    def __getattr__(name: str) -> Any:
        module = exports.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(module, package), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*namespace, *public})

    return __getattr__, __dir__
