"""Types of the compiled reader (_yamlc.pyx): libyaml read straight into the plan's tree."""

from .yamltree import Node

def tree(text: str, name: str, max_depth: int) -> Node | None: ...
