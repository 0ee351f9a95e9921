package dev.weft.bench.workloads;

import dev.weft.aio.Aio;
import dev.weft.aio.Event;
import dev.weft.aio.Task;
import dev.weft.bench.Comparison;
import dev.weft.bench.Settings;
import dev.weft.bench.Side;
import dev.weft.bench.Target;
import dev.weft.bench.Workload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Memory of idle tasks: {@code size} tasks each wait on one event; the figure is bytes per task
 * (lower is better) once every task has started and waits. Weft: the growth of the used heap,
 * after a full collection, from before the first task to then (a parked virtual thread keeps its
 * stack in the heap, so this counts the task, its future, its thread and its stack). CPython: the
 * growth that {@code tracemalloc} counts over the same span (tasks, coroutines, frames, futures).
 */
public final class AioMemoryWorkload extends Workload {

    /** The {@code aio-memory} workload. */
    public AioMemoryWorkload() {
        super("aio-memory", "bytes per idle task", false);
    }

    @Override
    public String describe(long size) {
        return size + " idle tasks, each awaiting one event";
    }

    @Override
    public List<Side> sides() {
        return List.of(
                Side.jvm("weft", "weft", "EventLoop tasks in Event.await(): used heap after GC"),
                Side.cpython("cpython-memory", "asyncio tasks in Event.wait(): tracemalloc", "bench_aio.py"));
    }

    @Override
    public List<Comparison> comparisons() {
        return List.of(new Comparison("aio-memory", "weft", "cpython-memory")
                .withTarget(Target.ratioAtLeast(1, "issue 7: less memory than CPython")));
    }

    @Override
    public Settings settings(boolean quick) {
        return quick
                ? new Settings(100_000, new Settings.Rounds(0, 1, 1), new Settings.Rounds(0, 1, 1))
                : new Settings(100_000, new Settings.Rounds(1, 3, 2), new Settings.Rounds(0, 3, 2));
    }

    @Override
    public double measure(String sideId, long size) {
        if (!sideId.equals("weft")) {
            throw new IllegalArgumentException("no JVM side " + sideId);
        }
        int n = Math.toIntExact(size);
        return Aio.run(() -> {
            Event event = new Event();
            long before = usedHeapAfterGc();
            List<Task<Boolean>> tasks = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                tasks.add(Aio.createTask(event::await));
            }
            Aio.sleep(Duration.ZERO); // every task starts and parks on the event
            long used = usedHeapAfterGc() - before;
            event.set();
            Aio.gather(tasks);
            return (double) used / n;
        });
    }
}
