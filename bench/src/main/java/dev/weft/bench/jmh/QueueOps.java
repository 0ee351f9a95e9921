package dev.weft.bench.jmh;

import dev.weft.queue.WorkQueue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The uncontended cost of one put and one get on a single thread: what every queue operation pays
 * before any contention. {@code weft bench --jmh QueueOps}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class QueueOps {
    private final WorkQueue<Integer> fifo = WorkQueue.fifo(1024);
    private final WorkQueue<Integer> lifo = WorkQueue.lifo(1024);
    private final WorkQueue<Integer> priority = WorkQueue.priority(1024);
    private final ArrayBlockingQueue<Integer> abq = new ArrayBlockingQueue<>(1024);
    private final Integer item = 42;

    /** The state JMH makes for each trial: empty queues of maxsize 1024. */
    public QueueOps() {}

    /**
     * {@code WorkQueue.fifo}: put, then get.
     *
     * @return the item got
     * @throws InterruptedException never: the queue has room and an item each time
     */
    @Benchmark
    public Integer workQueueFifoPutGet() throws InterruptedException {
        fifo.put(item);
        return fifo.get();
    }

    /**
     * {@code WorkQueue.fifo}: put, get, then {@code taskDone}: the accounting that {@code join} needs.
     *
     * @return the item got
     * @throws InterruptedException never: the queue has room and an item each time
     */
    @Benchmark
    public Integer workQueueFifoPutGetTaskDone() throws InterruptedException {
        fifo.put(item);
        Integer i = fifo.get();
        fifo.taskDone();
        return i;
    }

    /**
     * {@code WorkQueue.lifo}: put, then get.
     *
     * @return the item got
     * @throws InterruptedException never: the queue has room and an item each time
     */
    @Benchmark
    public Integer workQueueLifoPutGet() throws InterruptedException {
        lifo.put(item);
        return lifo.get();
    }

    /**
     * {@code WorkQueue.priority}: put, then get.
     *
     * @return the item got
     * @throws InterruptedException never: the queue has room and an item each time
     */
    @Benchmark
    public Integer workQueuePriorityPutGet() throws InterruptedException {
        priority.put(item);
        return priority.get();
    }

    /**
     * The JDK's {@code ArrayBlockingQueue}: put, then take.
     *
     * @return the item taken
     * @throws InterruptedException never: the queue has room and an item each time
     */
    @Benchmark
    public Integer arrayBlockingQueuePutTake() throws InterruptedException {
        abq.put(item);
        return abq.take();
    }
}
