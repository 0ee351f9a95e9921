"""CPython peer of `weft bench shared-value`: two processes increment one multiprocessing.Value('i')
under its lock (`with v.get_lock(): v.value += 1`), half of the increments each; the figure is
increments per second for both together.

The children are forked before the clock, wait at a start barrier with this process and meet it at
an end barrier when done; the clock runs between the two barriers. Each round checks the total.
"""
import multiprocessing
import time

import weft_peer

PROCESSES = 2
ctx = multiprocessing.get_context("fork")


def work(v, each, start, end):
    start.wait()
    lock = v.get_lock()
    for _ in range(each):
        with lock:
            v.value += 1
    end.wait()


def run(size):
    each = size // PROCESSES
    v = ctx.Value("i", 0)
    start = ctx.Barrier(PROCESSES + 1)
    end = ctx.Barrier(PROCESSES + 1)
    children = [ctx.Process(target=work, args=(v, each, start, end)) for _ in range(PROCESSES)]
    for c in children:
        c.start()
    start.wait()
    t0 = time.perf_counter()
    end.wait()
    rate = each * PROCESSES / (time.perf_counter() - t0)
    for c in children:
        c.join()
    assert v.value == each * PROCESSES, "lost increments"
    return rate


if __name__ == "__main__":
    weft_peer.main({"cpython": run})
