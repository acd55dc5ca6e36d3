"""Where uploaded files live: a private folder, never under assets/ or Reflex's public uploads."""

import os
from pathlib import Path


def files_dir() -> Path:
    path = Path(os.environ.get("STAFETT_FILES_DIR", "var/files")).resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path
