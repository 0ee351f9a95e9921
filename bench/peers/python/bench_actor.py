"""CPython peer of `weft bench actor` and `weft bench actor-memory`: the Python Cookbook's actor
(recipe 12.10 in seed 002), a Queue mailbox read by a daemon thread, as the seed writes it.

cpython: `size` messages sent to one actor that counts them; the figure is messages per second from
the first send until the actor has received the last (close, then join).
cpython-pingpong: two actors pass one message back and forth `size / 10` times in all; hops per
second.
cpython-memory: bytes of resident memory (VmRSS) per started, idle actor, each blocked in recv(),
over min(size, 10,000) actors (a million threads cannot be started).
"""
import time
from queue import Queue
from threading import Event, Thread

import weft_peer


class ActorExit(Exception):
    pass


class Actor:
    def __init__(self):
        self._mailbox = Queue()

    def send(self, msg):
        self._mailbox.put(msg)

    def recv(self):
        msg = self._mailbox.get()
        if msg is ActorExit:
            raise ActorExit()
        return msg

    def close(self):
        self.send(ActorExit)

    def start(self):
        self._terminated = Event()
        t = Thread(target=self._bootstrap)
        t.daemon = True
        t.start()

    def _bootstrap(self):
        try:
            self.run()
        except ActorExit:
            pass
        finally:
            self._terminated.set()

    def join(self):
        self._terminated.wait()

    def run(self):
        while True:
            self.recv()


class CountActor(Actor):
    def __init__(self):
        super().__init__()
        self.count = 0

    def run(self):
        while True:
            self.recv()
            self.count += 1


def throughput(size):
    a = CountActor()
    a.start()
    t0 = time.perf_counter()
    for i in range(size):
        a.send(i)
    a.close()
    a.join()
    elapsed = time.perf_counter() - t0
    assert a.count == size, "lost messages"
    return size / elapsed


class PingActor(Actor):
    def __init__(self, limit, done):
        super().__init__()
        self.peer = None
        self.limit = limit
        self.done = done

    def run(self):
        while True:
            n = self.recv()
            if n >= self.limit:
                self.done.set()
                continue
            self.peer.send(n + 1)


def pingpong(size):
    done = Event()
    a = PingActor(size, done)
    b = PingActor(size, done)
    a.peer, b.peer = b, a
    a.start()
    b.start()
    t0 = time.perf_counter()
    a.send(1)
    done.wait()
    elapsed = time.perf_counter() - t0
    a.close()
    b.close()
    a.join()
    b.join()
    return size / elapsed


# A million threads cannot be started: the per-actor figure is taken over this many.
MEMORY_ACTORS = 10_000


def rss_bytes():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError("no VmRSS")


def memory(size):
    before = rss_bytes()
    actors = [Actor() for _ in range(size)]
    for a in actors:
        a.start()
    time.sleep(0.5)  # every thread reaches its blocking get()
    used = rss_bytes() - before
    for a in actors:
        a.close()
    for a in actors:
        a.join()
    return used / size


if __name__ == "__main__":
    weft_peer.main({"cpython": throughput, "cpython-pingpong": lambda size: pingpong(size // 10),
                    "cpython-memory": lambda size: memory(min(size, MEMORY_ACTORS))})
