package dev.weft.subprocess;

import dev.weft.internal.Timeouts;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Python's {@code subprocess} functions: {@link #run}, {@link #call}, {@link #checkCall}, {@link
 * #checkOutput}, and {@link #shell} for the rare time a shell is wanted.
 *
 * <pre>{@code
 * CompletedProcess<String> r = Subprocess.run(List.of("ls", "-l"), Options.defaults().captureOutput().text());
 * System.out.println(r.returncode() + "\n" + r.stdout());
 * }</pre>
 *
 * <p>Commands are lists: the program, then its arguments, each passed to the program exactly as
 * given, with no shell to split, expand or interpret them. That is why a file name such as
 * {@code "; rm -rf ~"} is harmless here. There is no {@code shell=True} flag; {@link #shell}
 * builds a {@code /bin/sh -c} command when you need a shell's features and know what goes in.
 */
public final class Subprocess {
    private Subprocess() {}

    /**
     * Runs {@code args} with the parent's streams and waits for it: Python's
     * {@code subprocess.run(args)}.
     *
     * @param args the program, then its arguments
     * @return the returncode, with no output captured
     * @throws InterruptedException if interrupted while waiting; the child's whole process tree is killed
     * @see #run(List, Options)
     */
    public static CompletedProcess<byte[]> run(String... args) throws InterruptedException {
        return run(List.of(args), Options.defaults());
    }

    /**
     * Runs a command and waits for it: Python's {@code subprocess.run}. Starts the child, writes
     * {@link Options#input} to its stdin, reads what it writes to pipes, waits for it to end, and
     * returns its returncode and output. It cannot deadlock whatever the sizes involved (see
     * {@link Popen#communicate}), and it cannot hang on a descendant that keeps a pipe open.
     *
     * <p>With {@link Options#timeout}, the whole run (start to end of output) is bounded: when the
     * time runs out, the child's whole process tree is killed (descendants first) and reaped, and
     * {@link SubprocessTimeoutException} is thrown with all the output the child wrote.
     *
     * @param <T> {@code byte[]} or {@code String}, as {@code options} say
     * @param args the program, then its arguments
     * @param options the streams, input, timeout, check, directory and environment
     * @return the returncode and the output captured
     * @throws CalledProcessException with {@link Options#check()}, if the returncode is not 0
     * @throws SubprocessTimeoutException if the timeout ran out (the tree was killed)
     * @throws LaunchException if the child could not be started (the message names the program)
     * @throws IllegalArgumentException if {@code args} is empty or an argument contains NUL
     * @throws InterruptedException if interrupted while waiting: the child's tree is killed and
     *     reaped first, so an interrupted run leaves nothing behind
     */
    public static <T> CompletedProcess<T> run(List<String> args, Options<T> options) throws InterruptedException {
        Objects.requireNonNull(options, "options");
        Duration timeout = options.timeoutOrNull();
        long deadline = timeout == null ? Long.MAX_VALUE : Timeouts.deadline(Timeouts.toNanos(timeout));
        Popen<T> p = new Popen<>(args, options, true);
        try {
            Output<T> out;
            try {
                out = p.communicate(options.inputBytes(), deadline, timeout);
            } catch (SubprocessTimeoutException e) {
                p.kill();
                throw new SubprocessTimeoutException(p.args(), timeout, p.drainAfterKill());
            } catch (InterruptedException | RuntimeException | Error e) {
                p.kill();
                p.reapAfterKill();
                throw e;
            }
            int rc = p.poll().orElseThrow();
            if (options.checks() && rc != 0) {
                throw new CalledProcessException(p.args(), rc, p.rawOutput());
            }
            return new CompletedProcess<>(p.args(), rc, out.stdout(), out.stderr());
        } finally {
            p.close();
        }
    }

    /**
     * Runs a command and returns its returncode: Python's {@code subprocess.call}. The same as
     * {@code run(args, options).returncode()}.
     *
     * @param args the program, then its arguments
     * @param options the streams, input, timeout, directory and environment
     * @return the returncode
     * @throws InterruptedException if interrupted while waiting; the child's whole process tree is killed
     */
    public static int call(List<String> args, Options<?> options) throws InterruptedException {
        return run(args, options).returncode();
    }

    /**
     * Runs a command and throws unless it returns 0: Python's {@code subprocess.check_call}.
     *
     * @param args the program, then its arguments
     * @param options the streams, input, timeout, directory and environment
     * @return 0
     * @throws CalledProcessException if the returncode is not 0
     * @throws InterruptedException if interrupted while waiting; the child's whole process tree is killed
     */
    public static int checkCall(List<String> args, Options<?> options) throws InterruptedException {
        return run(args, options.check()).returncode();
    }

    /**
     * Runs a command and returns its stdout, throwing unless it returns 0: Python's
     * {@code subprocess.check_output}. stdout is captured whatever {@code options} say about it.
     *
     * @param <T> {@code byte[]} or {@code String}, as {@code options} say
     * @param args the program, then its arguments
     * @param options the input, timeout, directory and environment
     * @return the captured stdout
     * @throws CalledProcessException if the returncode is not 0, with the output
     * @throws InterruptedException if interrupted while waiting; the child's whole process tree is killed
     */
    public static <T> T checkOutput(List<String> args, Options<T> options) throws InterruptedException {
        return run(args, options.stdout(Redirect.PIPE).check()).stdout();
    }

    /**
     * The command that runs {@code command} through {@code /bin/sh -c}: what Python's
     * {@code shell=True} does. Use it only with text you wrote yourself. The shell interprets
     * everything in {@code command}: spaces split words, and {@code ;}, {@code |}, {@code &},
     * {@code $(...)}, backquotes, globs and redirections all act. A value from outside (a file
     * name, a user's input, a network message) pasted into {@code command} can therefore run any
     * command the user running the JVM could: {@code "ls " + name} with {@code name = "x; rm -rf
     * ~"} removes the home directory. Pass such values as separate elements of a list instead, or
     * as positional parameters: {@code List.of("/bin/sh", "-c", "ls -- \"$1\"", "sh", name)}.
     *
     * @param command the shell command
     * @return {@code ["/bin/sh", "-c", command]}
     */
    public static List<String> shell(String command) {
        return List.of("/bin/sh", "-c", Objects.requireNonNull(command, "command"));
    }
}
