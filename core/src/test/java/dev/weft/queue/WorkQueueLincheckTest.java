package dev.weft.queue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Linearizability of {@link WorkQueue} under Lincheck, by model checking (systematic
 * interleavings) and by stress: the non-blocking puts and gets, the task accounting
 * ({@code taskDone}, {@code unfinishedTasks}, {@code join(Duration.ZERO)}) and both shutdowns, on a
 * bounded FIFO queue, an unbounded LIFO queue and a bounded priority queue. Every outcome is
 * returned as a value (exceptions become markers), so Lincheck compares them with a sequential
 * run of the same operations. Blocking calls are left to the thread tests.
 */
@Tag("lincheck")
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WorkQueueLincheckTest {

    private static ModelCheckingOptions modelChecking() {
        return new ModelCheckingOptions()
                .iterations(30)
                .invocationsPerIteration(500)
                .threads(3)
                .actorsPerThread(2)
                .actorsBefore(2)
                .actorsAfter(2);
    }

    private static StressOptions stress() {
        return new StressOptions()
                .iterations(30)
                .invocationsPerIteration(2_000)
                .threads(3)
                .actorsPerThread(2)
                .actorsBefore(2)
                .actorsAfter(2);
    }

    @Test
    void boundedFifoIsLinearizableUnderModelChecking() {
        modelChecking().check(BoundedFifo.class);
    }

    @Test
    void boundedFifoIsLinearizableUnderStress() {
        stress().check(BoundedFifo.class);
    }

    @Test
    void lifoIsLinearizableUnderModelChecking() {
        modelChecking().check(Lifo.class);
    }

    @Test
    void lifoIsLinearizableUnderStress() {
        stress().check(Lifo.class);
    }

    @Test
    void boundedPriorityIsLinearizableUnderModelChecking() {
        modelChecking().check(BoundedPriority.class);
    }

    @Test
    void boundedPriorityIsLinearizableUnderStress() {
        stress().check(BoundedPriority.class);
    }

    /** The operations Lincheck runs; each subclass chooses the queue. */
    abstract static class Operations {
        private final WorkQueue<Integer> q;

        Operations(WorkQueue<Integer> q) {
            this.q = q;
        }

        @Operation
        public String putNowait(@Param(gen = IntGen.class, conf = "1:3") int item) {
            try {
                q.putNowait(item);
                return "ok";
            } catch (QueueFullException e) {
                return "full";
            } catch (QueueShutDownException e) {
                return "shut down";
            }
        }

        @Operation
        public Object offer(@Param(gen = IntGen.class, conf = "1:3") int item) {
            try {
                return q.offer(item);
            } catch (QueueShutDownException e) {
                return "shut down";
            }
        }

        @Operation
        public Object getNowait() {
            try {
                return q.getNowait();
            } catch (QueueEmptyException e) {
                return "empty";
            } catch (QueueShutDownException e) {
                return "shut down";
            }
        }

        @Operation
        public Integer poll() {
            return q.poll();
        }

        @Operation
        public String taskDone() {
            try {
                q.taskDone();
                return "ok";
            } catch (IllegalStateException e) {
                return "too many";
            }
        }

        @Operation
        public long unfinishedTasks() {
            return q.unfinishedTasks();
        }

        @Operation
        public int qsize() {
            return q.qsize();
        }

        @Operation
        public Object joinNow() {
            try {
                return q.join(Duration.ZERO);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }

        @Operation
        public void shutdown() {
            q.shutdown(false);
        }

        @Operation
        public void shutdownImmediately() {
            q.shutdown(true);
        }
    }

    /** {@code WorkQueue.fifo(2)}. */
    public static class BoundedFifo extends Operations {
        public BoundedFifo() {
            super(WorkQueue.fifo(2));
        }
    }

    /** {@code WorkQueue.lifo()}. */
    public static class Lifo extends Operations {
        public Lifo() {
            super(WorkQueue.lifo());
        }
    }

    /** {@code WorkQueue.priority(2)}. */
    public static class BoundedPriority extends Operations {
        public BoundedPriority() {
            super(WorkQueue.priority(2));
        }
    }
}
