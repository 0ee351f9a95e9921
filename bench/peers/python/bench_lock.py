"""CPython peer of `weft bench lock`: Effective Python's Item 38, five threads and a LockingCounter."""
import time
from threading import Lock, Thread

import weft_peer

THREADS = 5


class LockingCounter:
    def __init__(self):
        self.lock = Lock()
        self.count = 0

    def increment(self, offset):
        with self.lock:
            self.count += offset


def worker(how_many, counter):
    for _ in range(how_many):
        counter.increment(1)


def run(size):
    each = size // THREADS
    counter = LockingCounter()
    start = time.perf_counter()
    threads = [Thread(target=worker, args=(each, counter)) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    rate = each * THREADS / (time.perf_counter() - start)
    assert counter.count == each * THREADS, "lost increments under a lock"
    return rate


if __name__ == "__main__":
    weft_peer.main({"cpython": run})
