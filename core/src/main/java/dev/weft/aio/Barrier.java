package dev.weft.aio;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CancellationException;

/**
 * A barrier for a fixed number of tasks of one event loop: Python's {@code asyncio.Barrier}. Each
 * task calls {@link #await()}; when the last of {@code parties} arrives, all of them go on and the
 * barrier is ready for the next round. {@link #abort()} breaks it; {@link #reset()} breaks the
 * current round and makes it usable again. Not thread-safe: use it from the tasks of its loop.
 */
public final class Barrier {
    private final int parties;
    private List<Waiter> round = new ArrayList<>();
    private boolean broken;

    /**
     * Creates a barrier for {@code parties} tasks.
     *
     * @param parties how many tasks each round waits for
     * @throws IllegalArgumentException if {@code parties} is less than 1
     */
    public Barrier(int parties) {
        if (parties < 1) {
            throw new IllegalArgumentException("parties must be >= 1: " + parties);
        }
        this.parties = parties;
    }

    /**
     * Waits (an await point) until {@code parties} tasks have called it.
     *
     * @return the caller's arrival index in its round, 0 for the first ... {@code parties - 1} for
     *     the last, as Python's {@code wait()}
     * @throws BrokenBarrierException if the barrier is broken on entry or while the task waits
     *     (by {@link #abort()}, {@link #reset()}, or a waiting task's cancellation)
     * @throws CancellationException if the calling task is cancelled while it waits; the barrier
     *     is then broken for the others, as a waiter's timeout breaks a
     *     {@link java.util.concurrent.CyclicBarrier}
     */
    public int await() throws BrokenBarrierException {
        Task<?> t = Aio.requireTask("Barrier.await");
        t.deliverCancel();
        if (broken) {
            throw new BrokenBarrierException("barrier is broken");
        }
        int index = round.size();
        if (index + 1 == parties) {
            List<Waiter> tripped = round;
            round = new ArrayList<>();
            tripped.forEach(w -> w.grant());
            return index;
        }
        Waiter w = new Waiter(t);
        round.add(w);
        try {
            w.await();
        } catch (CancellationException e) {
            if (round.contains(w)) {
                breakRound();
            }
            throw e;
        }
        if (w.failure() != null) {
            throw new BrokenBarrierException("barrier was broken while waiting");
        }
        return index;
    }

    private void breakRound() {
        broken = true;
        List<Waiter> waiting = round;
        round = new ArrayList<>();
        waiting.forEach(w -> w.fail(new BrokenBarrierException("barrier broken")));
    }

    /** Breaks the barrier: waiting and later tasks get {@link BrokenBarrierException}. */
    public void abort() {
        Aio.requireLoop("Barrier");
        breakRound();
    }

    /** Breaks the current round for the tasks waiting in it, and makes the barrier usable again. */
    public void reset() {
        Aio.requireLoop("Barrier");
        breakRound();
        broken = false;
    }

    /** {@return the number of tasks needed to pass} */
    public int parties() {
        return parties;
    }

    /** {@return the number of tasks waiting in the current round: Python's {@code n_waiting}} */
    public int nWaiting() {
        return round.size();
    }

    /** {@return whether the barrier is broken} */
    public boolean broken() {
        return broken;
    }
}
