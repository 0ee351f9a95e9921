package dev.weft.process.internal.manager;

import dev.weft.process.internal.hub.Call;
import dev.weft.process.internal.hub.HubObject;
import dev.weft.process.internal.hub.Result;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The server's side of a manager's {@code Semaphore} or {@code BoundedSemaphore}: permits that any
 * client may take and give back (they have no owner, as in Python, so a process that dies holding
 * some does not give them back). A bounded one refuses a release above its initial value. Not API.
 */
public final class SemaphoreObject implements HubObject {
    /** arg1: timeout in nanoseconds (negative: no limit, 0: do not wait); reply value 1 if acquired. */
    public static final int ACQUIRE = 1;
    /** arg1: how many permits to give back. */
    public static final int RELEASE = 2;
    public static final int VALUE = 3;

    private final Semaphore permits;
    private final int bound; // -1: unbounded

    /** A semaphore of {@code value} permits; bounded to that value if {@code bounded}. */
    public SemaphoreObject(int value, boolean bounded) {
        if (value < 0) {
            throw new IllegalArgumentException("a semaphore's initial value must not be negative: " + value);
        }
        this.permits = new Semaphore(value, true);
        this.bound = bounded ? value : -1;
    }

    @Override
    public Result handle(Call call) {
        return switch (call.op()) {
            case ACQUIRE -> {
                long nanos = call.arg1();
                if (permits.tryAcquire()) {
                    yield Result.ok(1);
                }
                yield nanos == 0 ? Result.ok(0) : call.async(() -> {
                    if (nanos < 0) {
                        permits.acquire();
                        return Result.ok(1);
                    }
                    return Result.ok(permits.tryAcquire(nanos, TimeUnit.NANOSECONDS) ? 1 : 0);
                });
            }
            case RELEASE -> {
                release(call.arg1());
                yield Result.ok();
            }
            case VALUE -> Result.ok(permits.availablePermits());
            default -> Result.failure(Result.ILLEGAL_ARGUMENT, "a semaphore has no op " + call.op());
        };
    }

    private synchronized void release(long n) {
        if (n < 1 || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("must release at least one permit: " + n);
        }
        if (bound >= 0 && permits.availablePermits() + n > bound) {
            throw new IllegalStateException("a bounded semaphore released too many times: " + permits.availablePermits()
                    + " + " + n + " permits would exceed its bound of " + bound);
        }
        permits.release((int) n);
    }
}
