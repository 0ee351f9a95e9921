package dev.weft.process.internal.wire;

import java.io.NotSerializableException;

/**
 * A value could not be encoded: somewhere inside it is an object that is neither a type the
 * {@link Codec} knows nor {@link java.io.Serializable} (or whose own serialization failed). The
 * message names that object's class and the path to it from the top-level value, such as
 * {@code list element 3 → record field `x`}. Not API.
 *
 * <p>It extends {@link NotSerializableException} because that is what Java serialization throws
 * for the same mistake, so code that already handles it handles this one.
 */
public final class NotEncodableException extends NotSerializableException {
    private static final long serialVersionUID = 1L;

    private final String className;
    private final String path;
    private final String reason;

    /**
     * An exception for an instance of {@code className} found at {@code path}.
     *
     * @param className the binary name of the class that could not be encoded
     * @param path the path from the top-level value, segments joined by {@code " → "}; empty for the
     *     top-level value itself
     * @param reason why it could not be encoded
     * @param cause the underlying failure, or null
     */
    public NotEncodableException(String className, String path, String reason, Throwable cause) {
        super(className);
        this.className = className;
        this.path = path;
        this.reason = reason;
        if (cause != null) {
            initCause(cause);
        }
    }

    /** The binary name of the class that could not be encoded. */
    public String className() {
        return className;
    }

    /** The path from the top-level value to the offending object; empty for the top level. */
    public String path() {
        return path;
    }

    /** This exception with {@code segment} put in front of its path (used while unwinding). */
    NotEncodableException within(String segment) {
        String outer = path.isEmpty() ? segment : segment + " → " + path;
        NotEncodableException e = new NotEncodableException(className, outer, reason, getCause());
        e.setStackTrace(getStackTrace());
        return e;
    }

    @Override
    public String getMessage() {
        return "cannot encode an instance of " + className
                + (path.isEmpty() ? " (the top-level value)" : " at " + path) + ": " + reason;
    }
}
