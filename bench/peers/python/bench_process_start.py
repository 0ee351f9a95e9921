"""CPython peer of `weft bench process-start`: multiprocessing.get_context("fork").Process(
target=empty), start then join, `size` times one after the other; the figure is ms per start +
join. Side cpython-rss instead gives the resident memory (VmRSS, MiB) of an idle forked child,
blocked on an event."""
import multiprocessing
import time

import weft_peer

FORK = multiprocessing.get_context("fork")


def empty():
    pass


def wait(event):
    event.wait()


def start_join(size):
    start = time.perf_counter()
    for _ in range(size):
        p = FORK.Process(target=empty)
        p.start()
        p.join()
        assert p.exitcode == 0, "the child ended with %r" % p.exitcode
    return (time.perf_counter() - start) * 1000.0 / size


def rss_mib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    raise RuntimeError("no VmRSS in /proc/%d/status" % pid)


def idle_rss(size):
    event = FORK.Event()
    p = FORK.Process(target=wait, args=(event,))
    p.start()
    time.sleep(0.5)  # as long as the JVM side lets its idle worker settle
    try:
        return rss_mib(p.pid)
    finally:
        event.set()
        p.join()


if __name__ == "__main__":
    weft_peer.main({"cpython": start_join, "cpython-rss": idle_rss})
