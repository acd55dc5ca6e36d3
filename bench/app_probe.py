"""Run inside an app's folder (by bench/load.py): prints what a browser of that app would know, as JSON.

- `hashes`: the per-state hashes of the compiled initial state, which a browser sends with its first
  hydrate so the server leaves out what the page already holds (Reflex's own functions, as its
  compiler calls them). Without them every page load would send the whole state tree.
- `names`: the full event name of each handler asked for, e.g. `stafett_app.pages.plan.state:PlanState.add_glimmer`.

    python bench/app_probe.py APP_MODULE [module:Class.handler ...]
"""

import asyncio
import importlib
import json
import os
import sys

from reflex.state import State, _resolve_delta, state_snapshot_hashes


def main() -> None:
    sys.path.insert(0, os.getcwd())  # the app's folder: run as a script, Python put ours first
    importlib.import_module(sys.argv[1])
    initial = asyncio.run(_resolve_delta(State(_reflex_internal_init=True).dict(initial=True)))
    names = {}
    for wanted in sys.argv[2:]:
        module, _, qualified = wanted.partition(":")
        class_name, _, handler = qualified.partition(".")
        state = getattr(importlib.import_module(module), class_name)
        names[wanted] = f"{state.get_full_name()}.{handler}" if handler else state.get_full_name()
    print(json.dumps({"hashes": state_snapshot_hashes(initial), "names": names}))


if __name__ == "__main__":
    main()
