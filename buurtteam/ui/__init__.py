"""The window: the only part of buurtteam that imports Qt.

Importing PySide6 installs an import hook that, for every module imported after it, reads
that module's source to see whether it opts in to PySide's `__feature__` syntax (snake_case
names, true properties). buurtteam never does; the reading made every later import slower
and the window's start a third slower (issue 8). Marking modules as "not using features" up
front skips it. It is guarded: a PySide6 without this hook is left alone.
"""

from __future__ import annotations

import sys

import PySide6.QtCore  # noqa: F401  (installs the hook this module tames)


def _skip_feature_scan() -> None:
    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
        # -1 in PySide's table means "ignore this module", what a source scan of ours
        # would find anyway.
        feature._mod_uses_pyside = lambda _module: False


_skip_feature_scan()
