"""What kind a composed YAML node is, from either parser, and libyaml's composer without a resolver.

Shared by ``fmt``'s comment keeper (:mod:`orderforge.yamlcomments`) and ``new --from``'s splice
(:mod:`orderforge.rolloversplice`); kept apart so that the splice, measured against ``validate``
(issue 12), does not import the comment keeper's dataclasses and typing for five small functions.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs new --from's start-up
    from typing import Any


def untagged_composer() -> Any:
    """libyaml's composer (PyYAML's CParser) without PyYAML's resolver: orderforge's writers never read a
    node's tag, and the resolver's three Python calls per node were a third of the composing."""
    from yaml._yaml import CParser

    class Composer(CParser):
        def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
            return ""

        def descend_resolver(self, parent: Any, index: Any) -> None:
            return None

        def ascend_resolver(self) -> None:
            return None

    return Composer


def is_map(node: Any) -> bool:
    """A mapping node, from either parser (ruamel's and PyYAML's nodes name their kind in ``id``)."""
    return node.id == "mapping"


def is_seq(node: Any) -> bool:
    return node.id == "sequence"


def is_scalar(node: Any) -> bool:
    return node.id == "scalar"


def is_block_scalar(node: Any) -> bool:
    return getattr(node, "style", None) in ("|", ">")
