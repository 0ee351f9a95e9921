package dev.weft.subprocess;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a child's stdin, stdout or stderr goes: Python's {@code PIPE}, {@code DEVNULL},
 * {@code STDOUT}, an inherited stream ({@code None}), a file, or another child's stdout.
 *
 * <table>
 *   <caption>Which redirect each stream accepts</caption>
 *   <tr><th>Redirect</th><th>stdin</th><th>stdout</th><th>stderr</th></tr>
 *   <tr><td>{@link #PIPE}</td><td>yes</td><td>yes</td><td>yes</td></tr>
 *   <tr><td>{@link #DEVNULL}, {@link #INHERIT}</td><td>yes</td><td>yes</td><td>yes</td></tr>
 *   <tr><td>{@link #STDOUT}</td><td>no</td><td>no</td><td>yes</td></tr>
 *   <tr><td>{@link #from(Path)}, {@link #stdoutOf(Popen)}</td><td>yes</td><td>no</td><td>no</td></tr>
 *   <tr><td>{@link #to(Path)}, {@link #appendTo(Path)}</td><td>no</td><td>yes</td><td>yes</td></tr>
 * </table>
 * {@link Options} rejects the others with {@link IllegalArgumentException}.
 */
public sealed interface Redirect {
    /** A new pipe; the parent reads or writes its other end through {@link Popen}. */
    Redirect PIPE = new Pipe();

    /** {@code /dev/null}: reads see end-of-file at once, writes are discarded. */
    Redirect DEVNULL = new DevNull();

    /** The parent's own stream (Python's default, {@code None}). */
    Redirect INHERIT = new Inherit();

    /** stderr only: wherever stdout goes, so the two are interleaved as the child writes them. */
    Redirect STDOUT = new Stdout();

    /**
     * stdin read from the file at {@code path}.
     *
     * @param path the file
     * @return the redirect
     */
    static Redirect from(Path path) {
        return new FromFile(Objects.requireNonNull(path, "path"));
    }

    /**
     * stdout or stderr written to the file at {@code path}, created or truncated.
     *
     * @param path the file
     * @return the redirect
     */
    static Redirect to(Path path) {
        return new ToFile(Objects.requireNonNull(path, "path"), false);
    }

    /**
     * stdout or stderr appended to the file at {@code path}, created if missing.
     *
     * @param path the file
     * @return the redirect
     */
    static Redirect appendTo(Path path) {
        return new ToFile(Objects.requireNonNull(path, "path"), true);
    }

    /**
     * stdin fed by the stdout pipe of {@code upstream}, which must have been started with stdout
     * {@link #PIPE}: Python's {@code stdin=upstream.stdout}. When both children were started
     * with {@link LaunchMechanism#POSIX_SPAWN}, the operating system joins them and the parent
     * gives up its end, so bytes never pass through the JVM and {@code upstream} gets
     * {@code SIGPIPE} if this child stops reading (Python's documentation asks you to close
     * {@code upstream.stdout} by hand for that). Otherwise a daemon thread copies the bytes.
     * Either way {@code upstream}'s stdout belongs to the new child from then on: reading it or
     * communicating it in the parent sees nothing.
     *
     * @param upstream the child whose stdout feeds this one's stdin
     * @return the redirect
     */
    static Redirect stdoutOf(Popen<?> upstream) {
        return new StdoutOf(Objects.requireNonNull(upstream, "upstream"));
    }

    /** See {@link #PIPE}. */
    record Pipe() implements Redirect {}

    /** See {@link #DEVNULL}. */
    record DevNull() implements Redirect {}

    /** See {@link #INHERIT}. */
    record Inherit() implements Redirect {}

    /** See {@link #STDOUT}. */
    record Stdout() implements Redirect {}

    /**
     * See {@link #from(Path)}.
     *
     * @param path the file read
     */
    record FromFile(Path path) implements Redirect {}

    /**
     * See {@link #to(Path)} and {@link #appendTo(Path)}.
     *
     * @param path the file written
     * @param append whether to append rather than truncate
     */
    record ToFile(Path path, boolean append) implements Redirect {}

    /**
     * See {@link #stdoutOf(Popen)}.
     *
     * @param upstream the child whose stdout feeds this one's stdin
     */
    record StdoutOf(Popen<?> upstream) implements Redirect {}
}
