"""Where uploaded files live: a private folder, never under assets/ or Reflex's public uploads."""

from pathlib import Path

from stafett_app.settings import get_settings


def files_dir() -> Path:
    path = Path(get_settings().files_dir).resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path
