package dev.weft.process;

import java.io.Serial;

/**
 * A reentrant lock shared by processes on one machine: Python's {@code multiprocessing.RLock}, and
 * the lock a {@link SharedValue} or {@link SharedArray} gets by default. See {@link SharedLock} for
 * who may hold and release it, what happens when its owner dies, and how it waits.
 */
public final class ProcessRLock extends SharedLock {
    @Serial
    private static final long serialVersionUID = 1L;

    static final String KIND = "ProcessRLock";

    /**
     * A new lock, free, in new shared memory.
     *
     * @throws ProcessException if the system cannot make shared memory
     */
    public ProcessRLock() {
        this(ProcessMutex.create(true));
    }

    ProcessRLock(ProcessMutex mutex) {
        super(mutex);
    }

    @Override
    String kind() {
        return KIND;
    }
}
