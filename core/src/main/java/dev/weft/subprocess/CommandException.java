package dev.weft.subprocess;

import java.util.List;

/**
 * An exception about a command that ran, carrying the command and the output it wrote to pipes:
 * what Python's {@code CalledProcessError} and {@code TimeoutExpired} have in common ({@code
 * cmd}, {@code stdout}, {@code stderr}).
 */
public abstract class CommandException extends SubprocessException {
    private static final long serialVersionUID = 1L;

    /** The command, as given. */
    private final List<String> args;
    private final transient ProcessOutput output;

    CommandException(String message, List<String> args, ProcessOutput output) {
        super(message);
        this.args = List.copyOf(args);
        this.output = output;
    }

    /** {@return the command} */
    public List<String> args() {
        return args;
    }

    /** {@return the stdout that was read, or null when stdout was not a pipe (or not read)} */
    public byte[] stdout() {
        return output == null ? null : output.stdout();
    }

    /** {@return the stderr that was read, or null when stderr was not a pipe (or not read)} */
    public byte[] stderr() {
        return output == null ? null : output.stderr();
    }

    /**
     * {@link #stdout()} decoded with the text-mode charset (UTF-8 in bytes mode), or null.
     *
     * @return the text, or null if stdout was not captured
     */
    public String stdoutText() {
        return output == null ? null : output.stdoutText();
    }

    /**
     * {@link #stderr()} decoded with the text-mode charset (UTF-8 in bytes mode), or null.
     *
     * @return the text, or null if stderr was not captured
     */
    public String stderrText() {
        return output == null ? null : output.stderrText();
    }
}
