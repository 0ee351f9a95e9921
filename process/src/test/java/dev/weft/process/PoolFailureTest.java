package dev.weft.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.futures.WeftFuture;
import dev.weft.process.internal.wire.ClassNotAllowedException;
import dev.weft.subprocess.Options;
import dev.weft.subprocess.Popen;
import dev.weft.subprocess.Redirect;
import dev.weft.subprocess.internal.ProcessTable;
import java.io.BufferedReader;
import java.io.NotSerializableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The failure rules of issue 5, one test each: a worker's death never takes more than its task, nothing hangs. */
@Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PoolFailureTest {

    /** Kills the JVM it runs in with SIGKILL, then waits to be gone. */
    static int killSelf(int x) throws Exception {
        new ProcessBuilder("kill", "-KILL", Long.toString(ProcessHandle.current().pid())).start().waitFor();
        Thread.sleep(60_000);
        return x;
    }

    @Test
    void aWorkerKilledMidTaskFailsThatTaskOnlyAndIsReplaced() throws Exception {
        try (Pool pool = new Pool(2)) {
            List<AsyncResult<Integer>> others = new ArrayList<>();
            AsyncResult<Integer> doomed = pool.applyAsync(PoolFailureTest::killSelf, 0);
            for (int i = 1; i <= 20; i++) {
                others.add(pool.applyAsync((Integer x) -> x * 2, i));
            }
            assertThatThrownBy(doomed::get).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(WorkerDiedException.class)
                    .hasMessageContaining("signal 9 (SIGKILL)").hasMessageContaining("task");
            WorkerDiedException died = (WorkerDiedException) doomed.exceptionNow();
            assertThat(died.signal()).hasValue(9);
            for (int i = 0; i < others.size(); i++) {
                assertThat(others.get(i).get()).isEqualTo((i + 1) * 2);
            }
            assertThat(pool.map(x -> x + 1, List.of(1, 2, 3))).containsExactly(2, 3, 4); // still usable
        }
    }

    @Test
    void withRetriesATaskWhoseWorkerDiedSucceedsOnTheNextTry(@TempDir Path dir) throws Exception {
        Path marker = dir.resolve("died-once");
        String path = marker.toString();
        try (Pool pool = Pool.builder().processes(2).retries(1).build()) {
            int result = pool.apply((String p) -> {
                Path m = Path.of(p);
                if (!Files.exists(m)) {
                    Files.createFile(m);
                    return killSelf(1);
                }
                return 42;
            }, path);
            assertThat(result).isEqualTo(42);
            assertThat(marker).exists();
        }
    }

    @Test
    void systemExitInATaskNamesTheExitCode() throws Exception {
        try (Pool pool = new Pool(1)) {
            assertThatThrownBy(() -> pool.apply((Integer x) -> { System.exit(3); return x; }, 1))
                    .isInstanceOf(CompletionException.class).cause().isInstanceOf(WorkerDiedException.class)
                    .hasMessageContaining("exited with code 3");
            assertThat(pool.apply((Integer x) -> x + 1, 1)).isEqualTo(2);
        }
    }

    @Test
    void outOfMemoryInATaskKillsOnlyThatWorker() throws Exception {
        try (Pool pool = Pool.builder().processes(1).jvm(ChildJvm.defaults().withOptions("-Xmx48m")).build()) {
            assertThatThrownBy(() -> pool.apply((Integer x) -> {
                List<long[]> hog = new ArrayList<>();
                while (true) {
                    hog.add(new long[1 << 20]);
                }
            }, 1)).isInstanceOf(CompletionException.class).cause().isInstanceOf(WorkerDiedException.class)
                    .hasMessageContaining("OutOfMemoryError");
            assertThat(pool.apply((Integer x) -> x + 1, 1)).isEqualTo(2);
        }
    }

    @Test
    void anInitializerThatAlwaysFailsBreaksThePoolAfterBoundedAttempts() throws Exception {
        Pool pool = Pool.builder().processes(2).initializer(() -> {
            throw new IllegalStateException("no database");
        }).build();
        try {
            assertThatThrownBy(() -> pool.apply((Integer x) -> x, 1))
                    .isInstanceOf(CompletionException.class).cause().isInstanceOf(BrokenPoolException.class)
                    .hasMessageContaining("no database").hasMessageContaining("in a row");
            assertThat(pool.isBroken()).isTrue();
            assertThatThrownBy(() -> pool.applyAsync((Integer x) -> x, 1)).isInstanceOf(BrokenPoolException.class);
        } finally {
            pool.terminate();
            assertThat(pool.join(Duration.ofSeconds(30))).isTrue();
        }
    }

    @Test
    void valuesThatCannotTravelFailTheirTaskAndNameTheClass() throws Exception {
        try (Pool pool = new Pool(1)) {
            assertThatThrownBy(() -> pool.apply((Object o) -> 1, new Object()))
                    .isInstanceOf(CompletionException.class).cause().isInstanceOf(NotSerializableException.class)
                    .hasMessageContaining("java.lang.Object");
            assertThatThrownBy(() -> pool.apply((Integer x) -> new Object(), 1))
                    .isInstanceOf(CompletionException.class).cause().hasMessageContaining("java.lang.Object");
            assertThatThrownBy(() -> pool.apply((Integer x) -> new AtomicLong(x), 1))
                    .isInstanceOf(CompletionException.class).cause().isInstanceOf(ClassNotAllowedException.class)
                    .hasMessageContaining("java.util.concurrent.atomic.AtomicLong");
            assertThat(pool.apply((Integer x) -> x + 1, 1)).isEqualTo(2);
        }
        try (Pool allowing = Pool.builder().processes(1).allowClass(AtomicLong.class).build()) {
            assertThat(allowing.apply((Integer x) -> new AtomicLong(x), 5).get()).isEqualTo(5);
        }
    }

    @Test
    void aTaskPastItsTimeoutHasItsWorkerKilledAndReplaced() throws Exception {
        try (Pool pool = Pool.builder().processes(1).taskTimeout(Duration.ofMillis(500)).build()) {
            long before = pool.apply((Integer x) -> ProcessHandle.current().pid(), 0);
            assertThatThrownBy(() -> pool.apply((Integer x) -> { Thread.sleep(60_000); return x; }, 1))
                    .isInstanceOf(CompletionException.class).cause().isInstanceOf(TimeoutException.class)
                    .hasMessageContaining("killed and replaced");
            long after = pool.apply((Integer x) -> ProcessHandle.current().pid(), 0);
            assertThat(after).isNotEqualTo(before);
        }
    }

    @Test
    void terminateAndJoinDoNotHangOnASpinningWorker() throws Exception {
        Pool pool = new Pool(2);
        AsyncResult<Integer> spinning = pool.applyAsync((Integer x) -> {
            while (true) {
                Thread.onSpinWait();
            }
        }, 1);
        assertThat(spinning.await(Duration.ofMillis(300))).isFalse();
        pool.closeNoWait();
        assertThat(pool.join(Duration.ofMillis(300))).isFalse(); // close waits for tasks: the spin goes on
        pool.terminate();
        assertThat(pool.join(Duration.ofSeconds(30))).isTrue();
        assertThatThrownBy(spinning::get).isInstanceOf(CancellationException.class);
        assertThat(pool.workerPids()).isEmpty();
    }

    @Test
    void closeDoesNotHangWhenWorkersAreKilledFromOutside() throws Exception {
        Pool pool = new Pool(2);
        assertThat(pool.map(x -> x, List.of(1, 2, 3, 4), 1)).hasSize(4);
        List<Long> killed = pool.workerPids();
        for (long pid : killed) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        // A task sent to a worker in the instant between its death and the pool noticing would fail
        // with WorkerDiedException (it cannot be told from one the worker was running); wait until
        // the pool has noticed both deaths.
        while (pool.workerPids().stream().anyMatch(killed::contains)) {
            Thread.onSpinWait();
        }
        assertThat(pool.map(x -> x * 3, List.of(1, 2), 1)).containsExactly(3, 6); // replaced
        pool.close();
        assertThat(pool.workerPids()).isEmpty();
    }

    @Test
    void maxTasksPerChildRecyclesWorkers() throws Exception {
        try (Pool pool = Pool.builder().processes(1).maxTasksPerChild(2).build()) {
            List<Long> pids = pool.map(x -> ProcessHandle.current().pid(), IntStream.range(0, 6).boxed().toList(), 1);
            assertThat(pids.stream().distinct()).hasSize(3);
        }
    }

    @Test
    void workersDieWithinTwoSecondsOfTheParentsSigkill() throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(javaBin, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), PoolParentMain.class.getName());
        Popen<byte[]> parent = new Popen<>(cmd, Options.defaults().stdout(Redirect.PIPE));
        try {
            BufferedReader out = parent.stdoutReader();
            String line = out.readLine();
            assertThat(line).startsWith("pids ");
            List<Long> pids = java.util.Arrays.stream(line.substring(5).split(" ")).map(Long::parseLong).toList();
            assertThat(pids).hasSize(2).allSatisfy(p -> assertThat(ProcessTable.isRunning(p)).isTrue());
            new ProcessBuilder("kill", "-KILL", Long.toString(parent.pid())).start().waitFor();
            for (long p : pids) {
                assertThat(ProcessTable.awaitGone(p, Duration.ofSeconds(2))).as("worker %d gone", p).isTrue();
            }
        } finally {
            parent.kill(); // if an assertion failed before the kill, close() must not wait for its 120 s sleep
            parent.close();
        }
    }

    @Test
    void strangersOnTheWorkersSocketAreTurnedAwayAndThePoolGoesOn() throws Exception {
        try (Pool pool = new Pool(1)) {
            assertThat(pool.apply((Integer x) -> x + 1, 1)).isEqualTo(2);
            var address = java.net.UnixDomainSocketAddress.of(dev.weft.process.internal.PrivateDirectory.socket("workers.sock"));
            try (var c = java.nio.channels.SocketChannel.open(address)) {
                assertThatThrownBy(() -> dev.weft.process.internal.wire.Handshake.connect(c,
                        dev.weft.process.internal.wire.Handshake.newKey())).isInstanceOf(AuthenticationException.class);
            }
            try (var c = java.nio.channels.SocketChannel.open(address)) {
                byte[] junk = new byte[4096];
                new java.util.Random(5).nextBytes(junk);
                c.write(java.nio.ByteBuffer.wrap(junk));
                java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(64);
                while (c.read(b) >= 0) { // the server closes the connection
                    b.clear();
                }
            } catch (java.io.IOException e) {
                // reset by the server: also closed
            }
            assertThat(pool.apply((Integer x) -> x + 2, 1)).isEqualTo(3);
        }
    }

    // ------------------------------------------------------------------ executor

    @Test
    void executorCancelTrueKillsTheRunningTasksWorker() throws Exception {
        try (ProcessPoolExecutor ex = new ProcessPoolExecutor(1)) {
            long before = ex.submit((Integer x) -> ProcessHandle.current().pid(), 0).get();
            WeftFuture<Integer> running = ex.submit((Integer x) -> { Thread.sleep(60_000); return x; }, 1);
            while (!running.running()) {
                Thread.onSpinWait(); // bounded by the test timeout; turns true as soon as the task is at its worker
            }
            assertThat(running.cancel(true)).isTrue();
            assertThat(running.isCancelled()).isTrue();
            long after = ex.submit((Integer x) -> ProcessHandle.current().pid(), 0).get();
            assertThat(after).isNotEqualTo(before);
            assertThat(ProcessTable.awaitGone(before, Duration.ofSeconds(5))).isTrue();
        }
    }

    @Test
    void executorSubmitsLambdasAndRefusesWhatCannotBeSerialized() throws Exception {
        try (ProcessPoolExecutor ex = new ProcessPoolExecutor(2)) {
            assertThat(ex.submit(() -> 6 * 7).get()).isEqualTo(42);
            assertThat(ex.submit((Integer a, Integer b) -> a + b, 2, 3).get()).isEqualTo(5);
            java.util.concurrent.Callable<Integer> plain = new java.util.concurrent.Callable<>() {
                @Override
                public Integer call() {
                    return 1;
                }
            };
            assertThatThrownBy(() -> ex.submit(plain).get()).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(NotSerializableException.class).hasMessageContaining("SerializableCallable");
            List<Integer> squares = new ArrayList<>();
            ex.map((Integer x) -> x * x, List.of(1, 2, 3)).forEach(squares::add);
            assertThat(squares).containsExactly(1, 4, 9);
            ex.shutdown(true, true);
            assertThat(ex.isTerminated()).isTrue();
            assertThatThrownBy(() -> ex.submit(() -> 1)).isInstanceOf(java.util.concurrent.RejectedExecutionException.class);
        }
    }
}
