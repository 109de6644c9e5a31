"""What kind a composed YAML node is, from either parser, libyaml's composer without a resolver, and a
text's node tree composed by whichever of them is there (:func:`compose_text`).

Shared by ``fmt``'s comment keeper (:mod:`orderforge.yamlcomments`) and ``new --from``'s splice
(:mod:`orderforge.rolloversplice`); kept apart so that the splice, measured against ``validate``
(issue 12), does not import the comment keeper's dataclasses and typing for five small functions.
"""

from __future__ import annotations

from collections import namedtuple

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs new --from's start-up
    from typing import Any

#: A node composed here (:func:`composed_from_events`) or from tokens (:mod:`orderforge.yamltokens`): the
#: attributes libyaml's nodes have that orderforge's writers read (``id`` is «scalar», «sequence» or
#: «mapping»; ``style`` ``""`` for plain, as libyaml gives it; ``flow_style`` None on scalars). Made in C by
#: ``tuple.__new__(Node, (...))``: a Python ``__init__`` per node was a tenth of the composing (issue 12).
Node = namedtuple("Node", "id value start_mark end_mark style flow_style")


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


def composed_from_events(events: list[Any]) -> Any:
    """The tree :func:`untagged_composer` gives (the attributes the splice reads: ``id``, ``value``, the
    marks, ``style``, ``flow_style``), built from the events of a parse of the same text: the composer takes
    each node's marks and styles from its events (tests/test_rollover_lean.py compares). Nodes are tuples
    made in C (:data:`Node`)."""
    from yaml.events import MappingEndEvent, MappingStartEvent, ScalarEvent, SequenceEndEvent, SequenceStartEvent

    node_type, new = Node, tuple.__new__

    events_left = iter(events)
    for event in events_left:  # past the stream's and the document's start: the root is a collection
        if event.__class__ is MappingStartEvent or event.__class__ is SequenceStartEvent:
            break
    open_ones: list[tuple[Any, list[Any]]] = [(event, [])]  # a loop, not a recursive closure (a cycle)
    for event in events_left:
        cls = event.__class__
        if cls is ScalarEvent:
            open_ones[-1][1].append(new(node_type, ("scalar", event.value, event.start_mark, event.end_mark,
                                                    event.style, None)))
        elif cls is MappingStartEvent or cls is SequenceStartEvent:
            open_ones.append((event, []))
        elif cls is MappingEndEvent or cls is SequenceEndEvent:
            start, items = open_ones.pop()
            node = new(node_type, ("mapping", list(zip(items[::2], items[1::2], strict=True)), start.start_mark,
                                   event.end_mark, None, start.flow_style)) \
                if start.__class__ is MappingStartEvent \
                else new(node_type, ("sequence", items, start.start_mark, event.end_mark, None, start.flow_style))
            if not open_ones:
                return node
            open_ones[-1][1].append(node)
        else:
            raise ValueError(f"not composed here: {event}")  # an alias (yamlfast refuses those)
    raise ValueError("the events end inside a collection")


def compose_text(text: str) -> Any:
    """libyaml's node tree of a text (marks, styles) for ``new --from``'s splice
    (:mod:`orderforge.rolloversplice`), or None: no C parser, a risky text, or libyaml refuses it.

    Composed by orderforge's compiled reader where it is built (:func:`orderforge.yamlparse.compiled_nodes`:
    the same nodes, without importing PyYAML), else by libyaml's composer through PyYAML, where anchors,
    aliases and tags are found on the nodes (:meth:`orderforge.rolloversplice._Layout.properties`)."""
    from .yamlparse import compiled_nodes, is_risky

    if is_risky(text):
        return None
    root = compiled_nodes(text)
    if root is not None:
        return root
    try:
        import yaml
    except ImportError:  # pragma: no cover - PyYAML is a dependency
        return None
    try:
        return untagged_composer()(text).get_single_node()
    except (ImportError, yaml.YAMLError, UnicodeError):  # ImportError: PyYAML without libyaml
        return None
