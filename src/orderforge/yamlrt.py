"""The one place that sets up ruamel.yaml for the commands that write a clerk's YAML.

``new --from`` edits last year's plan through ruamel's round trip, ``import`` and
``collect`` build a plan, a directory and a records file with it, and ``fmt`` asks
ruamel's emitter how a string may be written. Each once had its own set-up
(indentation, width, resolver, emitter version); they drifted apart, so the layout
of the plan format is stated here once and every writer takes it from here.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs fmt's start-up (issue 12)
    from typing import Any


#: The plan format's layout: keys indented by 2, a list under a key by 2 with its «- » inside.
MAPPING_INDENT, SEQUENCE_INDENT, SEQUENCE_DASH_OFFSET = 2, 4, 2
#: Line width of the files orderforge writes (fmt's and import's); an edited file keeps the clerk's lines.
WIDTH = 100
KEEP_LINES = 4096


def round_trip_yaml(width: int = WIDTH, strings: bool = False, preserve_quotes: bool = False) -> Any:
    """ruamel.yaml in round-trip mode with the plan format's indentation.

    ``strings`` reads every plain scalar as a string, as orderforge's own loader does (``2026`` or
    ``2026-02-11`` must not be retyped on the way through); ``preserve_quotes`` keeps the clerk's quotes.
    """
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    if strings:
        yaml.Resolver = _strings_resolver()
    yaml.preserve_quotes = preserve_quotes
    yaml.indent(mapping=MAPPING_INDENT, sequence=SEQUENCE_INDENT, offset=SEQUENCE_DASH_OFFSET)
    yaml.width = width
    yaml.allow_unicode = True
    return yaml


def editing_yaml() -> Any:
    """The round trip that edits a clerk's file (``new --from``): every scalar a string, the clerk's
    quotes and line breaks kept, nothing re-wrapped."""
    return round_trip_yaml(width=KEEP_LINES, strings=True, preserve_quotes=True)


def _strings_resolver() -> Any:
    """A resolver that gives every implicit (plain) scalar the string tag."""
    from ruamel.yaml.nodes import ScalarNode
    from ruamel.yaml.resolver import VersionedResolver

    class Strings(VersionedResolver):
        def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
            if kind is ScalarNode and implicit[0]:
                return self.DEFAULT_SCALAR_TAG
            return super().resolve(kind, value, implicit)

    return Strings


def scalar_emitter() -> Any:
    """ruamel's emitter, asked only how a string may be written (plain, quoted, block) by fmt and import."""
    from ruamel.yaml.emitter import Emitter

    emitter = Emitter(None, allow_unicode=True)
    emitter.use_version = (1, 1)  # type: ignore[attr-defined]  # the stricter reading of «?» — quote rather than guess
    return emitter


def version_resolvers() -> list[Any]:
    """YAML 1.2 (ruamel's default) and 1.1 (PyYAML, many editors) resolvers, to keep quotes a value needs."""
    from ruamel.yaml.resolver import VersionedResolver

    return [VersionedResolver(version=(1, 2)), VersionedResolver(version=(1, 1))]
