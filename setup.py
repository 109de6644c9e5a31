"""The one compiled module, optional: orderforge/_yamlc.pyx, libyaml read straight into the plan's tree.

Everything else about the package is in pyproject.toml. The extension is built when Cython (a build
requirement there), a C compiler and libyaml's headers (Debian: libyaml-dev, which `make` installs) are
present; when any is missing, or compiling fails, the install goes on without it (``optional=True``) and
plans are read through PyYAML's parser instead, with the same result, about a tenth slower to build
(issue 12; src/orderforge/yamlparse.py).
"""

from setuptools import Extension, setup


def extensions() -> list[Extension]:
    try:
        from Cython.Build import cythonize
    except ImportError:  # a build without Cython (an offline install from a source tree): pure Python
        return []
    module = Extension("orderforge._yamlc", ["src/orderforge/_yamlc.pyx"], libraries=["yaml"], optional=True)
    return cythonize([module], compiler_directives={"language_level": "3"}, quiet=True)


setup(ext_modules=extensions())
