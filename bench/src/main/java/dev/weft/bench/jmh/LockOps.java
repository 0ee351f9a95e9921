package dev.weft.bench.jmh;

import dev.weft.sync.Event;
import dev.weft.sync.Locks;
import dev.weft.sync.NamedLock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
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
 * The uncontended cost of Weft's lock idioms against the JDK's: whether {@code Locks.hold}'s guard
 * is free after inlining, and what a {@link NamedLock} adds with the recorder off.
 * {@code weft bench --jmh LockOps}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LockOps {
    private final ReentrantLock lock = new ReentrantLock();
    private final NamedLock named = new NamedLock("bench");
    private final Event event = new Event();
    private long counter;

    /** The state JMH makes for each trial: an unlocked lock, a fresh named lock and an event not set. */
    public LockOps() {}

    /**
     * The JDK idiom: {@code lock()}, then {@code unlock()} in a {@code finally}, around an increment.
     *
     * @return the counter after the increment
     */
    @Benchmark
    public long reentrantLockTryFinally() {
        lock.lock();
        try {
            return ++counter;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The same increment under Weft's {@code Locks.hold} guard on the same {@code ReentrantLock}.
     *
     * @return the counter after the increment
     */
    @Benchmark
    public long locksHold() {
        try (var _ = Locks.hold(lock)) {
            return ++counter;
        }
    }

    /**
     * The same increment under {@code Locks.hold} of a {@link NamedLock}, its lock-order recorder off.
     *
     * @return the counter after the increment
     */
    @Benchmark
    public long locksHoldNamedLock() {
        try (var _ = Locks.hold(named)) {
            return ++counter;
        }
    }

    /**
     * An {@code Event}'s {@code isSet}: one volatile read.
     *
     * @return whether the event is set (never)
     */
    @Benchmark
    public boolean eventIsSet() {
        return event.isSet();
    }

    /**
     * An {@code Event}'s {@code set} then {@code clear}, with no waiter.
     *
     * @return whether the event is set afterwards (never)
     */
    @Benchmark
    public boolean eventSetClear() {
        event.set();
        event.clear();
        return event.isSet();
    }
}
