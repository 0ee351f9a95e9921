package dev.weft.process;

import java.io.Serial;

/**
 * A non-reentrant lock shared by processes on one machine: Python's {@code multiprocessing.Lock}.
 * See {@link SharedLock} for who may hold and release it, what happens when its owner dies, and how
 * it waits.
 */
public final class ProcessLock extends SharedLock {
    @Serial
    private static final long serialVersionUID = 1L;

    static final String KIND = "ProcessLock";

    /**
     * A new lock, free, in new shared memory.
     *
     * @throws ProcessException if the system cannot make shared memory
     */
    public ProcessLock() {
        this(ProcessMutex.create(false));
    }

    ProcessLock(ProcessMutex mutex) {
        super(mutex);
    }

    @Override
    String kind() {
        return KIND;
    }
}
