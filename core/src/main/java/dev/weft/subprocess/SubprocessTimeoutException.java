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
public class SubprocessTimeoutException extends SubprocessException {
    private static final long serialVersionUID = 1L;

    private final List<String> args;
    private final Duration timeout;
    private final transient ProcessOutput output;

    SubprocessTimeoutException(List<String> args, Duration timeout, ProcessOutput output) {
        super("command " + args + " timed out after " + describe(timeout));
        this.args = List.copyOf(args);
        this.timeout = timeout;
        this.output = output;
    }

    private static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** The command. */
    public List<String> args() {
        return args;
    }

    /** The timeout that ran out. */
    public Duration timeout() {
        return timeout;
    }

    /** The stdout read before the timeout, or null when stdout was not a pipe (or not read). */
    public byte[] stdout() {
        return output == null ? null : output.stdout();
    }

    /** The stderr read before the timeout, or null when stderr was not a pipe (or not read). */
    public byte[] stderr() {
        return output == null ? null : output.stderr();
    }

    /** {@link #stdout()} decoded with the text-mode charset (UTF-8 in bytes mode), or null. */
    public String stdoutText() {
        return output == null ? null : output.stdoutText();
    }

    /** {@link #stderr()} decoded with the text-mode charset (UTF-8 in bytes mode), or null. */
    public String stderrText() {
        return output == null ? null : output.stderrText();
    }
}
