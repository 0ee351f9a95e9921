"""CPython peer of `weft bench pubsub`: the Python Cookbook's Exchange (recipe 12.11 in seed 002)
with 10 subscribers whose send() counts the message; the figure is deliveries per second (messages
sent times subscribers) for `size` messages sent from one thread. Side cpython: the subscribers are
instances of one class; cpython-10-classes: of ten classes, as Weft's weft-10-classes side.
"""
import time

import weft_peer

SUBSCRIBERS = 10


class Exchange:
    def __init__(self):
        self._subscribers = set()

    def attach(self, task):
        self._subscribers.add(task)

    def detach(self, task):
        self._subscribers.remove(task)

    def send(self, msg):
        for subscriber in self._subscribers:
            subscriber.send(msg)


class Counter:
    def __init__(self):
        self.count = 0

    def send(self, msg):
        self.count += 1


def _send(self, msg):
    self.count += 1


def _init(self):
    self.count = 0


# Ten classes with the same methods as Counter, for the side whose subscribers are all different.
CLASSES = [type("Counter%d" % i, (), {"__init__": _init, "send": _send}) for i in range(SUBSCRIBERS)]


def deliveries(size, classes=None):
    exc = Exchange()
    subs = [c() for c in classes] if classes else [Counter() for _ in range(SUBSCRIBERS)]
    for s in subs:
        exc.attach(s)
    t0 = time.perf_counter()
    for i in range(size):
        exc.send(i)
    elapsed = time.perf_counter() - t0
    assert all(s.count == size for s in subs), "lost deliveries"
    return size * SUBSCRIBERS / elapsed


if __name__ == "__main__":
    weft_peer.main({"cpython": deliveries,
                    "cpython-10-classes": lambda size: deliveries(size, CLASSES)})
