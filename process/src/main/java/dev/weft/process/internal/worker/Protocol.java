package dev.weft.process.internal.worker;

/**
 * Frame types between a parent and its worker JVMs. Every payload starts with the fixed-width
 * fields listed, then (where there is one) a value in the {@link dev.weft.process.internal.wire.Codec}
 * format. Not API.
 */
final class Protocol {
    private Protocol() {}

    // ------------------------------------------------------------------ parent → worker

    /** Settings: a {@link Configure} value. The worker answers {@link #CONFIGURED} or {@link #CONFIGURE_FAILED}. */
    static final int CONFIGURE = 1;
    /** A function, sent once per map: long function id, the function. */
    static final int FUNCTION = 2;
    /** A task: long task id, long function id (or -1: the value is itself a callable), the argument. */
    static final int TASK = 3;
    /** Run as a {@code Process}: a {@link RunProcess} value; the worker exits when it returns. */
    static final int RUN = 4;
    /** Exit now, cleanly (nothing is in flight). */
    static final int STOP = 5;

    // ------------------------------------------------------------------ worker → parent

    /** First frame after the handshake: long worker id, long pid. */
    static final int HELLO = 10;
    /** Settings applied, initializer (if any) returned. */
    static final int CONFIGURED = 11;
    /** The initializer threw: a {@link TaskError}. The worker exits after sending it. */
    static final int CONFIGURE_FAILED = 12;
    /** long task id, long run time in nanoseconds, the result. */
    static final int RESULT = 13;
    /** long task id, long run time in nanoseconds, a {@link TaskError}. */
    static final int FAILURE = 14;
    /** The worker is about to halt after an OutOfMemoryError: long task id (or -1), a {@link TaskError}. */
    static final int FATAL = 15;

    /** How a task's argument is applied. */
    static final int APPLY = 0;
    static final int STAR = 1;
    static final int CHUNK = 2;
    static final int STAR_CHUNK = 3;
    static final int CALL = 4;
}
