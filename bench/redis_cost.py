"""What Redis costs one worker, and what a second worker gives (issue 12, "Scale-out"): bench.load run
three times one after the other on the same kind of data, its plan page loads and lysglimt writes at 20
clients, printed side by side:

    1 worker, tab state in memory | 1 worker, Redis | 2 workers, Redis

with Redis's cost (how many fewer events/s than in memory) and 2 workers / 1 worker (both with Redis).
Targets: a cost of at most 15 %, and at least 1.8x.

    .venv/bin/python -m bench.redis_cost                       # SQLite, demo size: about 2 minutes
    .venv/bin/python -m bench.redis_cost --engine postgres     # PostgreSQL, municipality size: 3 minutes
    REFLEX_OPLOCK_ENABLED=false .venv/bin/python -m bench.redis_cost   # Reflex's default: a Redis round trip per event
"""

import argparse
import os
import re
import subprocess
import sys

from bench.load import PYTHON, ROOT

RUNS = (("memory", 1, False), ("redis", 1, True), ("redis x2", 2, True))
SCENARIOS = {"plan": "plan page load", "write": "lysglimt write"}
LINE = re.compile(r"^\s*(\w+) x(\d+)\s+([\d.]+) events/s\s+p95\s+([\d.]+) ms\s+server CPU\s+([\d.]+) ms/event")


def _run(engine: str, workers: int, redis: bool, clients: int, seconds: float) -> dict[str, tuple[float, float]]:
    """One bench.load run: events/s and server CPU ms per event of each scenario."""
    command = [PYTHON, "-m", "bench.load", "--engine", engine, "--workers", str(workers), "--clients", str(clients)]
    command += ["--scenarios", ",".join(SCENARIOS), "--seconds", f"{seconds:g}", *(["--redis"] if redis else [])]
    out = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True).stdout  # noqa: S603
    found = {m[1]: (float(m[3]), float(m[5])) for line in out.splitlines() if (m := LINE.match(line))}
    if set(found) != set(SCENARIOS):
        sys.exit(f"bench.load printed no figures for {set(SCENARIOS) - set(found)}:\n{out}")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--engine", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=8.0)
    args = parser.parse_args()
    results = {}
    for name, workers, redis in RUNS:
        results[name] = _run(args.engine, workers, redis, args.clients, args.seconds)
        print(f"{name}: " + ", ".join(f"{s} {e:.1f} events/s at {c:.1f} ms" for s, (e, c) in results[name].items()))
    held = os.environ.get("REFLEX_OPLOCK_ENABLED", "true (rxconfig.py)")
    print(f"\n{args.engine}, {args.clients} clients, {args.seconds:g} s per run; REFLEX_OPLOCK_ENABLED {held}")
    print(f"| {'events/s':<16} | {'memory':>8} | {'Redis':>8} | {'cost':>6} | {'2 workers':>9} | {'2 / 1':>6} |")
    print(f"| {'-' * 16} | {'-' * 8} | {'-' * 8} | {'-' * 6} | {'-' * 9} | {'-' * 6} |")
    for scenario, label in SCENARIOS.items():
        memory, redis, two = (results[name][scenario][0] for name, _, _ in RUNS)
        cost = f"{(memory - redis) / memory:.0%}"
        print(f"| {label:<16} | {memory:>8.1f} | {redis:>8.1f} | {cost:>6} | {two:>9.1f} | {two / redis:>5.2f}x |")
    print(f"machine load {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
