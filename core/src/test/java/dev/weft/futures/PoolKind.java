package dev.weft.futures;

import dev.weft.testing.TestThreads;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The two kinds of {@link ThreadPoolExecutor} worker, for parameterized tests, and the thread
 * helpers those tests share: a fresh thread-name prefix per executor, the live platform threads
 * with a prefix, and a bounded wait for a worker to be idle.
 */
enum PoolKind {
    PLATFORM,
    VIRTUAL;

    private static final AtomicInteger PREFIXES = new AtomicInteger();

    /** A builder of this kind, with {@code maxWorkers} and a thread-name prefix unique to the test run. */
    ThreadPoolExecutor.Builder builder(int maxWorkers) {
        ThreadPoolExecutor.Builder b = ThreadPoolExecutor.builder().maxWorkers(maxWorkers)
                .threadNamePrefix(uniquePrefix(name().toLowerCase()));
        return this == VIRTUAL ? b.virtualThreads() : b;
    }

    ThreadPoolExecutor create(int maxWorkers) {
        return builder(maxWorkers).build();
    }

    /** A thread-name prefix no other executor of this test JVM uses. */
    static String uniquePrefix(String what) {
        return "weft-test-" + what + "-" + PREFIXES.getAndIncrement();
    }

    /** The live platform threads named {@code <prefix>_<n>}; virtual threads are not listed. */
    static Set<Thread> liveThreadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(prefix + "_"))
                .collect(Collectors.toSet());
    }

    /**
     * Waits, for at most {@link TestThreads#LONG}, until {@code worker} is WAITING: an idle
     * worker is parked in the queue's {@code take()}, where a submission is handed to it.
     */
    static void awaitIdle(Thread worker) throws InterruptedException {
        long deadline = System.nanoTime() + TestThreads.LONG.toNanos();
        while (worker.getState() != Thread.State.WAITING) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("worker " + worker + " did not become idle (state " + worker.getState() + ")");
            }
            Thread.sleep(1);
        }
    }
}
