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

    /** The name of the worker that died. */
    private final String workerName;
    /** Its process id. */
    private final long pid;
    /** Its returncode: the exit status, or minus the signal that killed it. */
    private final int returncode;

    /**
     * An exception for a worker {@code workerName} with {@code pid} that ended with
     * {@code returncode} (negative: killed by that signal); {@code message} says it all.
     *
     * @param message what happened, to which task
     * @param workerName the worker's name
     * @param pid its process id
     * @param returncode its returncode: the exit status, or minus the signal that killed it
     */
    public WorkerDiedException(String message, String workerName, long pid, int returncode) {
        super(message);
        this.workerName = workerName;
        this.pid = pid;
        this.returncode = returncode;
    }

    /** {@return the worker's name} */
    public String workerName() {
        return workerName;
    }

    /** {@return the worker's process id} */
    public long pid() {
        return pid;
    }

    /** {@return its returncode: the exit status, or {@code -N} for signal N} */
    public int returncode() {
        return returncode;
    }

    /** {@return the signal that killed it, if a signal did} */
    public OptionalInt signal() {
        return returncode < 0 ? OptionalInt.of(-returncode) : OptionalInt.empty();
    }
}
