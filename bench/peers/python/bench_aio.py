"""CPython peer of `weft bench aio` and `weft bench aio-memory`.

aio: `size` asyncio tasks each await asyncio.sleep(0) 100 times, gathered; the figure is steps
(sleeps) per second for all tasks together, from the first create_task to the end of the gather.

aio-memory: `size` idle tasks, each awaiting one asyncio.Event; the figure is the bytes that
tracemalloc counts per task once every task has started and waits (tasks, coroutines, frames,
futures), measured from before the first create_task.
"""
import asyncio
import gc
import time
import tracemalloc

import weft_peer

STEPS = 100


async def worker():
    for _ in range(STEPS):
        await asyncio.sleep(0)


async def steps_main(tasks):
    t0 = time.perf_counter()
    await asyncio.gather(*[asyncio.create_task(worker()) for _ in range(tasks)])
    return tasks * STEPS / (time.perf_counter() - t0)


def steps(size):
    return asyncio.run(steps_main(size))


async def idle(event):
    await event.wait()


async def memory_main(n):
    event = asyncio.Event()
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    tasks = [asyncio.create_task(idle(event)) for _ in range(n)]
    await asyncio.sleep(0)  # every task starts and waits on the event
    gc.collect()
    used = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    event.set()
    await asyncio.gather(*tasks)
    return used / n


def memory(size):
    return asyncio.run(memory_main(size))


if __name__ == "__main__":
    weft_peer.main({"cpython": steps, "cpython-memory": memory})
