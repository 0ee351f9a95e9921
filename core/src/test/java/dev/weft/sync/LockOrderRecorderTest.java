package dev.weft.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.weft.testing.TestThreads;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unit tests of {@link LockOrderRecorder} with {@link NamedLock}: off by default; once started it
 * reports a cycle in the learned lock order (two and three locks) exactly once, with each step's
 * thread and a stack that starts at the caller, even though the two orders ran at different
 * times and nothing deadlocked; which acquisitions add steps (blocking ones) and which do not
 * (reentrant, {@code tryLock()}); a throwing listener makes {@code lock()} fail without taking the
 * lock (and so averts a real deadlock); {@code reset}, {@code stop}, the default listener; and
 * {@code -Dweft.lockorder=record} in a child JVM.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LockOrderRecorderTest {

    private final List<PotentialDeadlock> reported = new CopyOnWriteArrayList<>();

    @BeforeEach
    void collectReports() {
        LockOrderRecorder.stop();
        LockOrderRecorder.reset();
        LockOrderRecorder.onPotentialDeadlock(reported::add);
    }

    @AfterEach
    void restoreTheRecorder() {
        LockOrderRecorder.stop();
        LockOrderRecorder.reset();
        LockOrderRecorder.onPotentialDeadlock(null);
    }

    /** In a new thread of that name, takes {@code locks} nested, in the order given, then releases them. */
    private static void inThread(String name, NamedLock... locks) throws InterruptedException {
        TestThreads.start(name, () -> takeNested(locks, 0)).joinSuccessfully();
    }

    private static void takeNested(NamedLock[] locks, int i) {
        if (i == locks.length) {
            return;
        }
        locks[i].lock();
        try {
            takeNested(locks, i + 1);
        } finally {
            locks[i].unlock();
        }
    }

    /** Each step takes the lock that the next step holds; the last takes what the first holds. */
    private static void assertClosedCycle(PotentialDeadlock d) {
        List<PotentialDeadlock.Acquisition> cycle = d.cycle();
        for (int i = 0; i < cycle.size(); i++) {
            assertThat(cycle.get(i).taken())
                    .as("step %d takes what step %d holds", i, (i + 1) % cycle.size())
                    .isEqualTo(cycle.get((i + 1) % cycle.size()).held());
        }
        List<String> names = d.lockNames();
        assertThat(names).hasSize(cycle.size() + 1);
        assertThat(names.getFirst()).isEqualTo(names.getLast());
    }

    private static void assertStackStartsInThisTest(PotentialDeadlock.Acquisition step) {
        List<StackTraceElement> stack = step.stack();
        assertThat(stack).isNotEmpty();
        assertThat(stack.getFirst().getClassName()).isEqualTo(LockOrderRecorderTest.class.getName());
        assertThat(stack.getFirst().getMethodName()).isEqualTo("takeNested");
        assertThat(stack).noneMatch(f -> f.getClassName().equals(NamedLock.class.getName())
                || f.getClassName().equals(LockOrderRecorder.class.getName()));
    }

    @Test
    void recordingIsOffByDefaultAndReportsNothing() throws InterruptedException {
        assertThat(LockOrderRecorder.isRecording()).isFalse();
        NamedLock a = new NamedLock("a");
        NamedLock b = new NamedLock("b");

        inThread("first", a, b);
        inThread("second", b, a);

        assertThat(reported).isEmpty();
        assertThat(LockOrderRecorder.potentialDeadlocks()).isEmpty();
    }

    @Test
    void twoOrdersAtDifferentTimesAreReportedAsOnePotentialDeadlock() throws InterruptedException {
        LockOrderRecorder.start();
        assertThat(LockOrderRecorder.isRecording()).isTrue();
        NamedLock a = new NamedLock("a");
        NamedLock b = new NamedLock("b");

        inThread("first", a, b);
        assertThat(reported).as("one order alone is fine").isEmpty();
        inThread("second", b, a);

        assertThat(reported).hasSize(1);
        PotentialDeadlock d = reported.getFirst();
        assertThat(LockOrderRecorder.potentialDeadlocks()).containsExactly(d);
        assertThat(d.cycle()).hasSize(2);
        assertClosedCycle(d);
        assertThat(d.lockNames()).containsExactlyInAnyOrder("a", "b", d.lockNames().getFirst());

        var byThread = new java.util.HashMap<String, PotentialDeadlock.Acquisition>();
        d.cycle().forEach(step -> byThread.put(step.thread(), step));
        assertThat(byThread).containsOnlyKeys("first", "second");
        assertThat(byThread.get("first").held()).isEqualTo("a");
        assertThat(byThread.get("first").taken()).isEqualTo("b");
        assertThat(byThread.get("second").held()).isEqualTo("b");
        assertThat(byThread.get("second").taken()).isEqualTo("a");
        d.cycle().forEach(LockOrderRecorderTest::assertStackStartsInThisTest);
    }

    @Test
    void reportNamesTheCycleTheThreadsAndTheirStacks() throws InterruptedException {
        LockOrderRecorder.start();
        NamedLock a = new NamedLock("accounts");
        NamedLock b = new NamedLock("ledger");
        inThread("first", a, b);
        inThread("second", b, a);

        String report = reported.getFirst().toString();

        assertThat(report)
                .startsWith("Potential deadlock")
                .contains("accounts")
                .contains("ledger")
                .contains("thread \"first\"")
                .contains("thread \"second\"")
                .contains("at " + LockOrderRecorderTest.class.getName() + ".takeNested");
    }

    @Test
    void aCycleIsReportedOnceHoweverOftenItRecurs() throws InterruptedException {
        LockOrderRecorder.start();
        NamedLock a = new NamedLock("a");
        NamedLock b = new NamedLock("b");

        for (int i = 0; i < 3; i++) {
            inThread("first-" + i, a, b);
            inThread("second-" + i, b, a);
        }

        assertThat(reported).hasSize(1);
        assertThat(LockOrderRecorder.potentialDeadlocks()).hasSize(1);
    }

    @Test
    void aThreeLockCycleIsFound() throws InterruptedException {
        LockOrderRecorder.start();
        NamedLock a = new NamedLock("a");
        NamedLock b = new NamedLock("b");
        NamedLock c = new NamedLock("c");

        inThread("ab", a, b);
        inThread("bc", b, c);
        assertThat(reported).isEmpty();
        inThread("ca", c, a);

        assertThat(reported).hasSize(1);
        PotentialDeadlock d = reported.getFirst();
        assertThat(d.cycle()).hasSize(3);
        assertClosedCycle(d);
        assertThat(d.cycle()).extracting(PotentialDeadlock.Acquisition::thread)
                .containsExactlyInAnyOrder("ab", "bc", "ca");
        assertThat(d.lockNames().subList(0, 3)).containsExactlyInAnyOrder("a", "b", "c");
        d.cycle().forEach(LockOrderRecorderTest::assertStackStartsInThisTest);
    }

    @Test
    void locksAlwaysTakenInOneOrderAreNeverReported() throws InterruptedException {
        LockOrderRecorder.start();
        NamedLock a = new NamedLock("a");
        NamedLock b = new NamedLock("b");
        NamedLock c = new NamedLock("c");

        inThread("one", a, b, c);
        inThread("two", a, c);
        inThread("three", b, c);
        inThread("four", a, b);

        assertThat(reported).isEmpty();
    }

    @Test
    void reentrantAcquisitionAddsNoStep() throws InterruptedException {
        LockOrderRecorder.start();
        NamedLock a = new NamedLock("a");
        NamedLock b = new NamedLock("b");

        // a, b, then a again while holding b: reentrant, it cannot block, so it is no "a after b".
        inThread("reentrant", a, b, a);
        assertThat(reported).isEmpty();

        // A real "a after b" does close the cycle, so the check above could have failed.
        inThread("second", b, a);
        assertThat(reported).hasSize(1);
    }

    @Test
    void tryLockAddsNoStepButTheLockItTakesCountsAsHeld() throws InterruptedException {
        LockOrderRecorder.start();
        NamedLock a = new NamedLock("a");
        NamedLock b = new NamedLock("b");
        NamedLock c = new NamedLock("c");
        TestThreads.start("trying", () -> {
            a.lock();
            try {
                assertThat(b.tryLock()).isTrue(); // no step "b after a"
                try {
                    c.lock(); // steps "c after a" and "c after b"
                    c.unlock();
                } finally {
                    b.unlock();
                }
            } finally {
                a.unlock();
            }
        }).joinSuccessfully();

        inThread("b-then-a", b, a);
        assertThat(reported).as("b after a was never learned").isEmpty();

        inThread("c-then-b", c, b);
        assertThat(reported).as("c after b closes the cycle with the learned b before c").hasSize(1);
        assertThat(reported.getFirst().lockNames()).contains("b", "c").doesNotContain("a");
    }

    @Test
    void timedTryLockAndLockInterruptiblyAddSteps() throws InterruptedException {
        LockOrderRecorder.start();
        NamedLock a = new NamedLock("a");
        NamedLock b = new NamedLock("b");
        TestThreads.start("timed", () -> {
            a.lock();
            try {
                assertThat(b.tryLock(10, TimeUnit.SECONDS)).isTrue();
                b.unlock();
            } finally {
                a.unlock();
            }
        }).joinSuccessfully();
        TestThreads.start("interruptibly", () -> {
            b.lockInterruptibly();
            try {
                a.lockInterruptibly();
                a.unlock();
            } finally {
                b.unlock();
            }
        }).joinSuccessfully();

        assertThat(reported).hasSize(1);
        assertThat(reported.getFirst().cycle()).extracting(PotentialDeadlock.Acquisition::thread)
                .containsExactlyInAnyOrder("timed", "interruptibly");
    }

    @Test
    void locksHeldBeforeRecordingStartedAreUnknown() throws InterruptedException {
        NamedLock a = new NamedLock("a");
        NamedLock b = new NamedLock("b");
        a.lock();
        try {
            LockOrderRecorder.start();
            b.lock(); // the recorder does not know this thread holds a
            b.unlock();
        } finally {
            a.unlock();
        }

        inThread("second", b, a);

        assertThat(reported).isEmpty();
    }

    @Test
    void aThrowingListenerMakesLockThrowWithoutTakingTheLock() throws InterruptedException {
        IllegalStateException refusal = new IllegalStateException("refused");
        LockOrderRecorder.onPotentialDeadlock(d -> {
            reported.add(d);
            throw refusal;
        });
        LockOrderRecorder.start();
        NamedLock a = new NamedLock("a");
        NamedLock b = new NamedLock("b");
        inThread("first", a, b);

        b.lock();
        try {
            assertThatThrownBy(a::lock).isSameAs(refusal);
            assertThat(a.isLocked()).isFalse();
            assertThat(b.getHoldCount()).isEqualTo(1);
        } finally {
            b.unlock();
        }
        assertThat(reported).hasSize(1);
    }

    @Test
    void aThrowingListenerMakesAcquireAllFailAndReleaseWhatItTook() throws InterruptedException {
        LockOrderRecorder.onPotentialDeadlock(d -> {
            reported.add(d);
            throw new IllegalStateException("refused: " + d.lockNames());
        });
        LockOrderRecorder.start();
        NamedLock first = new NamedLock("first"); // acquireAll takes this one first
        NamedLock second = new NamedLock("second");
        inThread("second-then-first", second, first);

        assertThatThrownBy(() -> Locks.acquireAll(second, first))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("refused");

        assertThat(first.isLocked() || second.isLocked()).isFalse();
        assertThat(Locks.heldByCurrentThread()).isEmpty();
        assertThat(reported).hasSize(1);
    }

    @Test
    void aRealDeadlockIsReportedBeforeTheSecondThreadBlocks() throws InterruptedException {
        LockOrderRecorder.onPotentialDeadlock(d -> {
            reported.add(d);
            throw new IllegalStateException("would deadlock: " + d.lockNames());
        });
        LockOrderRecorder.start();
        NamedLock a = new NamedLock("a");
        NamedLock b = new NamedLock("b");
        Event bHeld = new Event();
        Event go = new Event();
        var holdsB = TestThreads.start("holds-b", () -> {
            b.lock();
            try {
                bHeld.set();
                go.await();
                a.lock(); // closes the cycle while "holds-a" waits for b: refused, not blocked
                a.unlock();
            } finally {
                b.unlock();
            }
        });
        assertThat(bHeld.await(TestThreads.LONG)).isTrue();
        var holdsA = TestThreads.start("holds-a", () -> takeNested(new NamedLock[] {a, b}, 0));
        holdsA.awaitBlocked(); // holds a, waits for b

        go.set();

        assertThat(holdsB.join()).isInstanceOf(IllegalStateException.class).hasMessageContaining("would deadlock");
        holdsA.joinSuccessfully();
        assertThat(reported).hasSize(1);
        assertThat(a.isLocked() || b.isLocked()).isFalse();
    }

    @Test
    void resetForgetsLearnedStepsAndReports() throws InterruptedException {
        LockOrderRecorder.start();
        NamedLock a = new NamedLock("a");
        NamedLock b = new NamedLock("b");
        inThread("first", a, b);
        inThread("second", b, a);
        assertThat(LockOrderRecorder.potentialDeadlocks()).hasSize(1);

        LockOrderRecorder.reset();
        reported.clear();

        assertThat(LockOrderRecorder.potentialDeadlocks()).isEmpty();
        assertThat(LockOrderRecorder.isRecording()).as("reset does not stop recording").isTrue();
        inThread("third", b, a);
        assertThat(reported).as("a-then-b was forgotten: b-then-a alone is no cycle").isEmpty();
        inThread("fourth", a, b);
        assertThat(reported).as("learned again after the reset").hasSize(1);
    }

    @Test
    void stopKeepsWhatWasLearnedUntilReset() throws InterruptedException {
        LockOrderRecorder.start();
        NamedLock a = new NamedLock("a");
        NamedLock b = new NamedLock("b");
        inThread("first", a, b);

        LockOrderRecorder.stop();
        assertThat(LockOrderRecorder.isRecording()).isFalse();
        inThread("unrecorded", b, a);
        assertThat(reported).isEmpty();

        LockOrderRecorder.start();
        inThread("second", b, a);
        assertThat(reported).as("a-then-b, learned before stop(), is still known").hasSize(1);
    }

    @Test
    void theDefaultListenerPrintsTheReportOnStandardError() throws InterruptedException {
        LockOrderRecorder.onPotentialDeadlock(null);
        LockOrderRecorder.start();
        NamedLock a = new NamedLock("printed-a");
        NamedLock b = new NamedLock("printed-b");
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            inThread("first", a, b);
            inThread("second", b, a);
        } finally {
            System.setErr(original);
        }

        String err = captured.toString(StandardCharsets.UTF_8);
        assertThat(err).contains("Potential deadlock").contains("printed-a").contains("printed-b");
        assertThat(err).contains(LockOrderRecorder.potentialDeadlocks().getFirst().toString());
    }

    // ---- the system property, in a child JVM ----

    private static String codeSource(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private record ChildResult(int exitCode, String out, String err) {}

    private static ChildResult runChild(Path dir, String... jvmOptions)
            throws IOException, InterruptedException, URISyntaxException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = codeSource(LockOrderRecorder.class) + File.pathSeparator + codeSource(LockOrderCycleMain.class);
        List<String> command = new ArrayList<>(List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1"));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", classPath, LockOrderCycleMain.class.getName()));
        Path out = Files.createTempFile(dir, "child", ".out");
        Path err = Files.createTempFile(dir, "child", ".err");
        Process child = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        child.getOutputStream().close();
        try {
            if (!child.waitFor(40, TimeUnit.SECONDS)) {
                fail("child JVM did not end within 40 s: " + command);
            }
        } finally {
            if (child.isAlive()) {
                child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        return new ChildResult(child.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void thePropertyStartsRecordingForAWholeRun(@TempDir Path dir) throws Exception {
        ChildResult r = runChild(dir, "-D" + LockOrderRecorder.PROPERTY + "=record");

        assertThat(r.exitCode()).as("stderr: %s", r.err()).isZero();
        assertThat(r.out()).contains("recording=true found=1");
        assertThat(r.err())
                .contains("Potential deadlock")
                .contains("alpha")
                .contains("beta")
                .contains("thread \"alpha-then-beta\"")
                .contains("thread \"beta-then-alpha\"")
                .contains("at " + LockOrderCycleMain.class.getName() + ".takeInOrder");
    }

    @Test
    void withoutThePropertyAChildJvmReportsNothing(@TempDir Path dir) throws Exception {
        ChildResult r = runChild(dir);

        assertThat(r.exitCode()).as("stderr: %s", r.err()).isZero();
        assertThat(r.out()).contains("recording=false found=0");
        assertThat(r.err()).doesNotContain("Potential deadlock");
    }
}
