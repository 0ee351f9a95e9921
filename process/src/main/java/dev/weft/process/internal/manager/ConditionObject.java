package dev.weft.process.internal.manager;

import dev.weft.process.internal.hub.Call;
import dev.weft.process.internal.hub.HubObject;
import dev.weft.process.internal.hub.Result;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;

/**
 * The server's side of a manager's {@code Condition}: waiters on a {@link LockObject}, woken in
 * the order they began to wait. A wait releases the caller's holds on the lock, waits for a notify
 * (at most {@code arg1} nanoseconds; negative: no limit), then takes the holds back, as Python's
 * {@code Condition.wait}; the reply's value is 1 if notified, 0 if it timed out. A cancelled wait
 * (the caller was interrupted, or its process died) also takes the lock back first, as
 * {@code java.util.concurrent}'s {@code Condition.await} does; a dead caller's lock is then
 * released by the lock. Not API.
 */
public final class ConditionObject implements HubObject {
    public static final int WAIT = 1;
    /** arg1: how many waiters to wake. */
    public static final int NOTIFY = 2;
    public static final int NOTIFY_ALL = 3;

    private static final class Waiter {
        boolean notified; // guarded by the lock's monitor
    }

    private final LockObject lock;
    private final Condition signalled;
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>(); // guarded by lock.monitor

    /** A condition on {@code lock}. */
    public ConditionObject(LockObject lock) {
        this.lock = lock;
        this.signalled = lock.monitor.newCondition();
    }

    /** Its lock. */
    public LockObject lock() {
        return lock;
    }

    @Override
    public Result handle(Call call) {
        LockObject.Owner caller = new LockObject.Owner(call.peer(), call.arg2());
        return switch (call.op()) {
            case WAIT -> {
                int holds = lock.releaseFully(caller); // throws if the caller does not hold it, before it waits
                Waiter me = new Waiter();
                lock.monitor.lock();
                try {
                    waiters.addLast(me);
                } finally {
                    lock.monitor.unlock();
                }
                yield call.async(() -> awaitNotify(me, caller, holds, call.arg1()));
            }
            case NOTIFY, NOTIFY_ALL -> {
                checkHeld(caller);
                lock.monitor.lock();
                try {
                    long n = call.op() == NOTIFY_ALL ? Long.MAX_VALUE : call.arg1();
                    for (; n > 0 && !waiters.isEmpty(); n--) {
                        waiters.pollFirst().notified = true;
                    }
                    signalled.signalAll();
                } finally {
                    lock.monitor.unlock();
                }
                yield Result.ok();
            }
            default -> Result.failure(Result.ILLEGAL_ARGUMENT, "a condition has no op " + call.op());
        };
    }

    private void checkHeld(LockObject.Owner caller) {
        lock.monitor.lock();
        try {
            if (!lock.holdsNow(caller)) {
                throw new IllegalMonitorStateException("notify needs the condition's lock held by this thread");
            }
        } finally {
            lock.monitor.unlock();
        }
    }

    private Result awaitNotify(Waiter me, LockObject.Owner caller, int holds, long nanos) throws InterruptedException {
        boolean interrupted = false;
        lock.monitor.lock();
        try {
            long left = nanos;
            while (!me.notified) {
                try {
                    if (nanos < 0) {
                        signalled.await();
                    } else if (left <= 0) {
                        break;
                    } else {
                        left = signalled.awaitNanos(left);
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                    break;
                }
            }
            waiters.remove(me);
        } finally {
            lock.monitor.unlock();
        }
        lock.reacquire(caller, holds);
        if (interrupted) {
            throw new InterruptedException();
        }
        return Result.ok(me.notified ? 1 : 0);
    }
}
