package dev.weft.subprocess;

import dev.weft.futures.SettableFuture;
import dev.weft.internal.Timeouts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;

/**
 * Runs commands joined by pipes, as a shell's {@code a | b | c}: each stage's stdout feeds the
 * next stage's stdin. With {@link LaunchMechanism#POSIX_SPAWN} the stages are joined by the
 * operating system and the bytes never pass through the JVM; with {@link LaunchMechanism#JDK} a
 * thread copies them.
 *
 * <pre>{@code
 * CompletedPipeline<String> r = Pipeline.run(
 *         List.of(List.of("gzip", "-c"), List.of("sha256sum")),
 *         Options.defaults().input(data).stdout(Redirect.PIPE).text());
 * r.returncodes();   // [0, 0]
 * }</pre>
 */
public final class Pipeline {
    private Pipeline() {}

    /**
     * Runs {@code commands} as a pipeline and waits for every stage. {@code options} apply as a
     * shell applies redirections to a pipeline: stdin and {@link Options#input} to the first
     * stage, stdout to the last, stderr to each stage ({@link Redirect#PIPE} gives each stage's
     * stderr in its own {@link CompletedProcess}); {@code cwd}, {@code env} and the encoding to
     * all. One {@link Options#timeout} covers the whole pipeline: when it runs out, every stage's
     * process tree is killed and {@link SubprocessTimeoutException} carries the last stage's
     * output. With {@link Options#check()}, any stage that returns non-zero fails the pipeline
     * (the shell's {@code pipefail}).
     *
     * <p>A stage that ends early (as {@code head} does) closes its stdin; the stage before it then
     * gets {@code SIGPIPE} when it writes, as in a shell, and its returncode shows it.
     *
     * @param <T> {@code byte[]} or {@code String}, as {@code options} say
     * @param commands the stages, each a program and its arguments
     * @param options the options of the pipeline as a whole
     * @return every stage's returncode, and the output captured
     * @throws IllegalArgumentException if {@code commands} is empty or a command is invalid (see
     *     {@link Popen#Popen})
     * @throws LaunchException if a stage cannot be started; the stages already started are killed
     * @throws CalledProcessException with {@code check}, for the first stage that failed
     * @throws SubprocessTimeoutException if the timeout ran out
     * @throws InterruptedException if interrupted; every stage's tree is killed first
     */
    public static <T> CompletedPipeline<T> run(List<List<String>> commands, Options<T> options) throws InterruptedException {
        Objects.requireNonNull(commands, "commands");
        Objects.requireNonNull(options, "options");
        if (commands.isEmpty()) {
            throw new IllegalArgumentException("a pipeline needs at least one command");
        }
        commands.forEach(Popen::checkedArgs);
        Duration timeout = options.timeoutOrNull();
        long deadline = timeout == null ? Long.MAX_VALUE : Timeouts.deadline(Timeouts.toNanos(timeout));
        int n = commands.size();
        List<Popen<T>> stages = new ArrayList<>(n);
        try {
            for (int i = 0; i < n; i++) {
                Options<T> o = options;
                if (i > 0) {
                    o = o.withoutInput().stdin(Redirect.stdoutOf(stages.get(i - 1)));
                }
                if (i < n - 1) {
                    o = o.stdout(Redirect.PIPE);
                }
                stages.add(new Popen<>(commands.get(i), o, true));
            }
            List<Output<T>> outputs = communicateAll(stages, options.inputBytes(), deadline, timeout);
            List<CompletedProcess<T>> done = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                Popen<T> p = stages.get(i);
                int rc = p.poll().orElseThrow();
                if (options.checks() && rc != 0) {
                    throw new CalledProcessException(p.args(), rc, p.rawOutput());
                }
                done.add(new CompletedProcess<>(p.args(), rc, outputs.get(i).stdout(), outputs.get(i).stderr()));
            }
            return new CompletedPipeline<>(done);
        } catch (SubprocessTimeoutException e) {
            stages.forEach(Popen::kill);
            ProcessOutput last = null;
            for (Popen<T> p : stages) {
                last = p.drainAfterKill();
            }
            throw new SubprocessTimeoutException(flatten(commands), timeout, last);
        } catch (InterruptedException | RuntimeException | Error e) {
            stages.forEach(Popen::kill);
            stages.forEach(Popen::reapAfterKill);
            throw e;
        } finally {
            stages.forEach(Popen::close);
        }
    }

    /**
     * Communicates with every stage at once: the last in this thread, each other one in a daemon
     * thread of its own, since each may block on its own pipes.
     */
    private static <T> List<Output<T>> communicateAll(List<Popen<T>> stages, byte[] input, long deadline, Duration timeout) throws InterruptedException {
        int n = stages.size();
        List<SettableFuture<Output<T>>> others = new ArrayList<>(n - 1);
        for (int i = 0; i < n - 1; i++) {
            Popen<T> stage = stages.get(i);
            byte[] in = i == 0 ? input : null;
            SettableFuture<Output<T>> f = new SettableFuture<>();
            others.add(f);
            Thread.ofPlatform().daemon().name("weft-pipeline-stage-" + i + "-" + stage.pid()).start(() -> {
                try {
                    f.setResult(stage.communicate(in, deadline, timeout));
                } catch (Throwable t) {
                    f.setException(t);
                }
            });
        }
        List<Output<T>> outputs = new ArrayList<>(n);
        Output<T> last = stages.getLast().communicate(n == 1 ? input : null, deadline, timeout);
        for (SettableFuture<Output<T>> f : others) {
            try {
                outputs.add(f.get());
            } catch (ExecutionException e) {
                switch (e.getCause()) {
                    case RuntimeException r -> throw r;
                    case Error err -> throw err;
                    case InterruptedException ie -> throw new IllegalStateException("a pipeline stage's thread was interrupted", ie);
                    default -> throw new IllegalStateException(e.getCause());
                }
            }
        }
        outputs.add(last);
        return outputs;
    }

    /** The pipeline as one command for messages: {@code [a, x, |, b, y]}. */
    private static List<String> flatten(List<List<String>> commands) {
        List<String> all = new ArrayList<>();
        for (List<String> c : commands) {
            if (!all.isEmpty()) {
                all.add("|");
            }
            all.addAll(c);
        }
        return all;
    }
}
