package dev.weft.subprocess;

/**
 * What {@link Popen#communicate} returns: Python's {@code (stdout, stderr)} pair.
 *
 * @param stdout everything read from stdout, or null when stdout is not {@link Redirect#PIPE}
 * @param stderr everything read from stderr, or null when stderr is not {@link Redirect#PIPE}
 * @param <T> {@code byte[]} or {@code String}, as the {@link Options} said
 */
public record Output<T>(T stdout, T stderr) {}
