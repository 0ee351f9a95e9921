package dev.weft.bench;

/** A benchmark could not be measured: a side failed, overran, or its interpreter is missing. */
public class BenchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BenchException(String message) {
        super(message);
    }

    public BenchException(String message, Throwable cause) {
        super(message, cause);
    }
}
