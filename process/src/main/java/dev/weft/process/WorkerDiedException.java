package dev.weft.process;

import java.util.OptionalInt;

/**
 * The worker JVM running a task ended before the task did: it was killed (SIGKILL, SIGSEGV...),
 * called {@code System.exit}, or ran out of memory. The message names the worker, its pid, how it
 * ended and the task. The pool replaces the worker and goes on; the task is retried first if the
 * pool was given retries.
 */
public class WorkerDiedException extends ProcessException {
    private static final long serialVersionUID = 1L;

    private final String workerName;
    private final long pid;
    private final int returncode;

    /**
     * An exception for a worker {@code workerName} with {@code pid} that ended with
     * {@code returncode} (negative: killed by that signal); {@code message} says it all.
     */
    public WorkerDiedException(String message, String workerName, long pid, int returncode) {
        super(message);
        this.workerName = workerName;
        this.pid = pid;
        this.returncode = returncode;
    }

    /** The worker's name. */
    public String workerName() {
        return workerName;
    }

    /** The worker's process id. */
    public long pid() {
        return pid;
    }

    /** Its returncode: the exit status, or {@code -N} for signal N. */
    public int returncode() {
        return returncode;
    }

    /** The signal that killed it, if a signal did. */
    public OptionalInt signal() {
        return returncode < 0 ? OptionalInt.of(-returncode) : OptionalInt.empty();
    }
}
