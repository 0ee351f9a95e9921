package dev.weft.process.internal.pool;

import java.nio.ByteBuffer;
import java.util.concurrent.ScheduledFuture;

/** One task of an {@link Engine}: what to send, and what became of it. Guarded by the engine's lock. */
final class Task {
    enum Kill { NONE, TIMEOUT, CANCEL }

    final long id;
    final Engine.Function fn;
    final int mode;
    final ByteBuffer argument;
    final TaskFuture<Object> future;
    int retriesLeft;
    Kill killedFor = Kill.NONE;
    ScheduledFuture<?> timeout;

    Task(long id, Engine.Function fn, int mode, ByteBuffer argument, TaskFuture<Object> future, int retries) {
        this.id = id;
        this.fn = fn;
        this.mode = mode;
        this.argument = argument.asReadOnlyBuffer();
        this.future = future;
        this.retriesLeft = retries;
    }

    /** This task, about to be sent again after its worker died. */
    Task retried() {
        retriesLeft--;
        killedFor = Kill.NONE;
        timeout = null;
        return this;
    }
}
