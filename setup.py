"""Ship the top-level templates/ inside the wheel as orderforge/templates.

The house styles live at the repository root (where clerks and developers
find and edit them); pyproject's package-data cannot reach outside the
package, so build_py copies them in. Everything else is in pyproject.toml.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithTemplates(build_py):
    def run(self) -> None:
        super().run()
        source = Path(__file__).resolve().parent / "templates"
        if source.is_dir():
            shutil.copytree(source, Path(self.build_lib) / "orderforge" / "templates", dirs_exist_ok=True)


setup(cmdclass={"build_py": BuildWithTemplates})
