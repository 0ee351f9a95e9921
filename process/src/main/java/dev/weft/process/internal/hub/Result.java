package dev.weft.process.internal.hub;

import dev.weft.process.ObjectUnavailableException;
import dev.weft.process.ProcessException;
import dev.weft.queue.QueueEmptyException;
import dev.weft.queue.QueueFullException;
import dev.weft.queue.QueueShutDownException;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The outcome of one call on a hub object: a status, a number and a body. Failures travel as a
 * status naming the exception's kind and a UTF-8 message, and are thrown again on the caller's side
 * as the same kind of exception ({@link #rethrow}). Not API.
 *
 * @param status {@link #OK}, {@link #NONE} (no item: a timed-out get, an empty poll),
 *     {@link #CANCELLED}, or one of the failure statuses
 * @param value a number (a size, a boolean as 0 or 1, a token)
 * @param body bytes (an encoded item, a message, a list of them), or null
 */
public record Result(int status, long value, byte[] body) {
    public static final int OK = 0;
    public static final int NONE = 1;
    public static final int CANCELLED = 2;
    public static final int EMPTY = 3;
    public static final int FULL = 4;
    public static final int SHUT_DOWN = 5;
    public static final int ILLEGAL_STATE = 6;
    public static final int ILLEGAL_ARGUMENT = 7;
    public static final int NO_SUCH_OBJECT = 8;
    public static final int END_OF_FILE = 9;
    public static final int IO = 10;
    public static final int FAILED = 11;
    public static final int ILLEGAL_MONITOR_STATE = 12;
    public static final int BROKEN_BARRIER = 13;
    public static final int UNSUPPORTED = 14;
    public static final int INDEX_OUT_OF_BOUNDS = 15;

    private static final Result OK_EMPTY = new Result(OK, 0, null);
    private static final Result NONE_RESULT = new Result(NONE, 0, null);

    /** OK with nothing. */
    public static Result ok() {
        return OK_EMPTY;
    }

    /** OK with a number. */
    public static Result ok(long value) {
        return new Result(OK, value, null);
    }

    /** OK with a body. */
    public static Result ok(byte[] body) {
        return new Result(OK, 0, body);
    }

    /** No item. */
    public static Result none() {
        return NONE_RESULT;
    }

    /** OK with several byte strings ({@link Packed}) and their count. */
    public static Result ok(List<byte[]> items) {
        return new Result(OK, items.size(), Packed.pack(items));
    }

    /** The byte strings of a body made by {@link #ok(List)}. */
    public List<byte[]> items() {
        return Packed.unpack(body);
    }

    /** Whether this is a failure status. */
    public boolean failed() {
        return status > CANCELLED;
    }

    /** The failure {@code t} as a result; thrown again by {@link #rethrow} on the caller's side. */
    public static Result failure(Throwable t) {
        int status = switch (t) {
            case QueueEmptyException e -> EMPTY;
            case QueueFullException e -> FULL;
            case QueueShutDownException e -> SHUT_DOWN;
            case IllegalStateException e -> ILLEGAL_STATE;
            case IllegalMonitorStateException e -> ILLEGAL_MONITOR_STATE;
            case java.util.concurrent.BrokenBarrierException e -> BROKEN_BARRIER;
            case UnsupportedOperationException e -> UNSUPPORTED;
            case IndexOutOfBoundsException e -> INDEX_OUT_OF_BOUNDS;
            case IllegalArgumentException e -> ILLEGAL_ARGUMENT;
            case EOFException e -> END_OF_FILE;
            case IOException e -> IO;
            default -> FAILED;
        };
        String message = t.getMessage() == null ? "" : t.getMessage();
        if (status == FAILED) {
            message = t.getClass().getName() + (message.isEmpty() ? "" : ": " + message);
        }
        return new Result(status, 0, Protocol.utf8(message));
    }

    /** A failure with {@code status} and {@code message}. */
    public static Result failure(int status, String message) {
        return new Result(status, 0, Protocol.utf8(message));
    }

    /** The failure's message. */
    public String message() {
        return Protocol.utf8(body);
    }

    /**
     * Throws this failure again as the caller's exception: the same kind as on the owner's side
     * ({@code IOException}s wrapped in {@link UncheckedIOException}, which the public classes
     * unwrap where their methods declare {@code IOException}). Returns this result if it is not a
     * failure.
     *
     * @param what what the call was on, for messages ("queue 3 of process 1234")
     */
    public Result rethrow(String what) {
        String m = message();
        return switch (status) {
            case EMPTY -> throw new QueueEmptyException(m);
            case FULL -> throw new QueueFullException(m);
            case SHUT_DOWN -> throw new QueueShutDownException(m);
            case ILLEGAL_STATE -> throw new IllegalStateException(m);
            case ILLEGAL_ARGUMENT -> throw new IllegalArgumentException(m);
            case NO_SUCH_OBJECT -> throw new ObjectUnavailableException(m);
            case END_OF_FILE -> throw new UncheckedIOException(new EOFException(m));
            case IO -> throw new UncheckedIOException(new IOException(m));
            case FAILED -> throw new ProcessException(what + ": the owner failed the call: " + m);
            case ILLEGAL_MONITOR_STATE -> throw new IllegalMonitorStateException(m);
            case UNSUPPORTED -> throw new UnsupportedOperationException(m);
            case INDEX_OUT_OF_BOUNDS -> throw new IndexOutOfBoundsException(m);
            case BROKEN_BARRIER -> throw new ProcessException(what + ": " + m); // barrier proxies check first
            default -> this;
        };
    }
}
