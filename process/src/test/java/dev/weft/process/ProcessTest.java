package dev.weft.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ProcessTest {

    @Test
    void runsTheTargetInAChildJvmAndReportsExitCodeZero() throws Exception {
        long parent = ProcessHandle.current().pid();
        Process p = new Process(() -> {
            if (ProcessHandle.current().pid() == parent) {
                throw new IllegalStateException("ran in the parent");
            }
        });
        p.start();
        p.join();
        assertThat(p.exitCode()).isEqualTo(OptionalInt.of(0));
        assertThat(p.isAlive()).isFalse();
        assertThat(p.pid()).isNotEqualTo(parent);
    }

    @Test
    void aThrowingTargetExitsWithOne() throws Exception {
        Process p = new Process(() -> {
            throw new IllegalArgumentException("boom");
        });
        p.start();
        p.join();
        assertThat(p.exitCode()).isEqualTo(OptionalInt.of(1));
    }

    @Test
    void systemExitStatusIsTheExitCode() throws Exception {
        Process p = new Process(() -> System.exit(3));
        p.start();
        assertThat(p.join(Duration.ofSeconds(30))).isTrue();
        assertThat(p.exitCode()).isEqualTo(OptionalInt.of(3));
    }

    @Test
    void killedChildHasNegativeSignalExitCode() throws Exception {
        Process p = new Process(() -> Thread.sleep(60_000));
        p.start();
        assertThat(p.join(Duration.ofMillis(200))).isFalse();
        assertThat(p.isAlive()).isTrue();
        p.kill();
        p.join();
        assertThat(p.exitCode()).isEqualTo(OptionalInt.of(-9));
    }

    @Test
    void startTwiceIsRefused() throws Exception {
        Process p = new Process(() -> { });
        p.start();
        assertThatThrownBy(p::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("already started");
        p.join();
    }

    @Test
    void currentAndParentProcessInTheChild() throws Exception {
        long parent = ProcessHandle.current().pid();
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream saved = System.out;
        System.setOut(new java.io.PrintStream(captured, true));
        try {
            Process p = new Process("Counter", () -> System.out.println(Process.currentProcess().name() + " "
                    + Process.parentProcess().orElseThrow().pid() + " " + (Process.currentProcess().pid()
                    == ProcessHandle.current().pid())));
            p.start();
            p.join();
        } finally {
            System.setOut(saved);
        }
        assertThat(captured.toString()).isEqualTo("Counter " + parent + " true\n");
        assertThat(Process.currentProcess().name()).isEqualTo("MainProcess");
        assertThat(Process.parentProcess()).isEmpty();
        assertThat(Process.cpuCount()).isPositive();
    }

    @Test
    void aFailingTargetsStackTraceIsPrintedUnderTheProcessName() throws Exception {
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream saved = System.err;
        System.setErr(new java.io.PrintStream(captured, true));
        try {
            Process p = new Process("Failing", () -> {
                throw new IllegalStateException("broken target");
            });
            p.start();
            p.join();
            assertThat(p.exitCode()).hasValue(1);
        } finally {
            System.setErr(saved);
        }
        assertThat(captured.toString()).startsWith("Process Failing:\njava.lang.IllegalStateException: broken target\n\tat ");
    }

    @Test
    void prefixedOutputNamesTheChild() throws Exception {
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream saved = System.out;
        System.setOut(new java.io.PrintStream(captured, true));
        try {
            Process p = new Process("Talker", () -> {
                System.out.println("one");
                System.out.print("two (no newline)");
            }).jvm(ChildJvm.defaults().withPrefixedOutput());
            p.start();
            p.join();
        } finally {
            System.setOut(saved);
        }
        assertThat(captured.toString()).isEqualTo("[Talker] one\n[Talker] two (no newline)\n");
    }

    @Test
    void terminateGivesMinusFifteen() throws Exception {
        Process p = new Process(() -> Thread.sleep(60_000));
        p.start();
        p.terminate();
        p.join();
        assertThat(p.exitCode()).hasValue(-15);
        assertThat(Process.activeChildren()).doesNotContain(p);
    }

    @Test
    void aSubclassOverridingRunIsCopiedToTheChild() throws Exception {
        Greeter g = new Greeter("bob");
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream saved = System.out;
        System.setOut(new java.io.PrintStream(captured, true));
        try {
            g.start();
            g.join();
        } finally {
            System.setOut(saved);
        }
        assertThat(g.exitCode()).hasValue(0);
        assertThat(captured.toString()).isEqualTo("hello bob\n");
    }

    static final class Greeter extends Process {
        private final String who;

        Greeter(String who) {
            this.who = who;
        }

        @Override
        public void run() {
            System.out.println("hello " + who);
        }
    }

    @Test
    void aWarmSpareIsTakenByStart() throws Exception {
        ChildJvm spec = ChildJvm.defaults().withSystemProperty("weft.test.spares", "1");
        spec.keepWarm(1);
        try {
            while (dev.weft.process.internal.worker.Spares.readyPids(spec).isEmpty()) {
                Thread.onSpinWait(); // bounded by the test's timeout
            }
            long spare = dev.weft.process.internal.worker.Spares.readyPids(spec).get(0);
            Process p = new Process(() -> { }).jvm(spec);
            p.start();
            assertThat(p.pid()).isEqualTo(spare);
            p.join();
            assertThat(p.exitCode()).hasValue(0);
        } finally {
            spec.keepWarm(0);
        }
    }

    /**
     * A target whose class records whether, when it was initialized in the child, the worker was
     * connected to its parent yet (its socket reader thread exists only then).
     */
    static final class PreparedTarget {
        static final String INITIALIZED = Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("weft-worker-reader")) ? "connected" : "before connecting";

        static dev.weft.function.ThrowingRunnable reporting(Queue<String> to, int n) {
            return () -> to.put(INITIALIZED + ":" + n);
        }
    }

    @Test
    void aSpareStartedAfterAProcessPreparesItsTargetWithoutItsCapturedValues() throws Exception {
        ChildJvm spec = ChildJvm.defaults().withSystemProperty("weft.test.preload", "1");
        spec.keepWarm(1);
        Queue<String> reports = new Queue<>();
        try {
            // The first spare knew nothing of the target: its class is initialized as the task is
            // decoded, once the worker is connected.
            long first = awaitSpare(spec, -1);
            Process p = new Process(PreparedTarget.reporting(reports, 5)).jvm(spec);
            p.start();
            p.join();
            assertThat(p.exitCode()).hasValue(0);
            assertThat(reports.get(Duration.ofSeconds(30))).isEqualTo("connected:5");
            // Its replacement, started after that process, initialized the class (through the
            // lambda's $deserializeLambda$) before it connected; the task still gets its own
            // captured values.
            awaitSpare(spec, first);
            Process q = new Process(PreparedTarget.reporting(reports, 6)).jvm(spec);
            q.start();
            q.join();
            assertThat(q.exitCode()).hasValue(0);
            assertThat(reports.get(Duration.ofSeconds(30))).isEqualTo("before connecting:6");
        } finally {
            spec.keepWarm(0);
            reports.close();
        }
    }

    /** Waits (bounded by the test's timeout) for a ready spare of {@code spec} other than {@code not}. */
    private static long awaitSpare(ChildJvm spec, long not) throws InterruptedException {
        while (true) {
            java.util.List<Long> ready = dev.weft.process.internal.worker.Spares.readyPids(spec);
            if (!ready.isEmpty() && ready.get(0) != not) {
                return ready.get(0);
            }
            Thread.sleep(5);
        }
    }

    @Test
    void atTheEndOfMainNonDaemonChildrenAreJoinedAndDaemonsKilled() throws Exception {
        String javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var result = dev.weft.subprocess.Subprocess.run(java.util.List.of(javaBin, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), ProcessExitMain.class.getName()),
                dev.weft.subprocess.Options.defaults().captureOutput().text().timeout(Duration.ofSeconds(60)));
        assertThat(result.returncode()).isZero();
        String out = result.stdout();
        assertThat(out).contains("main returns\n").endsWith("non-daemon child finished\n");
        long daemon = Long.parseLong(out.lines().filter(l -> l.startsWith("daemon ")).findFirst().orElseThrow().substring(7));
        assertThat(dev.weft.subprocess.internal.ProcessTable.awaitGone(daemon, Duration.ofSeconds(5))).isTrue();
    }
}
