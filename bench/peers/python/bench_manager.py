"""CPython peer of `weft bench manager`: `d[i % 100] = i` through a multiprocessing.Manager()'s dict
proxy, one round trip to the manager's server per write; the figure is writes per second.

The manager (a forked server process) and its dict are made once per process, in the first round,
and kept, as on the JVM side; the harness always runs a warm-up round.
"""
import multiprocessing
import time

import weft_peer

KEYS = 100

_manager = None
_dict = None


def run(size):
    global _manager, _dict
    if _manager is None:
        _manager = multiprocessing.Manager()
        _dict = _manager.dict()
    d = _dict
    start = time.perf_counter()
    for i in range(size):
        d[i % KEYS] = i
    rate = size / (time.perf_counter() - start)
    assert len(d) == min(size, KEYS) and d[(size - 1) % KEYS] == size - 1, "the dict lost writes"
    return rate


if __name__ == "__main__":
    try:
        weft_peer.main({"cpython": run})
    finally:
        if _manager is not None:
            _manager.shutdown()
