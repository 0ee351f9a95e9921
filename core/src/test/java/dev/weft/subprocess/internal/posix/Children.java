package dev.weft.subprocess.internal.posix;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.subprocess.internal.Child;
import dev.weft.subprocess.internal.LaunchSpec;
import dev.weft.subprocess.internal.Stdio;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Test fixture: launches children through {@link PosixSpawnLauncher} directly, remembers them,
 * and kills and reaps whatever is left at the end of a test; plus bounded waits on processes.
 */
final class Children implements BeforeEachCallback, AfterEachCallback {
    /** Generous bound for things that should happen at once, for busy CI machines. */
    static final Duration LONG = Duration.ofSeconds(20);

    private final List<Child> started = new ArrayList<>();

    /** Skips the calling test when the mechanism cannot be used in this JVM. */
    static void assumeAvailable() {
        assumeTrue(PosixSpawnLauncher.unavailableReason().isEmpty(),
                () -> "posix_spawn launcher unavailable: " + PosixSpawnLauncher.unavailableReason().orElseThrow());
    }

    /** Registered with {@code @RegisterExtension}: each test is skipped where posix_spawn is unusable. */
    @Override
    public void beforeEach(ExtensionContext context) {
        assumeAvailable();
    }

    /** Kills what the test started, and clears an interrupt it left behind. */
    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        killAll();
        Thread.interrupted();
    }

    Child start(Stdio in, Stdio out, Stdio err, String... args) {
        return start(new LaunchSpec(List.of(args), null, null, in, out, err, true, false));
    }

    Child start(String... args) {
        return start(Stdio.INHERIT, Stdio.INHERIT, Stdio.INHERIT, args);
    }

    Child start(LaunchSpec spec) {
        Child c = PosixSpawnLauncher.INSTANCE.launch(spec);
        started.add(c);
        return c;
    }

    static LaunchSpec spec(List<String> args, Path cwd, Map<String, String> env, Stdio in, Stdio out, Stdio err) {
        return new LaunchSpec(args, cwd, env, in, out, err, true, false);
    }

    /** The returncode, waiting at most {@link #LONG}; fails the test if the child is still running. */
    static int returncode(Child c) throws InterruptedException {
        return c.await(LONG.toNanos()).orElseThrow(() -> new AssertionError(c + " still running after " + LONG));
    }

    /** Kills and reaps every child this fixture started, and releases them. */
    void killAll() throws InterruptedException {
        for (Child c : started) {
            c.killTree();
            c.await(LONG.toNanos());
            c.close();
        }
    }

    /** Whether process {@code pid} is gone, or a zombie (dead, waiting for its parent), within {@code limit}. */
    static boolean diesWithin(long pid, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (alive(pid)) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    static boolean alive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The state is the first field after the command name, which is in parentheses.
            return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException gone) {
            return false;
        }
    }

    /**
     * Waits until {@code t} is inside {@code poll(2)} (its stack shows {@link LibC#poll}), for at
     * most {@link #LONG}: it then waits on a descriptor, so what the test does next happens while
     * it waits. Observes a state; does not guess a delay.
     */
    static void awaitInPoll(Thread t) throws InterruptedException {
        long deadline = System.nanoTime() + LONG.toNanos();
        while (Arrays.stream(t.getStackTrace()).noneMatch(f -> f.getClassName().equals(LibC.class.getName()) && f.getMethodName().equals("poll"))) {
            if (!t.isAlive()) {
                throw new AssertionError("thread " + t.getName() + " ended instead of waiting in poll");
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("thread " + t.getName() + " did not wait in poll within " + LONG);
            }
            Thread.sleep(1);
        }
    }
}
