package dev.weft.process;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Manager's objects, from this process and from children, on one server started once. */
@Timeout(value = 60, unit = SECONDS, threadMode = SEPARATE_THREAD)
class ManagerTest {
    /** A user type registered with the manager. */
    public interface Counter {
        int add(int n);

        int value();

        void fail(String message);

        Object echo(Object o);
    }

    /** Its implementation, made in the server. */
    public static final class CounterImpl implements Counter {
        private int value;

        @Override
        public synchronized int add(int n) {
            value += n;
            return value;
        }

        @Override
        public synchronized int value() {
            return value;
        }

        @Override
        public void fail(String message) {
            throw new IllegalStateException(message);
        }

        @Override
        public Object echo(Object o) {
            return o;
        }
    }

    record Point(int x, int y) {}

    private static Manager manager;

    @BeforeAll
    static void start() throws Exception {
        manager = Manager.builder().register("Counter", Counter.class, CounterImpl::new).start();
    }

    @AfterAll
    static void stop() {
        if (manager != null) {
            manager.shutdown();
        }
    }

    @Test
    void theServerRunsInAChildProcess() {
        assertThat(manager.pid()).isNotEqualTo(ProcessHandle.current().pid());
        assertThat(ProcessHandle.of(manager.pid())).isPresent();
        assertThat(manager.address()).isInstanceOf(Address.Unix.class);
        assertThat(manager.registeredTypes()).containsExactly("Counter");
    }

    @Test
    void aDictBehavesAsAConcurrentMap() {
        DictProxy<String, Integer> d = manager.dict(Map.of("a", 1));
        assertThat(d.put("b", 2)).isNull();
        assertThat(d.put("b", 3)).isEqualTo(2);
        assertThat(d.get("b")).isEqualTo(3);
        assertThat(d.get("zz")).isNull();
        assertThat(d.containsKey("a")).isTrue();
        assertThat(d.containsValue(3)).isTrue();
        assertThat(d.size()).isEqualTo(2);
        assertThat(d.putIfAbsent("a", 9)).isEqualTo(1);
        assertThat(d.replace("a", 1, 10)).isTrue();
        assertThat(d.replace("a", 1, 11)).isFalse();
        assertThat(d.merge("a", 5, Integer::sum)).isEqualTo(15);
        assertThat(d.remove("b", 99)).isFalse();
        assertThat(d.remove("b")).isEqualTo(3);
        d.putAll(Map.of("c", 3));
        assertThat(d.keySet()).containsExactly("a", "c");
        assertThat(d).isEqualTo(Map.of("a", 15, "c", 3));
        d.entrySet().removeIf(e -> e.getKey().equals("c"));
        assertThat(d.copy()).isEqualTo(Map.of("a", 15));
        assertThatThrownBy(() -> d.put(null, 1)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> d.put("x", (Integer) null)).isInstanceOf(NullPointerException.class);
        d.clear();
        assertThat(d.isEmpty()).isTrue();
    }

    @Test
    void recordsAreKeysByValue() {
        DictProxy<Point, String> d = manager.dict();
        d.put(new Point(1, 2), "p");
        assertThat(d.get(new Point(1, 2))).isEqualTo("p");
    }

    @Test
    void aListAndAnArray() {
        ListProxy<String> l = manager.list(List.of("a", "b"));
        l.add("c");
        l.add(0, "z");
        assertThat(l).containsExactly("z", "a", "b", "c");
        assertThat(l.indexOf("b")).isEqualTo(2);
        assertThat(l.remove("a")).isTrue();
        assertThat(l.set(0, "y")).isEqualTo("z");
        assertThat(l.remove(0)).isEqualTo("y");
        assertThat(l.copy()).containsExactly("b", "c");
        assertThatThrownBy(() -> l.get(5)).isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("5");
        ListProxy<Integer> a = manager.array(List.of(0, 0, 0));
        a.set(1, 7);
        assertThat(a).containsExactly(0, 7, 0);
        assertThatThrownBy(() -> a.add(1)).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("fixed length");
    }

    @Test
    void aNamespaceAndAValue() {
        Namespace ns = manager.namespace();
        ns.set("x", 10);
        ns.set("y", "a");
        assertThat((Integer) ns.get("x")).isEqualTo(10);
        assertThat(ns.toString()).isEqualTo("Namespace(x=10, y=a)");
        assertThatThrownBy(() -> ns.get("nope")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
        ns.delete("y");
        assertThat(ns.has("y")).isFalse();
        ValueProxy<Integer> v = manager.value(0);
        v.set(5);
        assertThat(v.get()).isEqualTo(5);
        assertThat(v.compareAndSet(5, 6)).isTrue();
        assertThat(v.compareAndSet(5, 7)).isFalse();
        assertThat(v.getAndSet(8)).isEqualTo(6);
    }

    @Test
    void childrenUpdateADictTheParentReads() throws Exception {
        // seed 001's runInParallel: each child does res.update({a: n})
        DictProxy<Integer, Integer> res = manager.dict();
        List<Process> procs = new ArrayList<>();
        for (int a = 1; a <= 3; a++) {
            int key = a;
            Process p = new Process(() -> res.putAll(Map.of(key, key * 10)));
            p.start();
            procs.add(p);
        }
        for (Process p : procs) {
            p.join();
            assertThat(p.exitCode()).isEqualTo(OptionalInt.of(0));
        }
        assertThat(res).isEqualTo(Map.of(1, 10, 2, 20, 3, 30));
    }

    @Test
    void aManagerQueueTakesPutsFromPoolTasks() throws Exception {
        Queue<Integer> q = manager.queue();
        try (ProcessPoolExecutor executor = new ProcessPoolExecutor(2)) {
            for (int i = 1; i <= 5; i++) {
                int n = i;
                executor.submit(() -> {
                    q.put(n * n);
                    return null;
                });
            }
        }
        List<Integer> got = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            got.add(q.get(Duration.ofSeconds(20)));
        }
        assertThat(got).containsExactlyInAnyOrder(1, 4, 9, 16, 25);
        JoinableQueue<String> jq = manager.joinableQueue(1);
        jq.put("x");
        assertThat(jq.offer("y")).isFalse();
        assertThat(jq.take()).isEqualTo("x");
        jq.taskDone();
        assertThat(jq.join(Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void aRegisteredTypeIsCalledInTheServer() {
        Counter c = manager.create("Counter", Counter.class);
        assertThat(c.add(2)).isEqualTo(2);
        assertThat(c.add(3)).isEqualTo(5);
        assertThat(c.value()).isEqualTo(5);
        assertThatThrownBy(() -> c.fail("boom")).isInstanceOf(ProcessException.class)
                .hasMessageContaining("java.lang.IllegalStateException: boom");
        assertThatThrownBy(() -> manager.create("Nope", Counter.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Nope").hasMessageContaining("Counter");
        assertThat(c.echo(List.of("a", 1))).isEqualTo(List.of("a", 1));
        // The server decodes call arguments only into allowed classes; the call fails alone.
        assertThatThrownBy(() -> c.echo(new java.util.concurrent.atomic.AtomicInteger(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.util.concurrent.atomic.AtomicInteger")
                .hasMessageContaining("Manager.builder().allowClass");
        assertThat(c.value()).isEqualTo(5);
    }

    @Test
    void anotherProcessConnectsWithTheAddressAndKey() throws Exception {
        DictProxy<String, String> d = manager.dict();
        String address = manager.address().toString();
        byte[] key = manager.authkey();
        Process p = new Process(() -> {
            Manager m = Manager.connect(Address.parse(address), key);
            ListProxy<String> l = m.list();
            l.add("from child");
            d.put("list-size", String.valueOf(l.size()));
        });
        p.start();
        p.join();
        assertThat(p.exitCode()).isEqualTo(OptionalInt.of(0));
        assertThat(d.get("list-size")).isEqualTo("1");
    }

    @Test
    void aWrongKeyIsRefusedAndTheServerServesTheOthers() {
        assertThatThrownBy(() -> Manager.connect(manager.address(), "wrong".getBytes()))
                .isInstanceOf(AuthenticationException.class);
        DictProxy<String, Integer> d = manager.dict();
        d.put("still", 1);
        assertThat(d.get("still")).isEqualTo(1);
    }

    @Test
    void aConnectedManagerCannotShutTheServerDown() {
        Manager other = Manager.connect(manager.address(), manager.authkey());
        assertThatThrownBy(other::shutdown).isInstanceOf(IllegalStateException.class);
        other.close(); // a no-op for a connected one
        assertThat(manager.dict().size()).isZero();
    }

    @Test
    void anItemOverTheFrameBoundFailsAlone() throws Exception {
        try (Manager small = Manager.builder().inProcess().maxFrameSize(4096).start()) {
            DictProxy<String, byte[]> d = small.dict();
            assertThatThrownBy(() -> d.put("big", new byte[10_000])).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("over the limit");
            d.put("small", new byte[10]);
            assertThat(d.get("small")).hasSize(10);
        }
    }

    @Test
    void killingTheServerFailsEveryProxyAtOnce() throws Exception {
        Manager doomed = Manager.start();
        DictProxy<String, Integer> d = doomed.dict();
        Queue<String> q = doomed.queue();
        d.put("a", 1);
        CompletableFuture<Throwable> waiting = new CompletableFuture<>();
        Thread.ofPlatform().start(() -> {
            try {
                q.take();
                waiting.complete(null);
            } catch (Throwable t) {
                waiting.complete(t);
            }
        });
        ProcessHandle.of(doomed.pid()).orElseThrow().destroyForcibly();
        assertThat(waiting.get(20, TimeUnit.SECONDS)).isInstanceOf(ManagerUnavailableException.class)
                .hasMessageContaining(doomed.address().toString());
        assertThatThrownBy(() -> d.get("a")).isInstanceOf(ManagerUnavailableException.class);
        assertThatThrownBy(doomed::dict).isInstanceOf(ManagerUnavailableException.class);
        doomed.shutdown(); // the server is gone: nothing to do, no hang
    }

    @Test
    void aShutDownManagerRefusesNewObjects() throws Exception {
        Manager m = Manager.builder().inProcess().start();
        DictProxy<String, Integer> d = m.dict();
        m.shutdown();
        assertThatThrownBy(m::dict).isInstanceOf(ManagerUnavailableException.class).hasMessageContaining("shut down");
        assertThatThrownBy(() -> d.put("a", 1)).isInstanceOf(ManagerUnavailableException.class);
    }

    @Test
    void shutdownReturnsOnlyOnceTheServerIsClosedAndItsSocketRemoved(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        // The server's own shutdown call closes it on another thread too; shutdown() must not
        // return while that close is still under way (a process exiting right after would leave
        // its socket file behind). Several rounds, since it is a race.
        for (int round = 0; round < 20; round++) {
            java.nio.file.Path socket = dir.resolve("m" + round + ".sock");
            Manager m = Manager.builder().inProcess().address(Address.unix(socket)).start();
            m.dict().put("k", round);
            assertThat(socket).exists();
            m.shutdown();
            assertThat(socket).as("round " + round).doesNotExist();
        }
    }

    @Test
    void aTcpServerOnLoopback() throws Exception {
        try (Manager m = Manager.builder().inProcess().address(Address.loopback(0)).authkey("k".getBytes()).start()) {
            assertThat(m.address()).isInstanceOf(Address.Tcp.class);
            assertThat(((Address.Tcp) m.address()).port()).isPositive();
            Manager client = Manager.connect(m.address(), "k".getBytes());
            ListProxy<Integer> l = client.list(List.of(1, 2));
            assertThat(l).containsExactly(1, 2);
        }
    }

    @Test
    void callersInterruptedAgainAndAgainNeitherFailNorBreakTheConnection() throws Exception {
        // A caller writes its own request and may read its reply itself: its socket is non-blocking,
        // so an interrupt, which closes a blocking channel, must not fail the shared connection.
        Map<String, Integer> d = manager.dict();
        int threads = 4;
        int each = 2_000;
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        List<Thread> writers = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            String key = "interrupted-" + t;
            writers.add(Thread.ofPlatform().start(() -> {
                started.countDown();
                try {
                    for (int i = 1; i <= each; i++) {
                        d.put(key, i);
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        Thread interrupter = Thread.ofPlatform().start(() -> {
            while (!done.get()) {
                for (Thread w : writers) {
                    w.interrupt();
                }
                Thread.onSpinWait();
            }
        });
        started.await();
        for (Thread w : writers) {
            w.join();
        }
        done.set(true);
        interrupter.join();
        assertThat(failures).isEmpty();
        for (int t = 0; t < threads; t++) {
            assertThat(d.get("interrupted-" + t)).isEqualTo(each);
        }
        assertThat(d.get("interrupted-0")).isEqualTo(each); // and the connection still serves this thread
    }
}
