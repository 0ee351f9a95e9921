package dev.weft.subprocess.internal;

import java.io.InputStream;
import java.nio.file.Path;

/**
 * Where one of a child's three standard streams goes, as the public layer resolved it from a
 * {@link dev.weft.subprocess.Redirect}. Not API.
 */
public sealed interface Stdio {
    /** A new pipe whose other end the parent keeps (Python's {@code PIPE}). */
    record Pipe() implements Stdio {}

    /** {@code /dev/null}. */
    record DevNull() implements Stdio {}

    /** The parent's own stream. */
    record Inherit() implements Stdio {}

    /** stderr only: the same place as the child's stdout (Python's {@code STDOUT}). */
    record MergeWithStdout() implements Stdio {}

    /** stdin only: read from a file. */
    record ReadFile(Path path) implements Stdio {}

    /** stdout or stderr: write to a file, truncating it or appending. */
    record WriteFile(Path path, boolean append) implements Stdio {}

    /**
     * stdin only: the read end of another child's stdout pipe. A launcher that can hand the
     * underlying descriptor to the new child does so (the two children are then joined by the
     * operating system and the parent's copy is closed); any other launcher copies the bytes
     * through a pump thread.
     */
    record FromStream(InputStream upstream) implements Stdio {}

    Stdio PIPE = new Pipe();
    Stdio DEVNULL = new DevNull();
    Stdio INHERIT = new Inherit();
    Stdio MERGE_WITH_STDOUT = new MergeWithStdout();
}
