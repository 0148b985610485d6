#!/usr/bin/env python
"""A small change measured where the machine's noise would hide it over HTTP: two checkouts of the
portal (before and after), each in its own long-lived process against the same database, time the
same addresses warm in turn, round after round; prints the minimum and the median ms per request.

Alternating rounds cancel what drifts (the machine's speed moved 30 % within minutes here, where
`../shared/bench/ratio` showed one page's ratio moving ±0.05 between runs). What it measures is one
process's work for an address asked again (fragments kept), not a cold address: bench/mix.sh for that.

usage: DATABASE_URL=... .venv/bin/python bench/ab.py BEFORE_DIR AFTER_DIR URL [URL …] [--requests 100] [--rounds 16]
       BEFORE_DIR: a checkout of the earlier commit with its static files collected, e.g. from this one:
       here=$PWD; git worktree add /tmp/before <commit> && cd /tmp/before && ln -s "$here/.venv" .venv &&
       mkdir var && cp "$here/var/secret_key" var/ && .venv/bin/python manage.py collectstatic --no-input -v0
"""

import argparse
import statistics
import subprocess
import sys

TIMER = r"""
import os, sys, time
sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citiesofmigration.settings")
os.environ.setdefault("DJANGO_DEBUG", "false")
import django
django.setup()
from django.test import Client
client, url, requests = Client(HTTP_HOST="127.0.0.1"), sys.argv[1], int(sys.argv[2])
assert client.get(url).status_code == 200, url
for _ in range(30):
    client.get(url)
for _line in sys.stdin:
    start = time.perf_counter()
    for _ in range(requests):
        client.get(url)
    print((time.perf_counter() - start) / requests * 1000, flush=True)
"""


def measure(directories: dict[str, str], url: str, requests: int, rounds: int) -> dict[str, list[float]]:
    timers = {
        name: subprocess.Popen(
            [sys.executable, "-c", TIMER, url, str(requests)],
            cwd=directory,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for name, directory in directories.items()
    }
    times = {name: [] for name in timers}
    try:
        for _ in range(rounds):
            for name, timer in timers.items():
                timer.stdin.write("go\n")
                timer.stdin.flush()
                answer = timer.stdout.readline()
                if not answer:
                    sys.exit(f"{directories[name]} could not serve {url}: its error is above")
                times[name].append(float(answer))
    finally:
        for timer in timers.values():
            timer.stdin.close()
            timer.wait()
    return times


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("urls", nargs="+")
    parser.add_argument("--requests", type=int, default=100, help="requests per round")
    parser.add_argument("--rounds", type=int, default=16)
    args = parser.parse_args()
    print("ms per request, min / median:  before  ->  after")
    for url in args.urls:
        times = measure({"before": args.before, "after": args.after}, url, args.requests, args.rounds)
        before, after = (f"{min(times[k]):.2f} / {statistics.median(times[k]):.2f}" for k in ("before", "after"))
        print(f"{url}  {before}  ->  {after}")


if __name__ == "__main__":
    main()
