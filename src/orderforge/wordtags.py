"""Word's XML made readable to Jinja, and Jinja's output made Word's again: the template dialect of docxtpl.

A committee's template is written for docxtpl (``{%tr for … %}``, ``{%p if … %}``, ``{%tc … %}``,
``{% colspan n %}``, tags that Word split over several runs). bodyrender.py renders such templates without
importing docxtpl or python-docx (a first build paid about a fifth of its time for those imports), so the
dialect is re-implemented here from docxtpl's documented behaviour, step for step in the same order, since
the output must be the same byte for byte (tests/test_bodyrender.py compares both on every style).

Tags whose rewriting is rarer and subtler (``cellbg``, ``vm``, ``hm``, ``{%r``/``{{r``) are not rewritten:
:func:`jinja_source` says so and the template is rendered by docxtpl itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .lazyre import LazyPattern

_S = re.DOTALL
#: Word markup between the two braces of ``{{``, ``{%``, ``{#`` and their closing pairs.
_SPLIT_BRACES = LazyPattern(r"(?<={)(?:<[^>]*>)+(?=[{%#])|(?<=[%}#])(?:<[^>]*>)+(?=})", _S)
#: A tag from its opening to (not including) its closing marks, over any markup in between.
_TAG_BODY = LazyPattern(r"{%(?:(?!%}).)*|{#(?:(?!#}).)*|{{(?:(?!}}).)*", _S)
_RUN_BREAK = LazyPattern(r"</w:t>.*?(?:<w:t>|<w:t [^>]*>)", _S)
_COLSPAN = LazyPattern(r"(<w:tc[ >](?:(?!<w:tc[ >]).)*){%\s*colspan\s+([^%]*)\s*%}(.*?</w:tc>)", _S)
_EMPTY_RUN = LazyPattern(r"<w:r[ >](?:(?!<w:r[ >]).)*<w:t></w:t>.*?</w:r>", _S)
_PRESERVE = LazyPattern(r"<w:t>((?:(?!<w:t>).)*)({{.*?}}|{%.*?%})", _S)
_MERGE_BEFORE = LazyPattern(r"</w:t>(?:(?!</w:t>).)*?{%-", _S)
_MERGE_AFTER = LazyPattern(r"-%}(?:(?!<w:t[ >]|{%|{{).)*?<w:t[^>]*?>", _S)
_INSIDE_TAG = LazyPattern(r"(?<={[{%])(.*?)(?=[}%]})")
#: docxtpl rewrites these in ways not reproduced here; their templates go to docxtpl.
_DOCXTPL_ONLY = LazyPattern(r"{%\s*(?:cellbg|vm|hm)(?![A-Za-z0-9_])|{{r\s|{%r\s")
_TAG_QUOTES = {"&#8216;": "'", "&lt;": "<", "&gt;": ">", "“": '"', "”": '"', "‘": "'", "’": "'"}


def _unwrap(element: str, opening: str, closing: str) -> LazyPattern:
    """The whole ``<w:element>`` holding a ``{%element …%}``-style tag (the nearest such element opening before it)."""
    return LazyPattern(rf"<w:{element}[ >](?:(?!<w:{element}[ >]).)*({opening}){element} "
                      rf"([^}}{closing[0]}]*(?:{closing}))"
                      rf".*?</w:{element}>", _S)


_UNWRAP_TAGS = [_unwrap(e, "{%|{{", "%}|}}") for e in ("tr", "tc", "p", "r")]
_UNWRAP_COMMENTS = [_unwrap(e, "{#", "#}") for e in ("tr", "tc", "p")]


def _joined(xml: str) -> str:
    """Tags Word cut into runs made whole again: no markup inside ``{{ … }}``, ``{% … %}``, ``{# … #}``."""
    xml = _SPLIT_BRACES.sub("", xml)
    return _TAG_BODY.sub(lambda m: _RUN_BREAK.sub("", m.group(0)), xml)




def _colspan(match: re.Match[str]) -> str:
    """A cell with ``{% colspan n %}``: the tag's empty run dropped, its span from the expression."""
    cell = _EMPTY_RUN.sub("", match.group(1) + match.group(3))
    cell = re.sub(r"<w:gridSpan[^/]*/>", "", cell, count=1)
    # the expression goes into a replacement template, as docxtpl puts it (a backslash in it acts alike)
    return re.sub(r"(<w:tcPr[^>]*>)", rf'\1<w:gridSpan w:val="{{{{{match.group(2)}}}}}"/>', cell)


def jinja_source(xml: str) -> str | None:
    """A part's XML as a Jinja template, the way docxtpl's patch_xml prepares it; None when the part uses a tag
    whose rewriting only docxtpl does (then docxtpl renders the template)."""
    xml = _joined(xml)
    if _DOCXTPL_ONLY.search(xml):
        return None
    xml = _COLSPAN.sub(_colspan, xml)
    xml = _PRESERVE.sub(lambda m: f'<w:t xml:space="preserve">{m.group(1)}{m.group(2)}', xml)
    xml = _MERGE_BEFORE.sub("{%", xml)
    xml = _MERGE_AFTER.sub("%}", xml)
    for pattern in (*_UNWRAP_TAGS, *_UNWRAP_COMMENTS):
        xml = pattern.sub(lambda m: f"{m.group(1)} {m.group(2)}", xml)
    return _INSIDE_TAG.sub(lambda m: _unquote(m.group(0)), xml)


def _unquote(tag: str) -> str:
    """Word's typographic quotes and escaped angle brackets inside a tag, as Jinja expects them."""
    for word, jinja in _TAG_QUOTES.items():
        tag = tag.replace(word, jinja)
    return tag


def _each(pattern: str, xml: str, replace: Callable[[str], str]) -> str:
    return re.sub(pattern, lambda m: replace(m.group(0)), xml, flags=_S)


def listing(xml: str) -> str:
    """Tabs, line breaks, page breaks and ``\\a`` paragraph breaks in rendered text as Word markup
    (docxtpl's resolve_listing): each keeps the formatting of its run and paragraph. Text without any of
    them is returned as it is (what the rewriting would return), without compiling its patterns."""
    if not any(special in xml for special in "\t\a\n\f"):
        return xml

    def paragraph(para: str) -> str:
        found = re.search(r"<w:pPr>.*?</w:pPr>", para)
        p_pr = found.group(0) if found else ""

        def run(text_run: str) -> str:
            found = re.search(r"<w:rPr>.*?</w:rPr>", text_run)
            r_pr = found.group(0) if found else ""
            return _each(r"<w:t(?: [^>]*)?>.*?</w:t>", text_run, lambda text: _broken(text, p_pr, r_pr))

        return _each(r"<w:r(?: [^>]*)?>.*?</w:r>", para, run)

    return _each(r"<w:p(?: [^>]*)?>.*?</w:p>", xml, paragraph)


def _broken(text: str, p_pr: str, r_pr: str) -> str:
    """One ``<w:t>`` with its special characters turned into runs, breaks and paragraphs."""
    preserved = '<w:t xml:space="preserve">'
    text = text.replace("\t", f"</w:t></w:r><w:r>{r_pr}<w:tab/></w:r><w:r>{r_pr}{preserved}")
    text = text.replace("\a", f"</w:t></w:r></w:p><w:p>{p_pr}<w:r>{r_pr}{preserved}")
    text = text.replace("\n", f"</w:t><w:br/>{preserved}")
    return text.replace("\f", f'</w:t></w:r></w:p><w:p><w:r><w:br w:type="page"/></w:r></w:p><w:p>{p_pr}<w:r>{r_pr}'
                              f"{preserved}")


def after_render(xml: str) -> str:
    """Rendered Jinja output as docxtpl leaves it: paragraph line breaks undone, ``{_{`` escapes and listings."""
    xml = xml.replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")  # re.sub(r"\n<w:p([ >])", r"<w:p\1")
    for escaped, tag in (("{_{", "{{"), ("}_}", "}}"), ("{_%", "{%"), ("%_}", "%}")):
        xml = xml.replace(escaped, tag)
    return listing(xml)


def before_render(xml: str) -> str:
    """Each paragraph on a line of its own, so that Jinja's line numbers point at paragraphs."""
    return xml.replace("<w:p ", "\n<w:p ").replace("<w:p>", "\n<w:p>")  # re.sub(r"<w:p([ >])", r"\n<w:p\1")
