"""CPython peer of `weft bench subprocess-spawn`: subprocess.run(["true"]) `size` times, one after
the other (start, wait, reap); the figure is runs per second. The child's streams are ours, as on
every side."""
import subprocess
import time

import weft_peer


def run(size):
    start = time.perf_counter()
    for _ in range(size):
        returncode = subprocess.run(["true"]).returncode
        assert returncode == 0, "true returned %d" % returncode
    return size / (time.perf_counter() - start)


if __name__ == "__main__":
    weft_peer.main({"cpython": run})
