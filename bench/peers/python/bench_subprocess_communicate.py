"""CPython peer of `weft bench subprocess-communicate`: subprocess.run(["cat"], input=data,
stdout=subprocess.PIPE) with `size` bytes, written to cat's stdin while its stdout is read back;
the figure is MB (10**6 bytes) of input per second. The data is made before the clock starts and
checked after it stops."""
import subprocess
import time

import weft_peer

_data = b""


def data(size):
    # The same bytes as the JVM sides': 0, 1, ..., 255, over and over; made once per size.
    global _data
    if len(_data) != size:
        _data = b""  # let the old one go before making the new one
        whole, rest = divmod(size, 256)
        _data = bytes(range(256)) * whole
        if rest:
            _data += bytes(range(rest))
    return _data


def run(size):
    d = data(size)
    start = time.perf_counter()
    r = subprocess.run(["cat"], input=d, stdout=subprocess.PIPE)
    took = time.perf_counter() - start
    assert r.returncode == 0, "cat returned %d" % r.returncode
    assert len(r.stdout) == size and r.stdout == d, "cat gave back %d bytes of %d" % (len(r.stdout), size)
    return size / 1e6 / took


if __name__ == "__main__":
    weft_peer.main({"cpython": run})
