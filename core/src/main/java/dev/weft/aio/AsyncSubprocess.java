package dev.weft.aio;

import dev.weft.subprocess.Options;
import dev.weft.subprocess.Popen;
import dev.weft.subprocess.Subprocess;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;

/**
 * Starts child processes whose pipes are streams of the calling task's loop: Python's
 * {@code asyncio.create_subprocess_exec} and {@code create_subprocess_shell}. Built on
 * {@link Popen}: the {@link Options} say where stdin, stdout and stderr go
 * ({@link dev.weft.subprocess.Redirect#PIPE}, {@code DEVNULL}, {@code INHERIT} (the default),
 * {@code STDOUT} for stderr, files), and the working directory, environment and launch mechanism.
 * Output is bytes, as in asyncio; decode it yourself.
 *
 * <pre>{@code
 * Aio.run(() -> {
 *     AsyncProcess p = AsyncSubprocess.createSubprocessExec(List.of("ls", "-l"),
 *             Options.defaults().stdout(Redirect.PIPE));
 *     byte[] line;
 *     while ((line = p.stdout().readline()).length > 0) {
 *         System.out.print(new String(line, UTF_8));
 *     }
 *     return p.waitFor();
 * });
 * }</pre>
 *
 * <p>Both are await points: they may be called only by a task of a running loop
 * ({@link IllegalStateException} otherwise), and the child is started off the loop, as
 * {@link Aio#blocking} runs blocking code. If the calling task is cancelled meanwhile, a child
 * that was started is killed, and {@link CancellationException} is thrown.
 */
public final class AsyncSubprocess {
    private AsyncSubprocess() {}

    /**
     * Starts {@code args} with {@link Options#defaults()} (every stream inherited).
     *
     * @param args the program, then its arguments
     * @return the started child
     */
    public static AsyncProcess createSubprocessExec(List<String> args) {
        return createSubprocessExec(args, Options.defaults(), StreamReader.DEFAULT_LIMIT);
    }

    /**
     * Starts {@code args} as {@code options} say, with a buffer limit of {@link StreamReader#DEFAULT_LIMIT}.
     *
     * @param args the program, then its arguments
     * @param options the streams, directory, environment and launch of the child
     * @return the started child
     */
    public static AsyncProcess createSubprocessExec(List<String> args, Options<byte[]> options) {
        return createSubprocessExec(args, options, StreamReader.DEFAULT_LIMIT);
    }

    /**
     * Starts {@code args} (the program, then its arguments; no shell) as {@code options} say:
     * Python's {@code create_subprocess_exec(*args, stdin=..., stdout=..., stderr=..., limit=...)}.
     *
     * @param limit the buffer limit of the stdout and stderr readers
     * @param args the program, then its arguments
     * @param options the streams, directory, environment and launch of the child
     * @return the started child
     * @throws dev.weft.subprocess.LaunchException if the child cannot be started (the message
     *     names the program)
     * @throws IllegalArgumentException if {@code args} is empty or an argument contains NUL, if
     *     {@code options} sets {@code input}, {@code timeout} or {@code check} (which belong to
     *     {@link Subprocess#run}), or if {@code limit} is not positive
     * @throws CancellationException if the calling task is cancelled meanwhile
     * @throws IllegalStateException if not called by a task of a running loop
     */
    public static AsyncProcess createSubprocessExec(List<String> args, Options<byte[]> options, int limit) {
        Objects.requireNonNull(args, "args");
        Objects.requireNonNull(options, "options");
        StreamReader.checkLimit(limit);
        Task<?> task = Aio.requireTask("createSubprocessExec");
        List<String> command = List.copyOf(args);
        @SuppressWarnings("unchecked")
        Popen<byte[]>[] started = new Popen[1];
        try {
            AsyncProcess.offLoop(() -> started[0] = new Popen<>(command, options));
        } catch (CancellationException e) {
            Popen<byte[]> p = started[0];
            if (p != null) {
                p.kill();
                Thread.ofPlatform().daemon().name("weft-aio-reap-" + p.pid()).start(p::close);
            }
            throw e;
        }
        return new AsyncProcess(task.loop, started[0], limit);
    }

    /**
     * Runs {@code command} through {@code /bin/sh -c} with {@link Options#defaults()}.
     *
     * @param command the shell command
     * @return the started shell
     */
    public static AsyncProcess createSubprocessShell(String command) {
        return createSubprocessShell(command, Options.defaults(), StreamReader.DEFAULT_LIMIT);
    }

    /**
     * Runs {@code command} through {@code /bin/sh -c} as {@code options} say.
     *
     * @param command the shell command
     * @param options the streams, directory, environment and launch of the shell
     * @return the started shell
     */
    public static AsyncProcess createSubprocessShell(String command, Options<byte[]> options) {
        return createSubprocessShell(command, options, StreamReader.DEFAULT_LIMIT);
    }

    /**
     * Runs {@code command} through {@code /bin/sh -c}: Python's {@code create_subprocess_shell}.
     * The shell interprets everything in {@code command}; never paste text from outside into it
     * (see {@link Subprocess#shell}). Otherwise as
     * {@link #createSubprocessExec(List, Options, int)}.
     *
     * @param command the shell command
     * @param options the streams, directory, environment and launch of the shell
     * @param limit the buffer limit of the stdout and stderr readers, in bytes
     * @return the started shell
     */
    public static AsyncProcess createSubprocessShell(String command, Options<byte[]> options, int limit) {
        return createSubprocessExec(Subprocess.shell(command), options, limit);
    }
}
