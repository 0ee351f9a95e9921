"""CPython peer of `weft bench factorize`: Effective Python's Item 37, factorize serial vs threads.

The size is how many times each number is factorized per round (each thread does its number that
many times), as on the JVM side.
"""
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


if __name__ == "__main__":
    weft_peer.main({"cpython": threads_speedup})
