package dev.weft.process.internal.worker;

/**
 * Frame types between a parent and its worker JVMs. Every payload starts with the fixed-width
 * fields listed, then (where there is one) a value in the {@link dev.weft.process.internal.wire.Codec}
 * format. Not API.
 */
public final class Protocol {
    private Protocol() {}

    // ------------------------------------------------------------------ parent → worker

    /** Settings: a {@link Configure} value. The worker answers {@link #CONFIGURED} or {@link #CONFIGURE_FAILED}. */
    public static final int CONFIGURE = 1;
    /** A function, sent once per map: long function id, the function. */
    public static final int FUNCTION = 2;
    /** A task: long task id, long function id (or -1: the value is itself a callable), the argument. */
    public static final int TASK = 3;
    /**
     * Run as a {@code Process}, the one frame a process is sent: three values, the allowed classes
     * and packages (as {@link #ALLOW}'s two lists), a {@link Configure} (its name and parent; no
     * initializer), and a {@link RunProcess}. No answer: the worker sends {@link #EXITING} when the
     * target has returned.
     */
    public static final int RUN = 4;
    /** More allowed classes and packages: two lists of strings (all of them so far, not a delta). */
    public static final int ALLOW = 6;
    /** Exit now, cleanly (nothing is in flight). */
    public static final int STOP = 5;

    // ------------------------------------------------------------------ worker → parent

    /** First frame after the handshake: long worker id, long pid. */
    public static final int HELLO = 10;
    /** Settings applied, initializer (if any) returned. */
    public static final int CONFIGURED = 11;
    /** The initializer threw: a {@link TaskError}. The worker exits after sending it. */
    public static final int CONFIGURE_FAILED = 12;
    /** long task id, long run time in nanoseconds, the result. */
    public static final int RESULT = 13;
    /** long task id, long run time in nanoseconds, a {@link TaskError}. */
    public static final int FAILURE = 14;
    /**
     * The worker is ending with int status, having written long bytes to its standard output and
     * long bytes to its standard error: the parent closes its standard input and the socket, so the
     * worker's reads end before its JVM goes down, and waits until it has forwarded that output.
     */
    public static final int EXITING = 16;
    /** The worker is about to halt after an OutOfMemoryError: long task id (or -1), a {@link TaskError}. */
    public static final int FATAL = 15;

    /** How a task's argument is applied. */
    public static final int APPLY = 0;
    public static final int STAR = 1;
    public static final int CHUNK = 2;
    public static final int STAR_CHUNK = 3;
    public static final int CALL = 4;
}
