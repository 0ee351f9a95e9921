"""CPython peer of `weft bench factorize`: Effective Python's Item 37, factorize serial vs threads,
and serial vs a process pool.

The size is how many times each number is factorized per round (each thread, or each pool task,
does its number that many times), as on the JVM side. The process pool (multiprocessing.Pool(2),
fork on Linux) is made once per process, in the first round, before the clock, as on the JVM side.
"""
import functools
import multiprocessing
import time
from threading import Thread

import weft_peer

NUMBERS = [2139079, 1214759, 1516637, 1852285]


def factorize(number):
    for i in range(1, number + 1):
        if number % i == 0:
            yield i


class FactorizeThread(Thread):
    def __init__(self, number, repeat):
        super().__init__()
        self.number = number
        self.repeat = repeat

    def run(self):
        for _ in range(self.repeat):
            self.factors = list(factorize(self.number))


def threads_speedup(repeat):
    start = time.perf_counter()
    for number in NUMBERS:
        for _ in range(repeat):
            list(factorize(number))
    serial = time.perf_counter() - start

    start = time.perf_counter()
    threads = [FactorizeThread(number, repeat) for number in NUMBERS]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    threaded = time.perf_counter() - start
    return serial / threaded


def factorize_repeatedly(number, repeat):
    found = 0
    for _ in range(repeat):
        found += len(list(factorize(number)))
    return found


_pool = None


def processes_speedup(repeat):
    global _pool
    if _pool is None:
        _pool = multiprocessing.Pool(2)
    start = time.perf_counter()
    check = 0
    for number in NUMBERS:
        for _ in range(repeat):
            check += len(list(factorize(number)))
    serial = time.perf_counter() - start

    start = time.perf_counter()
    found = _pool.map(functools.partial(factorize_repeatedly, repeat=repeat), NUMBERS)
    parallel = time.perf_counter() - start
    assert check == sum(found), "the processes found other factors than the serial run"
    return serial / parallel


if __name__ == "__main__":
    try:
        weft_peer.main({"cpython": threads_speedup, "cpython-processes": processes_speedup})
    finally:
        if _pool is not None:
            _pool.terminate()
            _pool.join()
