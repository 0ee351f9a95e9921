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

    @Benchmark
    public long reentrantLockTryFinally() {
        lock.lock();
        try {
            return ++counter;
        } finally {
            lock.unlock();
        }
    }

    @Benchmark
    public long locksHold() {
        try (var _ = Locks.hold(lock)) {
            return ++counter;
        }
    }

    @Benchmark
    public long locksHoldNamedLock() {
        try (var _ = Locks.hold(named)) {
            return ++counter;
        }
    }

    @Benchmark
    public boolean eventIsSet() {
        return event.isSet();
    }

    @Benchmark
    public boolean eventSetClear() {
        event.set();
        event.clear();
        return event.isSet();
    }
}
