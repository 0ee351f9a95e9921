package dev.weft.queue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * One way of making a {@link WorkQueue} of integers, with the order in which it hands items out:
 * the parameter of the tests that run against every order. Not a test.
 *
 * @param name shown in test names
 * @param factory makes a queue of the given maxsize (0: unbounded)
 * @param getOrder the order in which the queue hands out items put in the given order
 */
record QueueFlavor(String name, IntFunction<WorkQueue<Integer>> factory, UnaryOperator<List<Integer>> getOrder) {

    /** The maxsize of the ring that {@link #FIFO_RING} makes when a test asks for an unbounded queue. */
    static final int RING_STANDING_IN_FOR_UNBOUNDED = 1_024;

    /** {@code fifo(maxsize)}: the locked queue when unbounded, the lock-free ring when bounded. */
    static final QueueFlavor FIFO = new QueueFlavor("fifo", WorkQueue::fifo, List::copyOf);

    /**
     * The lock-free ring of bounded FIFO queues even where a test asks for an unbounded queue: then
     * a ring of {@value #RING_STANDING_IN_FOR_UNBOUNDED} slots, more than any such test puts.
     */
    static final QueueFlavor FIFO_RING = new QueueFlavor(
            "fifo ring",
            maxsize -> WorkQueue.fifo(maxsize == 0 ? RING_STANDING_IN_FOR_UNBOUNDED : maxsize),
            List::copyOf);

    static final QueueFlavor LIFO = new QueueFlavor("lifo", WorkQueue::lifo, puts -> List.copyOf(puts.reversed()));

    static final QueueFlavor PRIORITY = new QueueFlavor("priority", WorkQueue::priority, puts -> sorted(puts, Comparator.naturalOrder()));

    static final QueueFlavor PRIORITY_REVERSED = new QueueFlavor(
            "priority(reverse comparator)",
            maxsize -> WorkQueue.priority(Comparator.<Integer>reverseOrder(), maxsize),
            puts -> sorted(puts, Comparator.reverseOrder()));

    /** Every flavor, for {@code @MethodSource("dev.weft.queue.QueueFlavor#all")}. */
    static Stream<QueueFlavor> all() {
        return Stream.of(FIFO, FIFO_RING, LIFO, PRIORITY, PRIORITY_REVERSED);
    }

    /** The two implementations of a FIFO queue: the locked one (unbounded) and the lock-free ring. */
    static Stream<org.junit.jupiter.api.Named<java.util.function.Supplier<WorkQueue<Integer>>>> fifoKinds() {
        return Stream.of(
                org.junit.jupiter.api.Named.of("fifo()", WorkQueue::fifo),
                org.junit.jupiter.api.Named.of("fifo(8), the ring", () -> WorkQueue.fifo(8)));
    }

    /** The flavors whose {@link #unbounded()} really is unbounded. */
    static Stream<QueueFlavor> unboundedFlavors() {
        return all().filter(f -> f != FIFO_RING);
    }

    /** Whether iteration lists the items in get order (not so for a priority queue's heap order). */
    boolean iteratesInGetOrder() {
        return this == FIFO || this == FIFO_RING || this == LIFO;
    }

    WorkQueue<Integer> unbounded() {
        return factory.apply(0);
    }

    WorkQueue<Integer> bounded(int maxsize) {
        return factory.apply(maxsize);
    }

    /** The order in which this flavor hands out {@code puts}, put in that order. */
    List<Integer> expectedGetOrder(List<Integer> puts) {
        return getOrder.apply(puts);
    }

    private static List<Integer> sorted(List<Integer> puts, Comparator<Integer> c) {
        List<Integer> out = new ArrayList<>(puts);
        out.sort(c); // List.sort is stable, as the priority queue promises to be
        return List.copyOf(out);
    }

    @Override
    public String toString() {
        return name;
    }
}
