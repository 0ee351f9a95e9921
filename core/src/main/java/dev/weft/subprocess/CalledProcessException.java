package dev.weft.subprocess;

import java.nio.charset.Charset;
import java.util.List;

/**
 * A child that was checked ({@link Options#check()}, {@link Subprocess#checkCall}, {@link
 * Subprocess#checkOutput}, {@link CompletedProcess#checkReturncode()}) ended with a non-zero
 * returncode: Python's {@code CalledProcessError}. It carries the command, the returncode and
 * whatever output was captured.
 */
public class CalledProcessException extends SubprocessException {
    private static final long serialVersionUID = 1L;

    private final List<String> args;
    private final int returncode;
    private final transient ProcessOutput output;

    CalledProcessException(List<String> args, int returncode, ProcessOutput output) {
        super(message(args, returncode));
        this.args = List.copyOf(args);
        this.returncode = returncode;
        this.output = output;
    }

    /** Creates one for {@code args} and {@code returncode}, with captured output when not null. */
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

    /** The command. */
    public List<String> args() {
        return args;
    }

    /** The returncode: the exit status, or minus the signal that killed the child. */
    public int returncode() {
        return returncode;
    }

    /** The stdout that was captured, or null when stdout was not a pipe. */
    public byte[] stdout() {
        return output == null ? null : output.stdout();
    }

    /** The stderr that was captured, or null when stderr was not a pipe. */
    public byte[] stderr() {
        return output == null ? null : output.stderr();
    }

    /** {@link #stdout()} decoded with the text-mode charset (UTF-8 in bytes mode), or null. */
    public String stdoutText() {
        return output == null ? null : output.stdoutText();
    }

    /** {@link #stderr()} decoded with the text-mode charset (UTF-8 in bytes mode), or null. */
    public String stderrText() {
        return output == null ? null : output.stderrText();
    }
}
