package dev.weft.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.testing.TestThreads;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Unit tests of {@link Locks}: the {@code hold} guards for a {@link Lock} and a {@link Semaphore}
 * (released on close and when the body throws, a second close does nothing), and
 * {@code acquireAll}: one global order whatever the argument order, release in reverse, the
 * per-thread record of what is held, nested calls that follow the order, nested calls that break
 * it ({@link LockOrderViolationException}, nothing taken), bad arguments, rollback when a lock
 * fails, and the Cookbook's two threads taking the same two locks in opposite argument order
 * without deadlock.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LocksTest {

    /** A lock that logs, in one shared list, each lock and unlock, for checking the order. */
    private static final class RecordingLock implements Lock {
        private final String name;
        private final List<String> log;
        private final ReentrantLock inner = new ReentrantLock();

        RecordingLock(String name, List<String> log) {
            this.name = name;
            this.log = log;
        }

        @Override
        public void lock() {
            inner.lock();
            log.add("lock " + name);
        }

        @Override
        public void lockInterruptibly() throws InterruptedException {
            inner.lockInterruptibly();
            log.add("lock " + name);
        }

        @Override
        public boolean tryLock() {
            boolean locked = inner.tryLock();
            if (locked) {
                log.add("lock " + name);
            }
            return locked;
        }

        @Override
        public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
            boolean locked = inner.tryLock(time, unit);
            if (locked) {
                log.add("lock " + name);
            }
            return locked;
        }

        @Override
        public void unlock() {
            log.add("unlock " + name);
            inner.unlock();
        }

        @Override
        public Condition newCondition() {
            return inner.newCondition();
        }

        boolean isLocked() {
            return inner.isLocked();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A lock whose {@code lock()} always fails. */
    private static final class FailingLock extends ReentrantLock {
        @Override
        public void lock() {
            throw new IllegalStateException("this lock cannot be taken");
        }
    }

    /** Gives each lock its rank in the order given, one acquireAll call per lock. */
    private static void rankInThisOrder(Lock... locks) {
        for (Lock l : locks) {
            Locks.acquireAll(l).close();
        }
    }

    @AfterEach
    void forgetTheRecorder() {
        LockOrderRecorder.stop();
        LockOrderRecorder.reset();
        LockOrderRecorder.onPotentialDeadlock(null);
        assertThat(Locks.heldByCurrentThread()).as("a test left locks held").isEmpty();
    }

    // ---- hold(Lock) ----

    @Test
    void holdLockTakesTheLockAndCloseReleasesIt() {
        ReentrantLock lock = new ReentrantLock();

        try (var _ = Locks.hold(lock)) {
            assertThat(lock.isHeldByCurrentThread()).isTrue();
        }
        assertThat(lock.isLocked()).isFalse();
    }

    @Test
    void holdLockReleasesWhenTheBodyThrows() {
        ReentrantLock lock = new ReentrantLock();

        assertThatThrownBy(() -> {
            try (var _ = Locks.hold(lock)) {
                throw new IllegalArgumentException("boom");
            }
        }).hasMessage("boom");
        assertThat(lock.isLocked()).isFalse();
    }

    @Test
    void holdLockGuardClosedTwiceUnlocksOnce() {
        ReentrantLock lock = new ReentrantLock();
        lock.lock();

        Guard g = Locks.hold(lock);
        assertThat(lock.getHoldCount()).isEqualTo(2);
        g.close();
        g.close();

        assertThat(lock.getHoldCount()).as("the outer hold is untouched by the second close()").isEqualTo(1);
        lock.unlock();
    }

    @Test
    void nestedHoldsOfAReentrantLockUnwindOneByOne() {
        ReentrantLock lock = new ReentrantLock();

        try (var _ = Locks.hold(lock)) {
            try (var _ = Locks.hold(lock)) {
                assertThat(lock.getHoldCount()).isEqualTo(2);
            }
            assertThat(lock.getHoldCount()).isEqualTo(1);
        }
        assertThat(lock.isLocked()).isFalse();
    }

    @Test
    void holdLockBlocksWhileAnotherThreadHoldsTheLock() throws InterruptedException {
        ReentrantLock lock = new ReentrantLock();
        List<String> events = new CopyOnWriteArrayList<>();
        lock.lock();
        var other = TestThreads.start("other", () -> {
            try (var _ = Locks.hold(lock)) {
                events.add("other inside");
            }
        });
        other.awaitBlocked();
        events.add("main releases");
        lock.unlock();

        other.joinSuccessfully();
        assertThat(events).containsExactly("main releases", "other inside");
    }

    // ---- hold(Semaphore) ----

    @Test
    void holdSemaphoreTakesAPermitThatCloseReturns() {
        Semaphore s = new Semaphore(2);

        try (var _ = Locks.hold(s)) {
            assertThat(s.availablePermits()).isEqualTo(1);
        }
        assertThat(s.availablePermits()).isEqualTo(2);
    }

    @Test
    void holdSemaphoreReleasesWhenTheBodyThrows() {
        Semaphore s = new Semaphore(1);

        assertThatThrownBy(() -> {
            try (var _ = Locks.hold(s)) {
                throw new IllegalStateException("boom");
            }
        }).hasMessage("boom");
        assertThat(s.availablePermits()).isEqualTo(1);
    }

    @Test
    void holdSemaphoreGuardClosedTwiceReleasesOnce() {
        Semaphore s = new Semaphore(1);

        Guard g = Locks.hold(s);
        g.close();
        g.close();

        assertThat(s.availablePermits()).as("a plain Semaphore would grow to 2 on a second release").isEqualTo(1);
    }

    // ---- acquireAll ----

    @Test
    void acquireAllTakesNamedLocksInCreationOrderWhateverTheArgumentOrder() {
        NamedLock x = new NamedLock("x");
        NamedLock y = new NamedLock("y");
        NamedLock z = new NamedLock("z");

        try (var _ = Locks.acquireAll(z, x, y)) {
            assertThat(Locks.heldByCurrentThread()).containsExactly(x, y, z);
            assertThat(x.isHeldByCurrentThread() && y.isHeldByCurrentThread() && z.isHeldByCurrentThread()).isTrue();
        }
        assertThat(Locks.heldByCurrentThread()).isEmpty();
        assertThat(x.isLocked() || y.isLocked() || z.isLocked()).isFalse();
    }

    @Test
    void acquireAllLocksInTheGlobalOrderAndUnlocksInReverse() {
        List<String> log = new CopyOnWriteArrayList<>();
        RecordingLock a = new RecordingLock("a", log);
        RecordingLock b = new RecordingLock("b", log);
        RecordingLock c = new RecordingLock("c", log);
        rankInThisOrder(a, b, c);
        log.clear();

        try (var _ = Locks.acquireAll(c, a, b)) {
            assertThat(log).containsExactly("lock a", "lock b", "lock c");
            assertThat(Locks.heldByCurrentThread()).containsExactly(a, b, c);
        }

        assertThat(log).containsExactly("lock a", "lock b", "lock c", "unlock c", "unlock b", "unlock a");
        assertThat(a.isLocked() || b.isLocked() || c.isLocked()).isFalse();
    }

    @Test
    void twoCallsWithOppositeArgumentOrdersTakeTheLocksInTheSameOrder() {
        List<String> log = new CopyOnWriteArrayList<>();
        RecordingLock p = new RecordingLock("p", log);
        RecordingLock q = new RecordingLock("q", log);

        Locks.acquireAll(p, q).close();
        List<String> first = List.copyOf(log);
        log.clear();
        Locks.acquireAll(q, p).close();

        assertThat(log).isEqualTo(first);
    }

    @Test
    void acquireAllAcceptsACollection() {
        NamedLock x = new NamedLock("x");
        NamedLock y = new NamedLock("y");

        try (var _ = Locks.acquireAll(List.of(y, x))) {
            assertThat(Locks.heldByCurrentThread()).containsExactly(x, y);
        }
        assertThat(Locks.heldByCurrentThread()).isEmpty();
    }

    @Test
    void acquireAllGuardClosedTwiceReleasesOnce() {
        NamedLock x = new NamedLock("x");
        x.lock();

        Guard g = Locks.acquireAll(x);
        assertThat(x.getHoldCount()).isEqualTo(2);
        g.close();
        g.close();

        assertThat(x.getHoldCount()).isEqualTo(1);
        assertThat(Locks.heldByCurrentThread()).isEmpty();
        x.unlock();
    }

    @Test
    void acquireAllReleasesWhenTheBodyThrows() {
        NamedLock x = new NamedLock("x");
        NamedLock y = new NamedLock("y");

        assertThatThrownBy(() -> {
            try (var _ = Locks.acquireAll(x, y)) {
                throw new IllegalStateException("boom");
            }
        }).hasMessage("boom");
        assertThat(x.isLocked() || y.isLocked()).isFalse();
        assertThat(Locks.heldByCurrentThread()).isEmpty();
    }

    @Test
    void nestedAcquireAllOfLaterLocksIsAllowed() {
        NamedLock x = new NamedLock("x");
        NamedLock y = new NamedLock("y");
        NamedLock z = new NamedLock("z");

        try (var _ = Locks.acquireAll(x)) {
            try (var _ = Locks.acquireAll(z, y)) {
                assertThat(Locks.heldByCurrentThread()).containsExactly(x, y, z);
            }
            assertThat(Locks.heldByCurrentThread()).containsExactly(x);
            assertThat(y.isLocked() || z.isLocked()).isFalse();
        }
        assertThat(Locks.heldByCurrentThread()).isEmpty();
    }

    @Test
    void nestedAcquireAllOfAnEarlierLockThrowsAndTakesNothing() {
        NamedLock x = new NamedLock("x");
        NamedLock y = new NamedLock("y");
        NamedLock z = new NamedLock("z");

        try (var _ = Locks.acquireAll(y)) {
            assertThatThrownBy(() -> Locks.acquireAll(x))
                    .isInstanceOf(LockOrderViolationException.class)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("NamedLock[x]")
                    .hasMessageContaining("NamedLock[y]")
                    .hasMessageContaining(Thread.currentThread().getName());
            assertThatThrownBy(() -> Locks.acquireAll(x, z))
                    .as("one earlier lock among later ones is enough to refuse")
                    .isInstanceOf(LockOrderViolationException.class);

            assertThat(x.isLocked()).isFalse();
            assertThat(z.isLocked()).as("nothing is taken, not even the later lock").isFalse();
            assertThat(Locks.heldByCurrentThread()).containsExactly(y);
        }
        assertThat(Locks.heldByCurrentThread()).isEmpty();
    }

    @Test
    void nestedAcquireAllOfALockAlreadyHeldThroughAcquireAllThrows() {
        NamedLock x = new NamedLock("x");

        try (var _ = Locks.acquireAll(x)) {
            assertThatThrownBy(() -> Locks.acquireAll(x)).isInstanceOf(LockOrderViolationException.class);
            assertThat(x.getHoldCount()).isEqualTo(1);
        }
        assertThat(x.isLocked()).isFalse();
    }

    @Test
    void afterTheOuterGuardClosesAnEarlierLockMayBeTakenAgain() {
        NamedLock x = new NamedLock("x");
        NamedLock y = new NamedLock("y");

        Locks.acquireAll(y).close();
        try (var _ = Locks.acquireAll(x)) {
            assertThat(Locks.heldByCurrentThread()).containsExactly(x);
        }
    }

    @Test
    void orderIsCheckedPerThread() throws InterruptedException {
        NamedLock x = new NamedLock("x");
        NamedLock y = new NamedLock("y");
        AtomicReference<List<Lock>> seenByOther = new AtomicReference<>();

        try (var _ = Locks.acquireAll(y)) {
            var other = TestThreads.start("other", () -> {
                seenByOther.set(Locks.heldByCurrentThread());
                Locks.acquireAll(x).close(); // this thread holds nothing: any lock is fine
            });
            other.joinSuccessfully();
        }
        assertThat(seenByOther.get()).isEmpty();
    }

    @Test
    void theSameLockTwiceIsRejected() {
        NamedLock x = new NamedLock("x");
        ReentrantLock plain = new ReentrantLock();

        assertThatThrownBy(() -> Locks.acquireAll(x, x))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> Locks.acquireAll(plain, x, plain)).isInstanceOf(IllegalArgumentException.class);
        assertThat(x.isLocked() || plain.isLocked()).isFalse();
        assertThat(Locks.heldByCurrentThread()).isEmpty();
    }

    @Test
    void noLocksIsRejected() {
        assertThatThrownBy(() -> Locks.acquireAll()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Locks.acquireAll(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNullLockIsRejectedAndNothingIsTaken() {
        NamedLock x = new NamedLock("x");

        assertThatThrownBy(() -> Locks.acquireAll(x, null)).isInstanceOf(NullPointerException.class);
        assertThat(x.isLocked()).isFalse();
    }

    @Test
    void aLockThatFailsToLockReleasesTheLocksTakenBeforeIt() {
        List<String> log = new CopyOnWriteArrayList<>();
        RecordingLock first = new RecordingLock("first", log);
        FailingLock failing = new FailingLock();
        RecordingLock last = new RecordingLock("last", log);
        Locks.acquireAll(first).close();
        assertThatThrownBy(() -> Locks.acquireAll(failing)).isInstanceOf(IllegalStateException.class);
        Locks.acquireAll(last).close();
        log.clear();

        assertThatThrownBy(() -> Locks.acquireAll(last, failing, first))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("this lock cannot be taken");

        assertThat(log).containsExactly("lock first", "unlock first");
        assertThat(first.isLocked() || last.isLocked()).isFalse();
        assertThat(Locks.heldByCurrentThread()).isEmpty();
    }

    @Test
    void plainLocksKeepTheirRankAcrossCalls() {
        List<String> log = new CopyOnWriteArrayList<>();
        RecordingLock a = new RecordingLock("a", log);
        RecordingLock b = new RecordingLock("b", log);
        rankInThisOrder(b, a);

        try (var _ = Locks.acquireAll(b)) {
            try (var _ = Locks.acquireAll(a)) {
                assertThat(Locks.heldByCurrentThread()).containsExactly(b, a);
            }
        }
        try (var _ = Locks.acquireAll(a)) {
            assertThatThrownBy(() -> Locks.acquireAll(b)).isInstanceOf(LockOrderViolationException.class);
        }
    }

    /** The seed: thread 1 takes (x, y), thread 2 takes (y, x), over and over, at the same time. */
    @Test
    void oppositeArgumentOrdersInTwoThreadsNeverDeadlock() throws InterruptedException {
        NamedLock x = new NamedLock("x");
        ReentrantLock y = new ReentrantLock();
        int iterations = 20_000;
        int[] counter = {0};
        var one = TestThreads.start("thread-1", () -> {
            for (int i = 0; i < iterations; i++) {
                try (var _ = Locks.acquireAll(x, y)) {
                    counter[0]++;
                }
            }
        });
        var two = TestThreads.start("thread-2", () -> {
            for (int i = 0; i < iterations; i++) {
                try (var _ = Locks.acquireAll(y, x)) {
                    counter[0]++;
                }
            }
        });

        one.joinSuccessfully();
        two.joinSuccessfully();
        assertThat(counter[0]).as("every increment happened under both locks").isEqualTo(2 * iterations);
        assertThat(x.isLocked() || y.isLocked()).isFalse();
    }

    /**
     * A report's stack starts at the code that asked for the locks, not inside Weft: Locks,
     * NamedLock and the recorder are left out. This class is named {@code LocksTest}, whose name
     * begins with {@code dev.weft.sync.Locks}: its frames must not be mistaken for Weft's.
     */
    @Test
    void recorderStacksOfAcquireAllStartAtTheCaller() throws InterruptedException {
        NamedLock a = new NamedLock("a");
        NamedLock b = new NamedLock("b");
        List<PotentialDeadlock> found = new CopyOnWriteArrayList<>();
        LockOrderRecorder.onPotentialDeadlock(found::add);
        LockOrderRecorder.start();

        var first = TestThreads.start("first", () -> {
            try (var _ = Locks.acquireAll(a); var _ = Locks.acquireAll(b)) {
                // a then b
            }
        });
        first.joinSuccessfully();
        try (var _ = Locks.hold(b); var _ = Locks.hold(a)) {
            // b then a: a potential deadlock with "first"
        }

        assertThat(found).hasSize(1);
        List<String> callers = new ArrayList<>();
        for (var step : found.getFirst().cycle()) {
            callers.add(step.stack().getFirst().getClassName());
        }
        assertThat(callers).containsOnly(LocksTest.class.getName());
    }
}
