# cython: language_level=3, boundscheck=False, wraparound=False
"""The plan's tree built straight from libyaml's C API: the compiled first try of :func:`.yamlparse.fast_tree`.

Why: reading a 5,000-activity plan through PyYAML's CParser makes a Python event object and two Mark
objects for each of its 110,000 events, and :class:`.yamlfast.FastTreeBuilder` then reads them attribute
by attribute: two thirds of the time of loading (issue 12). Here the same libyaml, given what PyYAML gives it
for a ``str`` (its UTF-8 bytes, the encoding left to libyaml: a byte order mark is skipped), is read event
by event in C, and only the tree's own
objects are made: the same :class:`.Scalar`, :class:`.Seq`, :class:`.Map`, :class:`.Entry` and
:class:`.Pos` as the Python builders make, from the same values and marks.

It builds only a tree nothing is wrong with. Anything the Python builders would report or refuse — a
parse error, an anchor, an alias, a tag, an explicit document marker, nesting past the limit, a
duplicate key, a list or mapping as a key, a forbidden character written as an escape, text that is not
UTF-8 — makes :func:`tree` return None, and :class:`.yamlfast.FastTreeBuilder` reads the text as before,
so every diagnostic stays the Python path's own. tests/test_load_compiled.py compares the two on every
fixture, on every example and on random YAML.

The same module gives ``fmt`` libyaml's tokens (:func:`tokens`) and their nodes (:func:`compose_tokens`),
and ``new --from``'s splice libyaml's composed nodes (:func:`nodes`), of which its load's tree is made
(:func:`tree_of_nodes`), with the attributes their readers take of PyYAML's, so that ``validate``,
``build``, ``fmt`` and ``new --from`` never import PyYAML; each likewise leaves to PyYAML what it does
not read (anchors, aliases, tags, directives, errors).

Optional: built when Cython, a C compiler and libyaml's headers are there at install time (setup.py);
without it orderforge reads every plan through PyYAML, with the same result.
"""

from cpython.unicode cimport PyUnicode_DecodeUTF8

from unicodedata import is_normalized, normalize

from orderforge.diagnostics import Pos
from orderforge.rawtext import FORBIDDEN_CHARS
from orderforge.yamlnodes import Node
from orderforge.yamltree import Entry, Map, Scalar, Seq


cdef extern from "yaml.h":
    ctypedef enum yaml_event_type_t:
        YAML_NO_EVENT
        YAML_STREAM_START_EVENT
        YAML_STREAM_END_EVENT
        YAML_DOCUMENT_START_EVENT
        YAML_DOCUMENT_END_EVENT
        YAML_ALIAS_EVENT
        YAML_SCALAR_EVENT
        YAML_SEQUENCE_START_EVENT
        YAML_SEQUENCE_END_EVENT
        YAML_MAPPING_START_EVENT
        YAML_MAPPING_END_EVENT
    ctypedef enum yaml_scalar_style_t:
        YAML_ANY_SCALAR_STYLE
        YAML_PLAIN_SCALAR_STYLE
        YAML_SINGLE_QUOTED_SCALAR_STYLE
        YAML_DOUBLE_QUOTED_SCALAR_STYLE
        YAML_LITERAL_SCALAR_STYLE
        YAML_FOLDED_SCALAR_STYLE
    ctypedef struct yaml_mark_t:
        size_t index
        size_t line
        size_t column
    # The members read here, by their C names; the nested types' names are Cython's own (never emitted).
    ctypedef struct _document_start:
        int implicit
    ctypedef struct _document_end:
        int implicit
    ctypedef struct _scalar:
        char *anchor
        char *tag
        char *value
        size_t length
        yaml_scalar_style_t style
    ctypedef enum yaml_sequence_style_t:
        YAML_ANY_SEQUENCE_STYLE
        YAML_BLOCK_SEQUENCE_STYLE
        YAML_FLOW_SEQUENCE_STYLE
    ctypedef enum yaml_mapping_style_t:
        YAML_ANY_MAPPING_STYLE
        YAML_BLOCK_MAPPING_STYLE
        YAML_FLOW_MAPPING_STYLE
    ctypedef struct _collection_start:
        char *anchor
        char *tag
        int style
    ctypedef union _event_data:
        _document_start document_start
        _document_end document_end
        _scalar scalar
        _collection_start sequence_start
        _collection_start mapping_start
    ctypedef struct yaml_event_t:
        yaml_event_type_t type
        _event_data data
        yaml_mark_t start_mark
        yaml_mark_t end_mark
    ctypedef enum yaml_token_type_t:
        YAML_NO_TOKEN
        YAML_STREAM_START_TOKEN
        YAML_STREAM_END_TOKEN
        YAML_VERSION_DIRECTIVE_TOKEN
        YAML_TAG_DIRECTIVE_TOKEN
        YAML_DOCUMENT_START_TOKEN
        YAML_DOCUMENT_END_TOKEN
        YAML_BLOCK_SEQUENCE_START_TOKEN
        YAML_BLOCK_MAPPING_START_TOKEN
        YAML_BLOCK_END_TOKEN
        YAML_FLOW_SEQUENCE_START_TOKEN
        YAML_FLOW_SEQUENCE_END_TOKEN
        YAML_FLOW_MAPPING_START_TOKEN
        YAML_FLOW_MAPPING_END_TOKEN
        YAML_BLOCK_ENTRY_TOKEN
        YAML_FLOW_ENTRY_TOKEN
        YAML_KEY_TOKEN
        YAML_VALUE_TOKEN
        YAML_ALIAS_TOKEN
        YAML_ANCHOR_TOKEN
        YAML_TAG_TOKEN
        YAML_SCALAR_TOKEN
    ctypedef struct _token_scalar:
        char *value
        size_t length
        yaml_scalar_style_t style
    ctypedef union _token_data:
        _token_scalar scalar
    ctypedef struct yaml_token_t:
        yaml_token_type_t type
        _token_data data
        yaml_mark_t start_mark
        yaml_mark_t end_mark
    ctypedef struct yaml_parser_t:
        pass
    int yaml_parser_scan(yaml_parser_t *parser, yaml_token_t *token)
    void yaml_token_delete(yaml_token_t *token)
    int yaml_parser_initialize(yaml_parser_t *parser)
    void yaml_parser_delete(yaml_parser_t *parser)
    void yaml_parser_set_input_string(yaml_parser_t *parser, const unsigned char *input, size_t size)
    int yaml_parser_parse(yaml_parser_t *parser, yaml_event_t *event)
    void yaml_event_delete(yaml_event_t *event)


class _Refused(Exception):
    """The text is left to the Python builder (see the module docstring)."""


#: A :class:`.Pos` made in C, with no Python call, as :mod:`.yamlfast` makes them.
cdef object _new = tuple.__new__
cdef object _forbidden = FORBIDDEN_CHARS.search


cdef str _tree_text(str value, bint double_quoted):
    """A scalar's text in the tree: in NFC, as the Python builders give it; a control character written as an
    escape in double quotes is refused (the Python builder reports it). Both of this module's tree makers
    (:class:`_Builder`, :func:`tree_of_nodes`) read scalars through it."""
    if not value.isascii() and not is_normalized("NFC", value):
        value = normalize("NFC", value)
    if double_quoted and _forbidden(value) is not None:
        raise _Refused
    return value


cdef bytes _utf8(str text):
    """The bytes libyaml reads, as PyYAML encodes a ``str``; None for a lone surrogate (PyYAML fails there too)."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return None


def tree(str text, str name, int max_depth):
    """The tree of ``text`` (a mapping or a list at the root), or None for the Python builder to read it."""
    data = _utf8(text)
    if data is None:
        return None
    cdef _Builder builder = _Builder(data, name, max_depth)
    try:
        return builder.build()
    except _Refused:
        return None


cdef class _Builder:
    """One parse: libyaml's parser over the UTF-8 bytes, and the event it last read."""

    cdef yaml_parser_t parser
    cdef yaml_event_t event
    cdef bytes data  # kept alive: libyaml reads from it
    cdef object name
    cdef int max_depth

    def __cinit__(self, bytes data, object name, int max_depth):
        self.event.type = YAML_NO_EVENT
        if yaml_parser_initialize(&self.parser) == 0:
            raise MemoryError
        self.data = data
        self.name = name
        self.max_depth = max_depth
        yaml_parser_set_input_string(&self.parser, <const unsigned char *><char *>data, len(data))

    def __dealloc__(self):
        yaml_event_delete(&self.event)
        yaml_parser_delete(&self.parser)

    cdef int next(self) except -1:
        """Read the next event into ``self.event``; a parse error leaves the text to the Python path."""
        yaml_event_delete(&self.event)
        if yaml_parser_parse(&self.parser, &self.event) == 0:
            self.event.type = YAML_NO_EVENT
            raise _Refused
        return self.event.type

    cdef object build(self):
        self.next()  # stream start
        if self.next() != YAML_DOCUMENT_START_EVENT or not self.event.data.document_start.implicit:
            raise _Refused
        kind = self.next()
        if kind != YAML_MAPPING_START_EVENT and kind != YAML_SEQUENCE_START_EVENT:
            raise _Refused  # a bare scalar or an empty text: the Python path reads those its own way
        root = self.root()
        if self.next() != YAML_DOCUMENT_END_EVENT or not self.event.data.document_end.implicit:
            raise _Refused
        if self.next() != YAML_STREAM_END_EVENT:
            raise _Refused  # a second document
        return root

    cdef object root(self):
        """The document's root collection, the event read being its start (:class:`_Composer` makes nodes)."""
        return self.node(0)

    cdef object pos(self):
        return _new(Pos, (self.name, self.event.start_mark.line + 1, self.event.start_mark.column + 1))

    cdef object text(self):
        """The scalar's text, as :func:`_tree_text` gives it."""
        return _tree_text(PyUnicode_DecodeUTF8(self.event.data.scalar.value, self.event.data.scalar.length,
                                               "strict"),
                          self.event.data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE)

    cdef bint quoted(self):
        cdef yaml_scalar_style_t style = self.event.data.scalar.style
        return style == YAML_SINGLE_QUOTED_SCALAR_STYLE or style == YAML_DOUBLE_QUOTED_SCALAR_STYLE

    cdef object scalar(self, object pos):
        """The scalar event's node, at ``pos`` when given (an empty plain value takes its key's)."""
        if self.event.data.scalar.anchor != NULL or self.event.data.scalar.tag != NULL:
            raise _Refused
        if pos is None:
            pos = self.pos()
        return Scalar(self.text(), pos, self.quoted())

    cdef object node(self, int depth):
        cdef int kind = self.event.type
        if kind == YAML_SCALAR_EVENT:
            return self.scalar(None)
        if kind == YAML_MAPPING_START_EVENT:
            if self.event.data.mapping_start.anchor != NULL or self.event.data.mapping_start.tag != NULL:
                raise _Refused
        elif kind == YAML_SEQUENCE_START_EVENT:
            if self.event.data.sequence_start.anchor != NULL or self.event.data.sequence_start.tag != NULL:
                raise _Refused
        else:
            raise _Refused  # an alias
        pos = self.pos()
        depth += 1
        if depth > self.max_depth:
            raise _Refused
        if kind == YAML_MAPPING_START_EVENT:
            return self.mapping(pos, depth)
        cdef list items = []
        while self.next() != YAML_SEQUENCE_END_EVENT:
            items.append(self.node(depth))
        return Seq(items, pos)

    cdef object mapping(self, object pos, int depth):
        result = Map(None, pos)
        cdef dict entries = result.entries
        while self.next() != YAML_MAPPING_END_EVENT:
            if self.event.type != YAML_SCALAR_EVENT:
                raise _Refused  # a list or mapping as a key
            if self.event.data.scalar.anchor != NULL or self.event.data.scalar.tag != NULL:
                raise _Refused
            key_pos = self.pos()
            key = self.text()
            if self.next() == YAML_SCALAR_EVENT and self.event.data.scalar.length == 0 and not self.quoted():
                value = self.scalar(key_pos)  # an empty unquoted value is reported at its key
            else:
                value = self.node(depth)
            if key in entries:
                raise _Refused  # a duplicate key
            entries[key] = Entry(key, key_pos, value)
        return result


# --------------------------------------------------------------------------- tokens, for fmt and new --from


cdef class Mark:
    """A place in the text as libyaml marks it (0-based, in characters): what orderforge's writers read of
    PyYAML's Mark — ``index``, ``line`` and ``column`` — made in C."""

    cdef readonly Py_ssize_t index
    cdef readonly Py_ssize_t line
    cdef readonly Py_ssize_t column

    def __repr__(self):
        return f"Mark(index={self.index}, line={self.line}, column={self.column})"


cdef class Token:
    """One of libyaml's tokens with what orderforge's readers take of PyYAML's: ``id`` (PyYAML's name for its
    kind), the marks, and a scalar's ``value`` and ``style`` (``""`` plain, as PyYAML gives it)."""

    cdef readonly str id
    cdef readonly object value
    cdef readonly Mark start_mark
    cdef readonly Mark end_mark
    cdef readonly object style
    cdef yaml_token_type_t kind  # libyaml's, for :func:`compose_tokens`

    def __repr__(self):
        return f"Token({self.id!r}, {self.value!r}, {self.start_mark!r}, {self.end_mark!r}, {self.style!r})"


#: PyYAML's ``id`` of each token kind read here; the others (directives, anchors, aliases, tags) are left to it.
cdef dict _IDS = {
    YAML_STREAM_START_TOKEN: "<stream start>", YAML_STREAM_END_TOKEN: "<stream end>",
    YAML_DOCUMENT_START_TOKEN: "<document start>", YAML_DOCUMENT_END_TOKEN: "<document end>",
    YAML_BLOCK_SEQUENCE_START_TOKEN: "<block sequence start>",
    YAML_BLOCK_MAPPING_START_TOKEN: "<block mapping start>", YAML_BLOCK_END_TOKEN: "<block end>",
    YAML_FLOW_SEQUENCE_START_TOKEN: "[", YAML_FLOW_SEQUENCE_END_TOKEN: "]",
    YAML_FLOW_MAPPING_START_TOKEN: "{", YAML_FLOW_MAPPING_END_TOKEN: "}",
    YAML_BLOCK_ENTRY_TOKEN: "-", YAML_FLOW_ENTRY_TOKEN: ",", YAML_KEY_TOKEN: "?", YAML_VALUE_TOKEN: ":",
    YAML_SCALAR_TOKEN: "<scalar>",
}

#: PyYAML's ``style`` of a scalar token, by libyaml's style (any, plain, single, double, literal, folded).
cdef tuple _STYLES = (None, "", "'", '"', "|", ">")


cdef Mark _mark(yaml_mark_t *where):
    cdef Mark mark = Mark.__new__(Mark)
    mark.index = where.index
    mark.line = where.line
    mark.column = where.column
    return mark


def tokens(str text):
    """libyaml's tokens of ``text``, as :meth:`yaml.CParser.get_token` gives them (the attributes the readers
    take); None — read them through PyYAML — for a text libyaml refuses or that holds a directive, an anchor,
    an alias or a tag, and for a text that is not UTF-8."""
    data = _utf8(text)
    if data is None:
        return None
    cdef yaml_parser_t parser
    cdef yaml_token_t token
    cdef list found = []
    cdef Token made
    if yaml_parser_initialize(&parser) == 0:
        raise MemoryError
    yaml_parser_set_input_string(&parser, <const unsigned char *><char *>data, len(data))
    try:
        while True:
            if yaml_parser_scan(&parser, &token) == 0:
                return None
            try:
                if token.type == YAML_NO_TOKEN:
                    return found
                kind = _IDS.get(token.type)
                if kind is None:
                    return None
                made = Token.__new__(Token)
                made.id = kind
                made.kind = token.type
                made.start_mark = _mark(&token.start_mark)
                made.end_mark = _mark(&token.end_mark)
                if token.type == YAML_SCALAR_TOKEN:
                    made.value = PyUnicode_DecodeUTF8(token.data.scalar.value, token.data.scalar.length, "strict")
                    made.style = _STYLES[token.data.scalar.style]
                found.append(made)
            finally:
                yaml_token_delete(&token)
    finally:
        yaml_parser_delete(&parser)


# --------------------------------------------------------------------------- the nodes of the tokens, for fmt


def compose_tokens(list tokens):
    """:func:`orderforge.yamltokens.compose_tokens` in C, over this module's tokens (:func:`tokens`): the same
    few rules of libyaml's parser give the same nodes, or None where that composer gives None (libyaml's
    composer then reads the text). fmt needs a plan's tokens and its nodes; composing them in Python was as
    long as scanning (issue 12). The Python composer stays for PyYAML's tokens; tests/test_fmt_tokens.py
    compares the two on every corpus."""
    cdef Py_ssize_t n = len(tokens)
    if n < 3 or not isinstance(tokens[0], Token) or not isinstance(tokens[n - 1], Token) \
            or (<Token>tokens[0]).kind != YAML_STREAM_START_TOKEN \
            or (<Token>tokens[n - 1]).kind != YAML_STREAM_END_TOKEN:
        return None
    cdef _TokenComposer composer = _TokenComposer.__new__(_TokenComposer)
    composer.tokens, composer.n, composer.at = tokens, n, 1
    try:
        root = composer.node(False)
    except _Refused:
        return None
    return root if composer.at == n - 1 else None


cdef class _TokenComposer:
    """:class:`orderforge.yamltokens._Composer`, rule for rule; ``_Refused`` where it raises Unsupported or
    reads past the last token."""

    cdef list tokens
    cdef Py_ssize_t n, at

    cdef Token token(self):
        if self.at >= self.n or not isinstance(self.tokens[self.at], Token):
            raise _Refused
        return <Token>self.tokens[self.at]

    cdef object empty(self, Mark mark):
        """libyaml's empty plain scalar where a value or an item is missing."""
        return _new(Node, ("scalar", "", mark, mark, "", None))

    cdef object after(self, Token token, bint indentless, yaml_token_type_t a, yaml_token_type_t b,
                      yaml_token_type_t c, yaml_token_type_t d):
        """The node after ``token`` (a key's «?», a value's «:», an item's «-»): libyaml's empty scalar at the
        token's end where the next token is ``a``, ``b``, ``c`` or ``d``, else the node that starts there."""
        self.at += 1
        cdef yaml_token_type_t kind = self.token().kind
        if kind == a or kind == b or kind == c or kind == d:
            return self.empty(token.end_mark)
        return self.node(indentless)

    cdef Mark opening(self):
        """Steps over a collection's opening token: where the collection starts."""
        cdef Mark start = self.token().start_mark
        self.at += 1
        return start

    cdef object closed(self, str kind, list items, Mark start, bint flow):
        """Steps over a collection's closing token: the collection's node, ending where that token ends."""
        cdef Mark end = self.token().end_mark
        self.at += 1
        return _new(Node, (kind, items, start, end, None, flow))

    cdef object node(self, bint indentless):
        cdef Token token = self.token()
        cdef yaml_token_type_t kind = token.kind
        if kind == YAML_SCALAR_TOKEN:
            self.at += 1
            return _new(Node, ("scalar", token.value, token.start_mark, token.end_mark, token.style, None))
        if kind == YAML_BLOCK_MAPPING_START_TOKEN:
            return self.block_mapping()
        if kind == YAML_BLOCK_SEQUENCE_START_TOKEN:
            return self.block_sequence()
        if kind == YAML_BLOCK_ENTRY_TOKEN and indentless:
            return self.indentless_sequence()
        if kind == YAML_FLOW_SEQUENCE_START_TOKEN:
            return self.flow_sequence()
        raise _Refused

    cdef object block_mapping(self):
        cdef Mark start = self.opening()
        cdef list pairs = []
        cdef Token token
        while True:
            token = self.token()
            if token.kind == YAML_BLOCK_END_TOKEN:
                return self.closed("mapping", pairs, start, False)
            if token.kind != YAML_KEY_TOKEN or token.end_mark.index != token.start_mark.index:
                raise _Refused  # an explicit key «? …», or no key where one must be
            key = self.after(token, True, YAML_KEY_TOKEN, YAML_VALUE_TOKEN, YAML_BLOCK_END_TOKEN, YAML_KEY_TOKEN)
            token = self.token()
            if token.kind == YAML_VALUE_TOKEN:
                value = self.after(token, True, YAML_KEY_TOKEN, YAML_VALUE_TOKEN, YAML_BLOCK_END_TOKEN,
                                   YAML_KEY_TOKEN)
            else:
                value = self.empty(token.start_mark)
            pairs.append((key, value))

    cdef object block_sequence(self):
        cdef Mark start = self.opening()
        cdef list items = []
        cdef Token token
        while True:
            token = self.token()
            if token.kind == YAML_BLOCK_END_TOKEN:
                return self.closed("sequence", items, start, False)
            if token.kind != YAML_BLOCK_ENTRY_TOKEN:
                raise _Refused
            items.append(self.after(token, False, YAML_BLOCK_ENTRY_TOKEN, YAML_BLOCK_END_TOKEN,
                                    YAML_BLOCK_ENTRY_TOKEN, YAML_BLOCK_END_TOKEN))

    cdef object indentless_sequence(self):
        """A sequence whose «-» stand at its key's column: it ends at the first token that is no «-»."""
        cdef Mark start = self.token().start_mark
        cdef list items = []
        cdef Token token
        while True:
            token = self.token()
            if token.kind != YAML_BLOCK_ENTRY_TOKEN:
                return _new(Node, ("sequence", items, start, token.start_mark, None, False))
            items.append(self.after(token, False, YAML_BLOCK_ENTRY_TOKEN, YAML_KEY_TOKEN, YAML_VALUE_TOKEN,
                                    YAML_BLOCK_END_TOKEN))

    cdef object flow_sequence(self):
        cdef Mark start = self.opening()
        cdef list items = []
        cdef Token token
        while True:
            token = self.token()
            if token.kind != YAML_FLOW_SEQUENCE_END_TOKEN and items:
                if token.kind != YAML_FLOW_ENTRY_TOKEN:
                    raise _Refused
                self.at += 1
                token = self.token()
            if token.kind == YAML_FLOW_SEQUENCE_END_TOKEN:
                return self.closed("sequence", items, start, True)
            if token.kind != YAML_SCALAR_TOKEN and token.kind != YAML_FLOW_SEQUENCE_START_TOKEN:
                raise _Refused  # a key «[a: b]», a flow mapping, a block token, a stray «,»
            items.append(self.node(False))


# --------------------------------------------------------------------------- nodes, for new --from


def nodes(str text, int max_depth):
    """The node tree libyaml's composer gives (PyYAML's CParser without its resolver,
    :func:`orderforge.yamlnodes.untagged_composer`) with what ``new --from``'s splice reads of it: kinds,
    raw values, styles, flow styles and both marks of every node (:data:`orderforge.yamlnodes.Node`). None
    — compose it through PyYAML — for a text it refuses or with an anchor, an alias, a tag, an explicit
    document marker, a second document, nesting past ``max_depth`` or a scalar at the root."""
    data = _utf8(text)
    if data is None:
        return None
    cdef _Composer composer = _Composer(data, "", max_depth)
    try:
        return composer.build()
    except _Refused:
        return None


cdef class _Composer(_Builder):
    """libyaml's events composed into :data:`orderforge.yamlnodes.Node` tuples, as PyYAML's composer does
    (the document around the root is read and checked by :meth:`_Builder.build`)."""

    cdef object root(self):
        return self.composed(0)

    cdef object composed(self, int depth):
        cdef int kind = self.event.type
        cdef list items
        if kind == YAML_SCALAR_EVENT:
            if self.event.data.scalar.anchor != NULL or self.event.data.scalar.tag != NULL:
                raise _Refused
            value = PyUnicode_DecodeUTF8(self.event.data.scalar.value, self.event.data.scalar.length, "strict")
            return _new(Node, ("scalar", value, _mark(&self.event.start_mark), _mark(&self.event.end_mark),
                               _STYLES[self.event.data.scalar.style], None))
        if kind == YAML_MAPPING_START_EVENT:
            if self.event.data.mapping_start.anchor != NULL or self.event.data.mapping_start.tag != NULL:
                raise _Refused
            style = self.event.data.mapping_start.style
            flow = True if style == YAML_FLOW_MAPPING_STYLE else False if style == YAML_BLOCK_MAPPING_STYLE else None
        elif kind == YAML_SEQUENCE_START_EVENT:
            if self.event.data.sequence_start.anchor != NULL or self.event.data.sequence_start.tag != NULL:
                raise _Refused
            style = self.event.data.sequence_start.style
            flow = True if style == YAML_FLOW_SEQUENCE_STYLE else False if style == YAML_BLOCK_SEQUENCE_STYLE \
                else None
        else:
            raise _Refused  # an alias
        depth += 1
        if depth > self.max_depth:
            raise _Refused
        start = _mark(&self.event.start_mark)
        items = []
        if kind == YAML_MAPPING_START_EVENT:
            while self.next() != YAML_MAPPING_END_EVENT:
                key = self.composed(depth)
                self.next()
                items.append((key, self.composed(depth)))
            return _new(Node, ("mapping", items, start, _mark(&self.event.end_mark), None, flow))
        while self.next() != YAML_SEQUENCE_END_EVENT:
            items.append(self.composed(depth))
        return _new(Node, ("sequence", items, start, _mark(&self.event.end_mark), None, flow))


# --------------------------------------------------------------------------- the tree of the nodes, for new --from


def tree_of_nodes(object root, str name, int max_depth):
    """The tree :func:`tree` builds of a text, made of that text's nodes (:func:`nodes`) instead of a second
    parse: ``new --from`` needs both of its old plan (the load, the splice), and libyaml's parse was two
    thirds of composing the nodes. None where :func:`tree` would leave the text to the Python builder and
    the nodes have not refused already: a list or mapping as a key, a key twice after NFC, a forbidden
    character written as an escape, nesting past ``max_depth``."""
    try:
        return _tree_node(<tuple>root, name, 0, max_depth)  # a Node is a tuple: read by index in C
    except _Refused:
        return None


cdef object _node_pos(tuple node, str name):
    cdef Mark mark = <Mark>node[2]
    return _new(Pos, (name, mark.line + 1, mark.column + 1))


cdef str _node_text(tuple node):
    return _tree_text(<str>node[1], node[4] == '"')


cdef bint _node_quoted(tuple node):
    style = node[4]
    return style == "'" or style == '"'


cdef object _tree_node(tuple node, str name, int depth, int max_depth):
    cdef str kind = node[0]
    cdef list items
    cdef dict entries
    cdef tuple key, value
    cdef object pair
    pos = _node_pos(node, name)
    if kind == "scalar":
        return Scalar(_node_text(node), pos, _node_quoted(node))
    depth += 1
    if depth > max_depth:
        raise _Refused
    if kind == "sequence":
        return Seq([_tree_node(<tuple>item, name, depth, max_depth) for item in node[1]], pos)
    result = Map(None, pos)
    entries = result.entries
    for pair in node[1]:
        key, value = <tuple>(<tuple>pair)[0], <tuple>(<tuple>pair)[1]
        if key[0] != "scalar":
            raise _Refused  # a list or mapping as a key
        key_pos = _node_pos(key, name)
        text = _node_text(key)
        if value[0] == "scalar" and not value[1] and not _node_quoted(value):
            built = Scalar(_node_text(value), key_pos, False)  # an empty unquoted value is reported at its key
        else:
            built = _tree_node(value, name, depth, max_depth)
        if text in entries:
            raise _Refused  # a duplicate key
        entries[text] = Entry(text, key_pos, built)
    return result
