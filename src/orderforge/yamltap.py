"""The tap on the old plan's parse for ``new --from`` (:class:`ParseTap`), apart from the readers it taps.

A module of its own, importing nothing: :func:`.yamlparse.compiled_tree` and :class:`.yamlfast.FastTreeBuilder`
both ask whether a tap is open, and that question must import neither the other reader nor PyYAML (the
compiled path never needs it).
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


class ParseTap:
    """Keeps what one text's successful fast parse saw, for a second reader of the same text: ``new --from``
    loads the old plan, then splices its text by libyaml's marks (:mod:`.rolloversplice`), which the
    composed nodes carry; parsing the text again was a seventh of the command (issue 12).

    Whichever reader loads the text fills its own: the compiled reader composes the nodes and builds the
    tree of them (:attr:`nodes`, :func:`orderforge._yamlc.tree_of_nodes`), PyYAML's path keeps its events
    (:attr:`events`, of which :meth:`composed` composes the nodes). Only a parse of an equal text is kept,
    and only one the reader took to the end (not refused)."""

    #: The tap open now (:meth:`__enter__`); one at a time, as the command runs one at a time.
    active: ParseTap | None = None

    def __init__(self, text: str) -> None:
        self.text = text
        self.events: list[object] | None = None
        self.nodes: Any = None

    def __enter__(self) -> ParseTap:
        ParseTap.active = self
        return self

    def __exit__(self, *exc: object) -> None:
        ParseTap.active = None

    def wants(self, text: str) -> bool:
        """Whether a parse of ``text`` is the one to keep: the tapped text, nothing kept yet."""
        return self.events is None and self.nodes is None and text == self.text

    def parser(self, parser: Any, text: str) -> tuple[Any, list[object] | None]:
        """The ``get_event`` to read and, when ``text`` is the tapped one, the events it reads: all taken
        from the parser first, in C (``iter(get_event, None)``; a recording Python wrapper per event cost
        half of what the tap saves). A syntax error then comes before the builder's own findings: the
        caller (:func:`.yamlparse.fast_tree`) drops both alike and leaves the text to the reference parser."""
        if not self.wants(text):
            return parser.get_event, None
        seen: list[object] = list(iter(parser.get_event, None))
        return iter(seen).__next__, seen

    def composed(self) -> Any:
        """The tapped text's node tree (:data:`.yamlnodes.Node`), or None when no parse was kept."""
        if self.nodes is None and self.events:
            from .yamlnodes import composed_from_events

            self.nodes = composed_from_events(self.events)
        return self.nodes
