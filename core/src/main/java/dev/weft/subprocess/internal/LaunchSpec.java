package dev.weft.subprocess.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything a {@link Launcher} needs to start one child, already validated by the public layer:
 * {@code args} is non-empty and free of NUL characters, {@code cwd} (when not null) is an existing
 * directory, and {@code env} (when not null) is the child's whole environment with no NUL or
 * {@code '='} in any name and no NUL in any value. A null {@code env} means the parent's own
 * environment, passed on without copying. Not API.
 *
 * @param processGroup start the child as the leader of a new process group, so that the whole
 *     tree can be signalled even after descendants have been orphaned (unless the JVM is its
 *     terminal's foreground job, which the launcher decides)
 * @param newSession start the child in a new session ({@code setsid}): leader of a new process
 *     group in every case, with no controlling terminal
 */
public record LaunchSpec(
        List<String> args,
        Path cwd,
        Map<String, String> env,
        Stdio stdin,
        Stdio stdout,
        Stdio stderr,
        boolean processGroup,
        boolean newSession) {

    public LaunchSpec {
        args = List.copyOf(args);
        env = env == null ? null : Map.copyOf(env);
    }

    /** The program, as error messages name it. */
    public String program() {
        return args.getFirst();
    }
}
