package dev.weft.subprocess;

import java.util.Optional;

/**
 * The POSIX signals a program most often sends to a child, with their Linux numbers. Python's
 * {@code signal.SIGTERM} is {@code Signal.TERM}; a child killed by a signal has the negated
 * number as its {@linkplain Popen#returncode() returncode}, as in Python ({@code -9} for
 * {@link #KILL}).
 */
public enum Signal {
    /** Hang-up: the controlling terminal closed; daemons often reload on it. */
    HUP(1),
    /** Interrupt: what Ctrl-C sends. */
    INT(2),
    /** Quit: Ctrl-\, which also asks for a core dump. */
    QUIT(3),
    /** Abort, as {@code abort()} raises. */
    ABRT(6),
    /** Kill: cannot be caught, blocked or ignored. */
    KILL(9),
    /** First user-defined signal. */
    USR1(10),
    /** Segmentation fault. */
    SEGV(11),
    /** Second user-defined signal. */
    USR2(12),
    /** Write to a pipe nobody reads. */
    PIPE(13),
    /** Alarm clock. */
    ALRM(14),
    /** Termination request: what {@link Popen#terminate()} sends; it can be caught. */
    TERM(15),
    /** Continue a stopped process. */
    CONT(18),
    /** Stop: cannot be caught, blocked or ignored. */
    STOP(19);

    private final int number;

    Signal(int number) {
        this.number = number;
    }

    /** {@return the signal's number on Linux, as {@code kill -l} lists it} */
    public int number() {
        return number;
    }

    /**
     * {@return the signal with this number, if it is one of these}
     *
     * @param number a signal number, such as 15
     */
    public static Optional<Signal> of(int number) {
        for (Signal s : values()) {
            if (s.number == number) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** {@code SIGTERM} and so on, as C and Python name it. */
    @Override
    public String toString() {
        return "SIG" + name();
    }
}
