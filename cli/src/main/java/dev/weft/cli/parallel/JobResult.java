package dev.weft.cli.parallel;

import java.util.List;

/**
 * How one job ended (its last attempt, when it was retried), with everything it wrote.
 *
 * @param seq the job's sequence number, from 1
 * @param args its arguments, one per input source
 * @param command its command as a shell line, for the job log
 * @param startMillis when its last attempt started, in milliseconds since the epoch
 * @param runtimeNanos how long its last attempt ran
 * @param exitValue its exit status; 0 when a signal ended it; -1 when {@code weft parallel}
 *     ended it (timeout, {@code --halt now}); 127 when it could not be started
 * @param signal the number of the signal that ended it, or 0
 * @param ending why it ended
 * @param attempts how many times it was run
 * @param stdout what it wrote to standard output
 * @param stderr what it wrote to standard error (with the reason, when it could not start)
 */
public record JobResult(
        long seq,
        List<String> args,
        String command,
        long startMillis,
        long runtimeNanos,
        int exitValue,
        int signal,
        Ending ending,
        int attempts,
        byte[] stdout,
        byte[] stderr) {

    /** Why a job ended. */
    public enum Ending {
        /** It exited, or a signal from elsewhere ended it. */
        EXITED,
        /** It could not be started (no such program, permission denied). */
        NOT_STARTED,
        /** It ran past {@code --timeout} and its tree was ended. */
        TIMED_OUT,
        /** {@code --halt now} ended its tree: it neither failed nor succeeded. */
        HALTED
    }

    /** Whether the job counts as failed: it did not exit with 0, and was not cut short by a halt. */
    public boolean failed() {
        return ending != Ending.HALTED && (exitValue != 0 || signal != 0 || ending != Ending.EXITED);
    }

    /** Whether the job counts as succeeded: it exited with 0. */
    public boolean succeeded() {
        return ending == Ending.EXITED && exitValue == 0 && signal == 0;
    }
}
