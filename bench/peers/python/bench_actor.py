"""CPython peer for actor throughput: the Cookbook's 12.10 Actor (a queue.Queue mailbox and a
thread per actor), line for line, measured two ways, in messages per second:

  one       the main thread sends n messages to one actor, then close() and join()
  pingpong  two actors pass one message back and forth until it has made n hops
"""
import time
from queue import Queue
from threading import Thread, Event

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
            msg = self.recv()


class Counter(Actor):
    def __init__(self):
        super().__init__()
        self.total = 0

    def run(self):
        recv = self.recv
        while True:
            self.total += recv()


def one(n):
    a = Counter()
    a.start()
    start = time.perf_counter()
    send = a.send
    for i in range(n):
        send(i)
    a.close()
    a.join()
    rate = n / (time.perf_counter() - start)
    assert a.total == n * (n - 1) // 2, "messages were lost"
    return rate


class Pinger(Actor):
    def __init__(self, n, done):
        super().__init__()
        self.n = n
        self.done = done
        self.peer = None

    def run(self):
        recv = self.recv
        send = self.peer.send
        n = self.n
        while True:
            hop = recv()
            if hop >= n:
                self.done.set()
                continue
            send(hop + 1)


def pingpong(n):
    done = Event()
    a, b = Pinger(n, done), Pinger(n, done)
    a.peer, b.peer = b, a
    a.start()
    b.start()
    start = time.perf_counter()
    a.send(1)
    done.wait()
    rate = n / (time.perf_counter() - start)
    a.close()
    b.close()
    a.join()
    b.join()
    return rate


if __name__ == "__main__":
    weft_peer.main({"one": one, "pingpong": pingpong})
