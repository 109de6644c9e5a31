"""The fast paths of the commands that rewrite a clerk's file give exactly the old paths' bytes.

* ``fmt`` decides quoting with :func:`orderforge.yamlscalars.analyze`, a restatement of ruamel's
  ``Emitter.analyze_scalar``: both are asked about the same strings, full of YAML's indicators.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from orderforge.yamlscalars import analyze

_FIELDS = ("empty", "multiline", "allow_flow_plain", "allow_block_plain", "allow_single_quoted",
           "allow_double_quoted", "allow_block")
#: YAML's indicators, its whitespace and breaks, Cyrillic, characters only double quotes can hold.
_ALPHABET = st.sampled_from(list("-?:,[]{}#&*!|>'\"%@` \t\r\n\x85\u2028\u2029\0.аЯ1\u00a0\ufeff\ud800\x7f\x07")
                            + ["\U0001f600", "\ue000", "\ufffe", "x"])


def _reference(value: str) -> tuple[bool, ...]:
    from orderforge.yamlrt import scalar_emitter

    found = scalar_emitter().analyze_scalar(value)
    return tuple(bool(getattr(found, name)) for name in _FIELDS)


@settings(max_examples=3000, deadline=None)
@given(st.lists(_ALPHABET, max_size=8).map("".join) | st.text(max_size=12))
def test_analysis_is_ruamels(value: str) -> None:
    assert tuple(analyze(value)) == _reference(value)


def test_analysis_of_indicator_corner_cases() -> None:
    for value in ["", "---", "...x", "- a", "-a", "? x", "?", ":", ":x", "a: b", "a:", "a #b", "a#b", "#", "a,b",
                  " a", "a ", "\na", "a\n", "a\n b", "a \nb", "a\u2028b", "\ufeff", "\ud800", "x?", "[a]"]:
        assert tuple(analyze(value)) == _reference(value), value
