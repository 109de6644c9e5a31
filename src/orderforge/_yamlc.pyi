"""Types of the compiled reader (_yamlc.pyx): libyaml read straight into the plan's tree, its tokens, its nodes."""

from typing import Any

from .yamltree import Node

class Mark:
    index: int
    line: int
    column: int

class Token:
    id: str
    value: str | None
    start_mark: Mark
    end_mark: Mark
    style: str | None

def tree(text: str, name: str, max_depth: int) -> Node | None: ...
def tokens(text: str) -> list[Token] | None: ...
def nodes(text: str, max_depth: int) -> Any: ...
def tree_of_nodes(root: Any, name: str, max_depth: int) -> Node | None: ...
def compose_tokens(tokens: list[Token]) -> Any: ...
