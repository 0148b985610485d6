"""Run several commands side by side and stop them together (used by `make run` and `make dev`).

    python scripts/together.py "gunicorn citiesofmigration.wsgi" "python manage.py procrastinate worker"

Each argument is one command. When any of them exits, or on Ctrl-C (SIGINT) or SIGTERM, the others are
sent SIGTERM, then SIGKILL after 10 seconds. The exit status is that of the first command to stop.
"""

import shlex
import signal
import subprocess
import sys
import time

GRACE_SECONDS = 10


def stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            process.terminate()
    deadline = time.monotonic() + GRACE_SECONDS
    for process in processes:
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def first_to_exit(processes: list[subprocess.Popen]) -> int:
    while True:
        for process in processes:
            if (code := process.poll()) is not None:
                print(f"together: {shlex.join(process.args)} stopped ({code}); stopping the others", flush=True)
                return code
        time.sleep(0.2)


def main(commands: list[str]) -> int:
    def on_signal(number, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_signal)
    processes = []
    try:
        # Each child in its own process group: Ctrl-C reaches this script only, which stops them in order.
        processes = [subprocess.Popen(shlex.split(command), start_new_session=True) for command in commands]
        return first_to_exit(processes)
    except KeyboardInterrupt:
        return 0
    finally:
        stop(processes)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1:]))
