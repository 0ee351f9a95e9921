"""CPython peer of `weft bench queue`: one producer, one consumer, queue.Queue(maxsize=1024)."""
import queue
import time
from threading import Thread

import weft_peer

MAXSIZE = 1024


def transfer(n, task_done):
    q = queue.Queue(MAXSIZE)
    total = [0]

    def producer():
        put = q.put
        for i in range(n):
            put(i)

    def consumer():
        get = q.get
        s = 0
        if task_done:
            done = q.task_done
            for _ in range(n):
                s += get()
                done()
        else:
            for _ in range(n):
                s += get()
        total[0] = s

    start = time.perf_counter()
    threads = [Thread(target=producer), Thread(target=consumer)]
    for t in threads:
        t.start()
    if task_done:
        q.join()
    for t in threads:
        t.join()
    rate = n / (time.perf_counter() - start)
    assert total[0] == n * (n - 1) // 2, "items were lost or duplicated"
    return rate


if __name__ == "__main__":
    weft_peer.main({
        "cpython": lambda n: transfer(n, False),
        "cpython-taskdone": lambda n: transfer(n, True),
    })
