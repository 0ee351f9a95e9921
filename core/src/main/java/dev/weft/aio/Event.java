package dev.weft.aio;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * A flag that tasks of one event loop can wait for: Python's {@code asyncio.Event}.
 * {@link #set()} wakes every task waiting in {@link #await()}; {@link #clear()} makes later waits
 * wait again. Not thread-safe: from another thread, set it with
 * {@code loop.callSoonThreadsafe(event::set)}.
 */
public final class Event {
    private final List<Waiter> waiters = new ArrayList<>();
    private boolean flag;

    /** Creates an event that is not set. */
    public Event() {}

    /** {@return whether the flag is set: Python's {@code is_set()}} */
    public boolean isSet() {
        return flag;
    }

    /** Sets the flag and wakes every waiting task. */
    public void set() {
        Aio.requireLoop("Event");
        if (!flag) {
            flag = true;
            for (Waiter w : waiters) {
                w.grant();
            }
        }
    }

    /** Clears the flag. */
    public void clear() {
        Aio.requireLoop("Event");
        flag = false;
    }

    /**
     * Returns at once if the flag is set; otherwise waits (an await point) until it is set.
     *
     * @return {@code true}, as Python's {@code wait()}
     * @throws CancellationException if the calling task is cancelled
     */
    public boolean await() {
        Task<?> t = Aio.requireTask("Event.await");
        t.deliverCancel();
        if (flag) {
            return true;
        }
        Waiters.awaitTurn(t, waiters, () -> {});
        return true;
    }

    @Override
    public String toString() {
        return "Event[" + (flag ? "set" : "unset") + ", waiters=" + waiters.size() + "]";
    }
}
