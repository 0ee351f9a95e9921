package dev.weft.subprocess;

import java.util.List;

/**
 * What {@link Subprocess#run} returns: Python's {@code CompletedProcess}.
 *
 * @param args the command that was run
 * @param returncode the exit status, or minus the number of the signal that ended the child
 *     (as in Python: {@code -9} after {@code SIGKILL})
 * @param stdout the captured stdout, or null when stdout was not {@link Redirect#PIPE}
 * @param stderr the captured stderr, or null when stderr was not {@link Redirect#PIPE}
 * @param <T> {@code byte[]} or {@code String}, as the {@link Options} said
 */
public record CompletedProcess<T>(List<String> args, int returncode, T stdout, T stderr) {
    /** Copies the command, so the record cannot change. */
    public CompletedProcess {
        args = List.copyOf(args);
    }

    /**
     * {@return this if {@code returncode} is 0; throws otherwise (Python's {@code check_returncode()})}
     *
     * @throws CalledProcessException if {@code returncode} is not 0, with the output
     */
    public CompletedProcess<T> checkReturncode() {
        if (returncode != 0) {
            throw new CalledProcessException(args, returncode, new ProcessOutput(bytes(stdout), bytes(stderr), null));
        }
        return this;
    }

    private static byte[] bytes(Object value) {
        return value instanceof String s ? s.getBytes(java.nio.charset.StandardCharsets.UTF_8) : (byte[]) value;
    }

    /** Shows text output as text and byte output by its length. */
    @Override
    public String toString() {
        return "CompletedProcess[args=" + args + ", returncode=" + returncode
                + (stdout == null ? "" : ", stdout=" + show(stdout))
                + (stderr == null ? "" : ", stderr=" + show(stderr)) + "]";
    }

    private static String show(Object value) {
        return value instanceof byte[] b ? b.length + " bytes" : "'" + value + "'";
    }
}
