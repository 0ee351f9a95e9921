package dev.weft.bench.workloads;

import dev.weft.bench.Comparison;
import dev.weft.bench.Settings;
import dev.weft.bench.Side;
import dev.weft.bench.Target;
import dev.weft.bench.Workload;
import dev.weft.queue.WorkQueue;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * One producer thread puts {@code size} items into a queue of maxsize 1024 while one consumer
 * thread gets them; the figure is items per second. With and without Python's task accounting
 * ({@code taskDone} after each get, {@code join} at the end).
 */
public final class QueueWorkload extends Workload {

    static final int MAXSIZE = 1024;

    /** The {@code queue} workload. */
    public QueueWorkload() {
        super("queue", "items/s", true);
    }

    @Override
    public String describe(long size) {
        return "one producer thread, one consumer thread, " + size + " items through a queue of maxsize "
                + MAXSIZE;
    }

    @Override
    public List<Side> sides() {
        return List.of(
                Side.jvm("weft", "weft", "WorkQueue.fifo(1024): put, get"),
                Side.jvm("weft-taskdone", "weft", "WorkQueue.fifo(1024): + taskDone, join"),
                Side.jvm("jdk", "jdk", "ArrayBlockingQueue(1024): put, take"),
                Side.cpython("cpython", "queue.Queue(1024): put, get", "bench_queue.py"),
                Side.cpython("cpython-taskdone", "queue.Queue(1024): + task_done, join", "bench_queue.py"));
    }

    @Override
    public List<Comparison> comparisons() {
        return List.of(
                new Comparison("queue", "weft", "cpython").withTarget(Target.ratioAtLeast(50, "issue 2")),
                new Comparison("queue", "weft", "jdk").withTarget(Target.ratioAtLeast(0.9, "issue 2")),
                new Comparison("queue/task-done", "weft-taskdone", "cpython-taskdone"));
    }

    @Override
    public Settings settings(boolean quick) {
        // Rounds long enough (tens of milliseconds on the JVM) that the few milliseconds a virtual
        // CPU takes to wake do not decide the figure; the same size on every side.
        return quick
                ? new Settings(500_000, new Settings.Rounds(5, 10, 1), new Settings.Rounds(1, 3, 1))
                : new Settings(2_000_000, new Settings.Rounds(10, 10, 3), new Settings.Rounds(1, 3, 3));
    }

    @Override
    public List<String> notes(Map<String, Double> m) {
        return List.of(String.format(Locale.ROOT,
                "taskDone/join accounting costs %.1f%% of WorkQueue's rate (target: at most 15%%);"
                        + " task_done/join costs CPython %.1f%%",
                percentLess(m.get("weft-taskdone"), m.get("weft")),
                percentLess(m.get("cpython-taskdone"), m.get("cpython"))));
    }

    private static Integer[] items = new Integer[0];

    @Override
    public double measure(String sideId, long size) throws InterruptedException {
        int n = Math.toIntExact(size);
        if (items.length != n) {
            items = new Integer[n];
            for (int i = 0; i < n; i++) {
                items[i] = i;
            }
        }
        return switch (sideId) {
            case "weft" -> transfer(WorkQueue.fifo(MAXSIZE), n, false);
            case "weft-taskdone" -> transfer(WorkQueue.fifo(MAXSIZE), n, true);
            case "jdk" -> transfer(new ArrayBlockingQueue<>(MAXSIZE), n, false);
            default -> throw new IllegalArgumentException("no JVM side " + sideId);
        };
    }

    private static double transfer(BlockingQueue<Integer> q, int n, boolean taskDone)
            throws InterruptedException {
        Integer[] source = items;
        long[] sum = new long[1];
        long start = System.nanoTime();
        Thread producer = Thread.ofPlatform().start(() -> {
            try {
                for (int i = 0; i < n; i++) {
                    q.put(source[i]);
                }
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread consumer = Thread.ofPlatform().start(() -> {
            try {
                long s = 0;
                if (taskDone) {
                    WorkQueue<Integer> wq = (WorkQueue<Integer>) q;
                    for (int i = 0; i < n; i++) {
                        s += wq.get();
                        wq.taskDone();
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        s += q.take();
                    }
                }
                sum[0] = s;
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        if (taskDone) {
            ((WorkQueue<Integer>) q).join();
        }
        producer.join();
        consumer.join();
        double rate = n / ((System.nanoTime() - start) / 1e9);
        if (sum[0] != (long) n * (n - 1) / 2) {
            throw new AssertionError("items were lost or duplicated");
        }
        return rate;
    }
}
