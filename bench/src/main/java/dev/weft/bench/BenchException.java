package dev.weft.bench;

/** A benchmark could not be measured: a side failed, overran, or its interpreter is missing. */
public class BenchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * A failure described by {@code message}.
     *
     * @param message what failed, naming the workload or side
     */
    public BenchException(String message) {
        super(message);
    }

    /**
     * A failure described by {@code message}, caused by {@code cause}.
     *
     * @param message what failed, naming the workload or side
     * @param cause the error behind it
     */
    public BenchException(String message, Throwable cause) {
        super(message, cause);
    }
}
