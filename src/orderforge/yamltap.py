"""The tap on libyaml's events for ``new --from`` (:class:`EventTap`), apart from :mod:`.yamlfast`.

A module of its own, importing nothing: :func:`.yamlparse.fast_tree` asks whether a tap is open before
it reads a plan through the compiled reader (:mod:`orderforge._yamlc`), which makes no events, and that
question must not import PyYAML (the compiled path never needs it).
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


class EventTap:
    """Keeps the events of one text's next successful fast parse, for a second reader of the same text:
    ``new --from`` loads the old plan, then splices its text by libyaml's marks, which those events carry
    (:mod:`.rolloversplice`); parsing the text again was a seventh of the command (issue 12).

    Only a parse of an equal text is kept, and only when the builder took it to the end (not refused)."""

    #: The tap open now (:meth:`__enter__`); one at a time, as the command runs one at a time.
    active: EventTap | None = None

    def __init__(self, text: str) -> None:
        self.text = text
        self.events: list[object] | None = None

    def __enter__(self) -> EventTap:
        EventTap.active = self
        return self

    def __exit__(self, *exc: object) -> None:
        EventTap.active = None

    def parser(self, parser: Any, text: str) -> tuple[Any, list[object] | None]:
        """The ``get_event`` to read and, when ``text`` is the tapped one, the events it reads: all taken
        from the parser first, in C (``iter(get_event, None)``; a recording Python wrapper per event cost
        half of what the tap saves). A syntax error then comes before the builder's own findings: the
        caller (:func:`.yamlparse.fast_tree`) drops both alike and leaves the text to the reference parser."""
        if self.events is not None or text != self.text:
            return parser.get_event, None
        seen: list[object] = list(iter(parser.get_event, None))
        return iter(seen).__next__, seen
