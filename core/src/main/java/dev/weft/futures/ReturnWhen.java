package dev.weft.futures;

/** When {@link Futures#wait} returns: Python's {@code return_when} constants. */
public enum ReturnWhen {
    /** As soon as any future is done (or is already done). */
    FIRST_COMPLETED,
    /**
     * As soon as any future is done with an exception (a cancelled future does not count); if
     * none fails, when all are done.
     */
    FIRST_EXCEPTION,
    /** When every future is done. */
    ALL_COMPLETED
}
