package dev.weft.gen;

/**
 * Raised inside a generator's body, at the yield where it is paused, when the generator is closed:
 * Python's {@code GeneratorExit}.
 *
 * <p>The body is expected to let it pass (its {@code finally} blocks and try-with-resources
 * cleanups run as it unwinds) or to catch it and return. A body that catches it and yields again
 * makes {@link Generator#close()} throw {@link IllegalStateException} ("generator ignored
 * GeneratorExit"), as Python raises {@code RuntimeError}.
 *
 * <p>It is an {@link Error}, not an {@link Exception}, for the reason Python derives it from
 * {@code BaseException}: a body's {@code catch (Exception e)} must not swallow it. It carries no
 * stack trace: it is a signal, made at every close.
 */
public class GeneratorExit extends Error {
    private static final long serialVersionUID = 1L;

    /** Makes one with the message "generator closed". */
    public GeneratorExit() {
        this("generator closed");
    }

    /**
     * Makes one with a message.
     *
     * @param message the detail message
     */
    public GeneratorExit(String message) {
        super(message, null, true, false);
    }
}
