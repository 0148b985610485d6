"""Jobs that say which worker process ran them, in a file (test_workers.py)."""

import os
import time
from pathlib import Path

from core.jobs import job


@job(name="tests.record_run")
def record_run(*, path: str, number: int) -> None:
    """One line per run: the job's number and the worker's process id."""
    time.sleep(0.1)  # long enough for the other worker to take the next job meanwhile
    with open(path, "a") as log:  # appends of one short line each are not interleaved
        log.write(f"{number} {os.getpid()}\n")


@job(name="tests.wait_for_go")
def wait_for_go(*, path: str) -> None:
    """Says it started, waits until the test creates `<path>.go`, then says it is done."""
    with open(path, "a") as log:
        log.write(f"started {os.getpid()}\n")
    while not Path(path + ".go").exists():
        time.sleep(0.05)
    with open(path, "a") as log:
        log.write(f"done {os.getpid()}\n")
