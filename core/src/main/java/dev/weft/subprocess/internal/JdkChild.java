package dev.weft.subprocess.internal;

import dev.weft.internal.Uninterruptibly;
import dev.weft.subprocess.Signal;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A child started by {@link ProcessBuilder}. Not API.
 *
 * <p>The JDK reports a death by signal <i>n</i> as exit value {@code 128 + n}; this class reports
 * {@code -n} only for a signal it sent itself, since a child may also have exited with
 * {@code 128 + n}.
 */
final class JdkChild implements Child {
    private final Process process;
    private final OutputStream stdin;
    private final InputStream stderr;
    private volatile InputStream stdout;
    private final Set<Integer> signalsSent = ConcurrentHashMap.newKeySet();
    private ThreadCommunicator communicator;

    JdkChild(Process process, LaunchSpec spec) {
        this.process = process;
        // With FromStream the JDK's stdin pipe belongs to the pump thread, not to the parent.
        this.stdin = spec.stdin() instanceof Stdio.Pipe ? process.getOutputStream() : null;
        this.stdout = spec.stdout() instanceof Stdio.Pipe ? process.getInputStream() : null;
        this.stderr = spec.stderr() instanceof Stdio.Pipe ? process.getErrorStream() : null;
        ChildRegistry.register(this);
        process.onExit().thenRun(() -> ChildRegistry.unregister(this));
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public OutputStream stdin() {
        return stdin;
    }

    @Override
    public InputStream stdout() {
        return stdout;
    }

    @Override
    public InputStream stderr() {
        return stderr;
    }

    @Override
    public synchronized InputStream detachStdout() {
        InputStream s = stdout;
        stdout = null;
        return s;
    }

    @Override
    public OptionalInt poll() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(returncode(process.exitValue()));
    }

    @Override
    public OptionalInt await(long nanos) throws InterruptedException {
        if (nanos == Long.MAX_VALUE) {
            return OptionalInt.of(returncode(process.waitFor()));
        }
        return process.waitFor(nanos, TimeUnit.NANOSECONDS) ? OptionalInt.of(returncode(process.exitValue())) : OptionalInt.empty();
    }

    private int returncode(int exitValue) {
        return exitValue > 128 && signalsSent.contains(exitValue - 128) ? -(exitValue - 128) : exitValue;
    }

    @Override
    public void signal(Signal signal) {
        if (!process.isAlive()) {
            return;
        }
        signalsSent.add(signal.number());
        switch (signal) {
            case TERM -> process.destroy();
            case KILL -> process.destroyForcibly();
            default -> sendWithKillCommand(signal);
        }
    }

    /** The JDK can send only TERM and KILL; others go through the {@code kill} command. */
    private void sendWithKillCommand(Signal signal) {
        runKill(List.of("kill", "-" + signal.number(), Long.toString(process.pid())), signal);
    }

    private static void runKill(List<String> command, Signal signal) {
        try {
            Process kill = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            Uninterruptibly.run(kill::waitFor);
        } catch (IOException e) {
            throw new UnsupportedOperationException("cannot send " + signal + " to " + command.subList(2, command.size()) + " without the kill command", e);
        }
    }

    /**
     * Kills the tree: descendants as found now, then the child first and the descendants after,
     * deepest first. The JDK cannot stop a process, so the child is killed before its descendants
     * (the posix_spawn launcher stops it instead): otherwise a child waiting for them could exit
     * normally in between and report 0. Orphans that have left the tree cannot be found.
     */
    @Override
    public void killTree() {
        List<ProcessHandle> descendants = process.descendants().sorted(Comparator.comparingInt(JdkChild::depth).reversed()).toList();
        if (process.isAlive()) {
            signalsSent.add(Signal.KILL.number());
            process.destroyForcibly();
        }
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    /**
     * The child, then every descendant found before it was signalled. TERM and KILL go through
     * {@link ProcessHandle}; other signals to descendants through the {@code kill} command, one
     * call for all of them. Orphans that have left the tree cannot be found.
     */
    @Override
    public void signalTree(Signal signal) {
        List<ProcessHandle> descendants = process.descendants().toList();
        signal(signal);
        switch (signal) {
            case TERM -> descendants.forEach(ProcessHandle::destroy);
            case KILL -> descendants.forEach(ProcessHandle::destroyForcibly);
            default -> {
                if (!descendants.isEmpty()) {
                    List<String> command = new java.util.ArrayList<>(List.of("kill", "-" + signal.number()));
                    descendants.forEach(h -> command.add(Long.toString(h.pid())));
                    runKill(command, signal);
                }
            }
        }
    }

    private static int depth(ProcessHandle h) {
        int d = 0;
        for (var p = h.parent(); p.isPresent(); p = p.get().parent()) {
            d++;
        }
        return d;
    }

    @Override
    public synchronized Communicator communicator() {
        if (communicator == null) {
            communicator = new ThreadCommunicator(this);
        }
        return communicator;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Nothing to release: the JDK reaps its children itself, and the streams close with it. */
    @Override
    public void close() {}
}
