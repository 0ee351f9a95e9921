package dev.weft.subprocess;

import java.nio.file.Path;
import java.util.List;

/**
 * A child could not be started: the program does not exist or is not executable, the working
 * directory is missing, or the operating system refused (too many processes, out of memory).
 * Python raises {@code FileNotFoundError}, {@code PermissionError} or another {@code OSError}
 * here. The message names the program, the directory when that was the problem, and the
 * operating system's reason; nothing was started.
 */
public class LaunchException extends SubprocessException {
    private static final long serialVersionUID = 1L;

    /** The command that could not start. */
    private final List<String> args;
    private final transient Path cwd;
    /** Why it could not start, as the operating system said. */
    private final String reason;

    /**
     * Creates the exception, with a message naming the program, the directory and the reason.
     *
     * @param args the command that could not start
     * @param cwd the working directory it was to start in, or null for the parent's
     * @param reason why it could not start
     * @param cause the underlying error, or null
     */
    public LaunchException(List<String> args, Path cwd, String reason, Throwable cause) {
        super(message(args, cwd, reason), cause);
        this.args = List.copyOf(args);
        this.cwd = cwd;
        this.reason = reason;
    }

    private static String message(List<String> args, Path cwd, String reason) {
        String where = cwd == null ? "" : " in " + cwd;
        return "cannot start " + (args.isEmpty() ? "a program" : "'" + args.getFirst() + "'") + where + ": " + reason;
    }

    /** {@return the command that could not be started} */
    public List<String> args() {
        return args;
    }

    /** {@return the working directory it was to run in, or null for the parent's} */
    public Path cwd() {
        return cwd;
    }

    /** {@return the operating system's reason, such as {@code "No such file or directory (ENOENT)"}} */
    public String reason() {
        return reason;
    }
}
