package dev.weft.process.internal.manager;

import dev.weft.process.internal.hub.Call;
import dev.weft.process.internal.hub.HubObject;
import dev.weft.process.internal.hub.Result;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The server's side of a manager's {@code Barrier}: a {@link CyclicBarrier} plus Python's
 * {@code abort}. A wait that times out, is cancelled (its caller was interrupted or its process
 * died) or arrives at an aborted barrier breaks it, and every other waiter gets the broken-barrier
 * failure, as in Python; {@link #RESET} mends it. Not API.
 */
public final class BarrierObject implements HubObject {
    /** arg1: timeout in nanoseconds (negative: the barrier's default); reply value: the arrival index. */
    public static final int WAIT = 1;
    public static final int RESET = 2;
    public static final int ABORT = 3;
    public static final int PARTIES = 4;
    public static final int N_WAITING = 5;
    public static final int BROKEN = 6;

    private final CyclicBarrier barrier;
    private final long defaultNanos; // negative: no limit
    private volatile boolean aborted;

    /** A barrier for {@code parties} whose waits last at most {@code defaultNanos} (negative: no limit). */
    public BarrierObject(int parties, long defaultNanos) {
        if (parties < 1) {
            throw new IllegalArgumentException("a barrier needs at least one party: " + parties);
        }
        this.barrier = new CyclicBarrier(parties);
        this.defaultNanos = defaultNanos;
    }

    @Override
    public Result handle(Call call) {
        return switch (call.op()) {
            case WAIT -> {
                long nanos = call.arg1() < 0 ? defaultNanos : call.arg1();
                yield call.async(() -> await(nanos));
            }
            case RESET -> {
                aborted = false;
                barrier.reset();
                yield Result.ok();
            }
            case ABORT -> {
                aborted = true;
                barrier.reset(); // wakes the waiters with a broken barrier
                yield Result.ok();
            }
            case PARTIES -> Result.ok(barrier.getParties());
            case N_WAITING -> Result.ok(barrier.getNumberWaiting());
            case BROKEN -> Result.ok(aborted || barrier.isBroken() ? 1 : 0);
            default -> Result.failure(Result.ILLEGAL_ARGUMENT, "a barrier has no op " + call.op());
        };
    }

    private Result await(long nanos) throws InterruptedException {
        if (aborted) {
            return Result.failure(Result.BROKEN_BARRIER, "the barrier was aborted");
        }
        int parties = barrier.getParties();
        try {
            int remaining = nanos < 0 ? barrier.await() : barrier.await(nanos, TimeUnit.NANOSECONDS);
            return Result.ok(parties - 1 - remaining); // Python numbers arrivals from 0
        } catch (BrokenBarrierException e) {
            return Result.failure(Result.BROKEN_BARRIER, aborted ? "the barrier was aborted"
                    : "the barrier is broken: a party timed out, was interrupted or died, or it was reset");
        } catch (TimeoutException e) {
            return Result.failure(Result.BROKEN_BARRIER, "the wait timed out, which breaks the barrier");
        }
    }
}
