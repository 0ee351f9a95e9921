package dev.weft.subprocess;

import java.time.Duration;
import java.util.List;

/**
 * A timeout ran out while waiting for a child: Python's {@code subprocess.TimeoutExpired}. It
 * carries the output read before the time ran out.
 *
 * <p>Thrown by {@link Popen#communicate} and {@link Popen#waitFor}, the child is left as it was: it
 * may be communicated with again (no output is lost; the next {@code communicate} returns it all)
 * or killed. Thrown by {@link Subprocess#run} and its relatives, the child's whole tree has
 * already been killed and reaped, and the output is everything the child wrote.
 */
public class SubprocessTimeoutException extends CommandException {
    private static final long serialVersionUID = 1L;

    /** The timeout that ran out. */
    private final Duration timeout;

    SubprocessTimeoutException(List<String> args, Duration timeout, ProcessOutput output) {
        super("command " + args + " timed out after " + describe(timeout), args, output);
        this.timeout = timeout;
    }

    private static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** {@return the timeout that ran out} */
    public Duration timeout() {
        return timeout;
    }
}
