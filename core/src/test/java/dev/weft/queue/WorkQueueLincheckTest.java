package dev.weft.queue;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.BooleanGen;
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
 * interleavings) and by stress, for both implementations: the lock-free ring behind bounded FIFO
 * queues (maxsize 1, 2 and 3: the smallest, a ring exactly as long as maxsize, and one longer) and
 * the locked queue behind the others (unbounded FIFO, LIFO, priority).
 *
 * <p>Three sets of operations, each starting from a fixed state: the non-blocking puts and gets
 * with both shutdowns (from an empty queue, where a get can race a put and a shutdown); the same
 * plus the task accounting ({@code taskDone}, {@code unfinishedTasks}, {@code join(Duration.ZERO)})
 * from a state with work in flight (two items got and not done, one queued), so that
 * {@code taskDone} calls race from the first operation; and the same plus the operations that reach
 * into the middle of the queue ({@code remove(Object)}, {@code clear}, {@code drainTo},
 * {@code toArray}, {@code peek}). Every outcome is returned as a value (exceptions become markers),
 * which Lincheck compares with sequential runs of the same operations. Besides the random
 * scenarios, two races that random scenarios rarely line up are always checked (see
 * {@link #getRacingLastPutAndShutdown} and {@link #taskDoneRacingAGetAndOtherTaskDones}). Blocking
 * calls are left to the thread tests.
 */
@Tag("lincheck")
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WorkQueueLincheckTest {

    private static ModelCheckingOptions modelChecking() {
        return new ModelCheckingOptions()
                .iterations(12)
                .invocationsPerIteration(400)
                .threads(3)
                .actorsPerThread(2)
                .actorsBefore(1)
                .actorsAfter(1);
    }

    private static StressOptions stress() {
        return new StressOptions()
                .iterations(15)
                .invocationsPerIteration(2_000)
                .threads(3)
                .actorsPerThread(2)
                .actorsBefore(1)
                .actorsAfter(1);
    }

    // ------------------------------------------------------------ the lock-free ring

    @Test
    void ringGetsRacingPutsAndShutdownAreLinearizableUnderModelChecking() {
        modelChecking()
                .addCustomScenario(getRacingLastPutAndShutdown("getNowait"))
                .addCustomScenario(getRacingLastPutAndShutdown("pollZero"))
                .check(RingOfTwoFromEmpty.class);
    }

    /**
     * On an empty queue, one thread gets while another puts an item and shuts the queue down: the
     * get must return the item or report an empty queue, never a shut-down one (the item is still
     * there), and the item must still be there afterwards if the get missed it. Random scenarios
     * rarely line these three operations up, so this one is always checked.
     */
    private static ExecutionScenario getRacingLastPutAndShutdown(String get) {
        return new ExecutionScenario(
                List.of(),
                List.of(List.of(actor(get)), List.of(actor("putNowait", 1), actor("shutdown", false))),
                List.of(actor("getNowait"), actor("qsize")),
                null);
    }

    /**
     * With two items got and not done and one queued (the {@link AccountingOperations} start), one
     * thread marks its item done while another gets the queued item and marks it done, and a third
     * marks the other item done. Every taskDone follows a get, so none may throw; a taskDone that
     * counts the items got before it counts those done can see the others' work half-way and
     * throw. Random scenarios rarely line these up, so this one is always checked.
     */
    private static ExecutionScenario taskDoneRacingAGetAndOtherTaskDones() {
        return new ExecutionScenario(
                List.of(),
                List.of(
                        List.of(actor("taskDone")),
                        List.of(actor("getNowait"), actor("taskDone")),
                        List.of(actor("taskDone"))),
                List.of(actor("unfinishedTasks")),
                null);
    }

    /** An actor for the operation {@code name} of {@link CoreOperations} or its subclasses. */
    private static Actor actor(String name, Object... args) {
        for (Method m : concat(CoreOperations.class.getMethods(), AccountingOperations.class.getDeclaredMethods())) {
            if (m.getName().equals(name) && m.isAnnotationPresent(Operation.class)) {
                return new Actor(m, List.of(args), false, false, false, false, false);
            }
        }
        throw new IllegalArgumentException("no operation " + name);
    }

    private static Method[] concat(Method[] a, Method[] b) {
        Method[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void ringTaskAccountingIsLinearizableUnderModelChecking() {
        modelChecking().addCustomScenario(taskDoneRacingAGetAndOtherTaskDones()).check(RingOfTwoInFlight.class);
    }

    @Test
    void ringTaskAccountingIsLinearizableUnderStress() {
        stress().check(RingOfTwoInFlight.class);
    }

    @Test
    void ringLongerThanMaxsizeWithRareOperationsIsLinearizableUnderModelChecking() {
        modelChecking().check(RingOfThreeWithRareOperations.class);
    }

    @Test
    void ringLongerThanMaxsizeWithRareOperationsIsLinearizableUnderStress() {
        stress().check(RingOfThreeWithRareOperations.class);
    }

    @Test
    void ringOfMaxsizeOneIsLinearizableUnderModelChecking() {
        modelChecking().check(RingOfOneWithRareOperations.class);
    }

    // ------------------------------------------------------------ the locked queue

    @Test
    void unboundedFifoWithRareOperationsIsLinearizableUnderModelChecking() {
        modelChecking().check(UnboundedFifoWithRareOperations.class);
    }

    @Test
    void lifoTaskAccountingIsLinearizableUnderModelChecking() {
        modelChecking().addCustomScenario(taskDoneRacingAGetAndOtherTaskDones()).check(LifoInFlight.class);
    }

    @Test
    void boundedPriorityTaskAccountingIsLinearizableUnderStress() {
        stress().check(PriorityOfTwoInFlight.class);
    }

    // ------------------------------------------------------------ operations

    /** Puts, gets and shutdown: the operations every configuration runs. */
    abstract static class CoreOperations {
        final WorkQueue<Integer> q;

        CoreOperations(WorkQueue<Integer> q) {
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
        public Object getNowait() {
            try {
                return q.getNowait();
            } catch (QueueEmptyException e) {
                return "empty";
            } catch (QueueShutDownException e) {
                return "shut down";
            }
        }

        /** {@code poll} with a zero wait: unlike {@code poll()}, it reports a shut-down queue. */
        @Operation
        public Object pollZero() {
            try {
                return q.poll(0, TimeUnit.NANOSECONDS);
            } catch (QueueShutDownException e) {
                return "shut down";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }

        @Operation
        public int qsize() {
            return q.qsize();
        }

        @Operation
        public void shutdown(@Param(gen = BooleanGen.class) boolean immediate) {
            q.shutdown(immediate);
        }
    }

    /** Adds the task accounting and {@code poll}. */
    abstract static class AccountingOperations extends CoreOperations {
        /** Starts with two items got and not done, and one item queued. */
        AccountingOperations(WorkQueue<Integer> q) {
            super(q);
            q.putNowait(1);
            q.putNowait(2);
            q.getNowait();
            q.getNowait();
            q.putNowait(3);
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
        public Object joinNow() {
            try {
                return q.join(Duration.ZERO);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }
    }

    /** Adds the operations that reach into the middle of the queue, and the accounting they change. */
    abstract static class RareOperations extends CoreOperations {
        /** Starts with one item got and not done, and one item queued. */
        RareOperations(WorkQueue<Integer> q) {
            super(q);
            q.putNowait(2);
            q.getNowait();
            q.putNowait(1);
        }

        @Operation
        public boolean removeItem(@Param(gen = IntGen.class, conf = "1:3") int item) {
            return q.remove(item);
        }

        @Operation
        public void clear() {
            q.clear();
        }

        @Operation
        public List<Integer> drainOne() {
            List<Integer> out = new ArrayList<>();
            q.drainTo(out, 1);
            return out;
        }

        @Operation
        public List<Object> contents() {
            return Arrays.asList(q.toArray());
        }

        @Operation
        public Integer peek() {
            return q.peek();
        }

        @Operation
        public long unfinishedTasks() {
            return q.unfinishedTasks();
        }
    }

    /** {@code fifo(2)}, the lock-free ring, empty. */
    public static class RingOfTwoFromEmpty extends CoreOperations {
        public RingOfTwoFromEmpty() {
            super(WorkQueue.fifo(2));
        }
    }

    /** {@code fifo(2)}, the lock-free ring, with work in flight. */
    public static class RingOfTwoInFlight extends AccountingOperations {
        public RingOfTwoInFlight() {
            super(WorkQueue.fifo(2));
        }
    }

    /** {@code fifo(3)}: a ring of four slots, of which at most three are used. */
    public static class RingOfThreeWithRareOperations extends RareOperations {
        public RingOfThreeWithRareOperations() {
            super(WorkQueue.fifo(3));
        }
    }

    /**
     * {@code fifo(1)}: the edge case of the ring, where a single slot would make "item i published"
     * read the same as "free for item i + 1".
     */
    public static class RingOfOneWithRareOperations extends RareOperations {
        public RingOfOneWithRareOperations() {
            super(WorkQueue.fifo(1));
        }
    }

    /** {@code fifo()}: the locked queue. */
    public static class UnboundedFifoWithRareOperations extends RareOperations {
        public UnboundedFifoWithRareOperations() {
            super(WorkQueue.fifo());
        }
    }

    /** {@code lifo()}, with work in flight. */
    public static class LifoInFlight extends AccountingOperations {
        public LifoInFlight() {
            super(WorkQueue.lifo());
        }
    }

    /** {@code priority(2)}, with work in flight. */
    public static class PriorityOfTwoInFlight extends AccountingOperations {
        public PriorityOfTwoInFlight() {
            super(WorkQueue.priority(2));
        }
    }
}
