package dev.weft.subprocess;

import java.nio.charset.Charset;
import java.util.List;

/**
 * A child that was checked ({@link Options#check()}, {@link Subprocess#checkCall}, {@link
 * Subprocess#checkOutput}, {@link CompletedProcess#checkReturncode()}) ended with a non-zero
 * returncode: Python's {@code CalledProcessError}. It carries the command, the returncode and
 * whatever output was captured.
 */
public class CalledProcessException extends CommandException {
    private static final long serialVersionUID = 1L;

    /** The child's returncode, not 0. */
    private final int returncode;

    CalledProcessException(List<String> args, int returncode, ProcessOutput output) {
        super(message(args, returncode), args, output);
        this.returncode = returncode;
    }

    /**
     * Creates one for {@code args} and {@code returncode}, with captured output when not null.
     *
     * @param args the command that ran
     * @param returncode its returncode, not 0
     * @param stdout its captured stdout, or null
     * @param stderr its captured stderr, or null
     * @param charset how to decode the output as text
     */
    public CalledProcessException(List<String> args, int returncode, byte[] stdout, byte[] stderr, Charset charset) {
        this(args, returncode, new ProcessOutput(stdout, stderr, charset));
    }

    private static String message(List<String> args, int returncode) {
        if (returncode < 0) {
            String name = Signal.of(-returncode).map(Signal::toString).orElse("signal " + -returncode);
            return "command " + args + " died of " + name;
        }
        return "command " + args + " returned non-zero exit status " + returncode;
    }

    /** {@return the returncode: the exit status, or minus the signal that killed the child} */
    public int returncode() {
        return returncode;
    }
}
