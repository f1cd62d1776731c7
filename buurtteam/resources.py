"""Where the shipped resources (fonts, translations, the exchange schema) are found.

Three layouts: a source checkout or editable install (`resources/` beside the package),
an installed wheel (`buurtteam/resources/`, put there by the build), and a PyInstaller
bundle (`sys._MEIPASS/resources`).
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path


@cache
def resources_dir() -> Path:
    candidates = []
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        candidates.append(Path(frozen_root) / "resources")
    package = Path(__file__).resolve().parent
    candidates += [package / "resources", package.parent / "resources"]
    for candidate in candidates:
        if (candidate / "exchange-v1.schema.json").is_file():
            return candidate
    raise FileNotFoundError("buurtteam's resources folder is missing; reinstall the app")


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
