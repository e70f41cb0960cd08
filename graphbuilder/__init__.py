"""graphbuilder: news text in, a normalised graph of geopolitical relations out.

The Python API (imported on first use, so ``import graphbuilder`` stays cheap):

* :func:`graphbuilder.extract` -- relations in a text, a list of texts or Documents;
* :func:`graphbuilder.build` -- files, directories or Documents merged into a store with
  ``.graph`` (NetworkX) and ``.to_dataframe()`` (pandas).

See :mod:`graphbuilder.api` for arguments and examples.
"""
from __future__ import annotations

import sys
import types
from typing import Any

__version__ = "0.1.0"
__all__ = ["extract", "build", "Relations", "__version__"]

_API = ("extract", "build", "Relations")


class _Package(types.ModuleType):
    """The package module. ``graphbuilder.extract`` is the API function although a submodule
    of the same name exists (the relation rules): importing a submodule assigns it to the
    package attribute, which this property ignores (the module stays in ``sys.modules``, so
    ``from graphbuilder.extract import RelationExtractor`` keeps working)."""

    @property
    def extract(self):  # noqa: D401 - the API function, see graphbuilder.api.extract
        from graphbuilder.api import extract
        return extract

    @extract.setter
    def extract(self, _submodule: types.ModuleType) -> None:
        pass


def __getattr__(name: str) -> Any:
    if name in _API:
        from graphbuilder import api
        return getattr(api, name)
    raise AttributeError(f"module 'graphbuilder' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_API))


sys.modules[__name__].__class__ = _Package
