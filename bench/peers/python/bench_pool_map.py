"""CPython peer of `weft bench pool-map`: multiprocessing.Pool(2).map(add, range(n), chunksize),
add(x) returning x + x; the figure is items per second.

The pool (the default start method, fork on Linux) is made once per process, in the first round,
before the clock, as on the JVM side. A round maps `size` items with chunks of 1, and
LARGE_CHUNK_FACTOR times as many with chunks of 10,000, as on the JVM side.
"""
import multiprocessing
import time

import weft_peer

PROCESSES = 2
LARGE_CHUNK = 10000
LARGE_CHUNK_FACTOR = 50

_pool = None


def add(x):
    return x + x


def pool():
    global _pool
    if _pool is None:
        _pool = multiprocessing.Pool(PROCESSES)
    return _pool


def run_with(chunksize, factor=None):
    def run(size):
        n = size * (factor if factor is not None else (1 if chunksize == 1 else LARGE_CHUNK_FACTOR))
        p = pool()
        start = time.perf_counter()
        results = p.map(add, range(n), chunksize)
        rate = n / (time.perf_counter() - start)
        assert len(results) == n and sum(results) == n * (n - 1), "wrong results"
        return rate
    return run


if __name__ == "__main__":
    try:
        weft_peer.main({"cpython-1": run_with(1), "cpython-10000": run_with(LARGE_CHUNK),
                        # weft bench cluster-map: chunks of 100, size items
                        "cpython-100": run_with(100, factor=1)})
    finally:
        if _pool is not None:
            _pool.terminate()
            _pool.join()
