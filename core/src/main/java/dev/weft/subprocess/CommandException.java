package dev.weft.subprocess;

import java.util.List;

/**
 * An exception about a command that ran, carrying the command and the output it wrote to pipes:
 * what Python's {@code CalledProcessError} and {@code TimeoutExpired} have in common ({@code
 * cmd}, {@code stdout}, {@code stderr}).
 */
public abstract class CommandException extends SubprocessException {
    private static final long serialVersionUID = 1L;

    private final List<String> args;
    private final transient ProcessOutput output;

    CommandException(String message, List<String> args, ProcessOutput output) {
        super(message);
        this.args = List.copyOf(args);
        this.output = output;
    }

    /** The command. */
    public List<String> args() {
        return args;
    }

    /** The stdout that was read, or null when stdout was not a pipe (or not read). */
    public byte[] stdout() {
        return output == null ? null : output.stdout();
    }

    /** The stderr that was read, or null when stderr was not a pipe (or not read). */
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
