package dev.weft.process.internal.manager;

import dev.weft.process.internal.hub.Call;
import dev.weft.process.internal.hub.HubObject;
import dev.weft.process.internal.hub.Result;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** The server's side of a manager's {@code Event}: a flag that waiters wait to see set. Not API. */
public final class EventObject implements HubObject {
    public static final int SET = 1;
    public static final int CLEAR = 2;
    public static final int IS_SET = 3;
    /** arg1: timeout in nanoseconds (negative: no limit); reply value 1 if the flag was set. */
    public static final int WAIT = 4;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition set = lock.newCondition();
    private boolean flag; // guarded by lock

    @Override
    public Result handle(Call call) {
        lock.lock();
        try {
            switch (call.op()) {
                case SET -> {
                    flag = true;
                    set.signalAll();
                    return Result.ok();
                }
                case CLEAR -> {
                    flag = false;
                    return Result.ok();
                }
                case IS_SET -> {
                    return Result.ok(flag ? 1 : 0);
                }
                case WAIT -> {
                    if (flag || call.arg1() == 0) {
                        return Result.ok(flag ? 1 : 0);
                    }
                }
                default -> {
                    return Result.failure(Result.ILLEGAL_ARGUMENT, "an event has no op " + call.op());
                }
            }
        } finally {
            lock.unlock();
        }
        long nanos = call.arg1();
        return call.async(() -> Result.ok(await(nanos) ? 1 : 0));
    }

    private boolean await(long nanos) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            long left = nanos;
            while (!flag) {
                if (nanos < 0) {
                    set.await();
                } else if (left <= 0) {
                    return false;
                } else {
                    left = set.awaitNanos(left);
                }
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
