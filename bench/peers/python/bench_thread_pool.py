"""CPython peer of `weft bench thread-pool`: ThreadPoolExecutor(max_workers=2), submit every
`add(a)` (returning a + a), then collect every result; the figure is tasks per second."""
import time
from concurrent.futures import ThreadPoolExecutor

import weft_peer

WORKERS = 2


def add(a):
    return a + a


def run(size):
    with ThreadPoolExecutor(max_workers=WORKERS) as executor:
        start = time.perf_counter()
        futures = [executor.submit(add, a) for a in range(size)]
        total = 0
        for f in futures:
            total += f.result()
        rate = size / (time.perf_counter() - start)
    assert total == size * (size - 1), "wrong sum of results"
    return rate


if __name__ == "__main__":
    weft_peer.main({"cpython": run})
