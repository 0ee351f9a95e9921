"""CPython peer of `weft bench process-executor`: ProcessPoolExecutor(max_workers=2), submit every
`add(a)` (returning a + a), then collect every result; the figure is tasks per second.

The executor (fork on Linux) is made once per process, in the first round, and kept, as on the JVM
side; its first round starts the workers, so the harness always runs a warm-up round.
"""
import time
from concurrent.futures import ProcessPoolExecutor

import weft_peer

WORKERS = 2

_executor = None


def add(a):
    return a + a


def run(size):
    global _executor
    if _executor is None:
        _executor = ProcessPoolExecutor(max_workers=WORKERS)
    start = time.perf_counter()
    futures = [_executor.submit(add, a) for a in range(size)]
    total = 0
    for f in futures:
        total += f.result()
    rate = size / (time.perf_counter() - start)
    assert total == size * (size - 1), "wrong sum of results"
    return rate


if __name__ == "__main__":
    try:
        weft_peer.main({"cpython": run})
    finally:
        if _executor is not None:
            _executor.shutdown()
