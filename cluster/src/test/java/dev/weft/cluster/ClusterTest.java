package dev.weft.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.cluster.Member;
import dev.weft.cluster.internal.Dispatcher;
import dev.weft.futures.WeftFuture;
import dev.weft.process.AsyncResult;
import dev.weft.process.PoolIterator;
import dev.weft.process.TaskPool;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.example.outside.Gadget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Three worker members in child JVMs on loopback, and this JVM as a lite member driving them. The
 * tests that kill a member run last, each starting a replacement, so every test sees three workers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ClusterTest {
    private Members members;
    private Cluster cluster;

    @BeforeAll
    void startMembers() throws InterruptedException {
        members = new Members().start(3);
        cluster = members.driver;
    }

    @AfterAll
    void stopMembers() throws InterruptedException {
        if (members != null) {
            members.close();
        }
    }

    // ------------------------------------------------------------------ pool

    @Test
    @Order(1)
    void mapReturnsResultsInOrderAndSpreadsOverTheMembers() throws InterruptedException {
        try (ClusterPool pool = cluster.pool()) {
            assertThat(pool.processes()).isEqualTo(6); // 3 members x 2 threads
            List<Integer> items = IntStream.range(0, 1000).boxed().toList();
            List<Integer> squares = pool.map(x -> x * x, items);
            assertThat(squares).isEqualTo(items.stream().map(x -> x * x).toList());
            List<Long> pids = pool.map(x -> ProcessHandle.current().pid(), items, 1);
            assertThat(new HashSet<>(pids)).hasSize(3).doesNotContain(ProcessHandle.current().pid());
        }
    }

    @Test
    @Order(1)
    void theSameCodeRunsOnALocalPoolAndOnTheCluster() throws Exception {
        TaskPool pool = cluster.pool();
        try (pool) {
            String hi = pool.apply(s -> s + "!", "hi");
            assertThat(hi).isEqualTo("hi!");
            AsyncResult<Integer> r = pool.applyAsync(x -> x + 1, 41);
            assertThat(r.get(Duration.ofSeconds(60))).isEqualTo(42);
            assertThat(pool.starmap((String a, Integer b) -> a.repeat(b), List.of(Map.entry("ab", 2), Map.entry("c", 3))))
                    .containsExactly("abab", "ccc");
            try (PoolIterator<Integer> it = pool.imap(x -> x * 2, List.of(1, 2, 3))) {
                List<Integer> out = new ArrayList<>();
                it.forEach(out::add);
                assertThat(out).containsExactly(2, 4, 6);
            }
            Set<Integer> unordered = new HashSet<>();
            pool.<Integer, Integer>imapUnordered(x -> x * 3, List.of(1, 2, 3), 2).forEach(unordered::add);
            assertThat(unordered).containsExactlyInAnyOrder(3, 6, 9);
        }
    }

    @Test
    @Order(1)
    void aTasksExceptionFailsThatTaskOnlyWithTheMembersStackTrace() throws InterruptedException {
        try (ClusterPool pool = cluster.pool()) {
            assertThatThrownBy(() -> pool.map(x -> 10 / x, List.of(1, 0, 2)))
                    .isInstanceOf(CompletionException.class)
                    .hasCauseInstanceOf(ArithmeticException.class);
            assertThat(pool.map(x -> 10 / x, List.of(1, 2, 5))).containsExactly(10, 5, 2);
        }
    }

    @Test
    @Order(1)
    void aClassOutsideTheAllowlistFailsItsTaskNamingTheClassAndThePoolGoesOn() throws InterruptedException {
        try (ClusterPool pool = cluster.pool()) {
            AsyncResult<Object> sent = pool.applyAsync(g -> "decoded", new Gadget("x"));
            assertThatThrownBy(() -> sent.get(Duration.ofSeconds(60)))
                    .isInstanceOf(ExecutionException.class)
                    .hasStackTraceContaining("org.example.outside.Gadget");
            AsyncResult<Object> back = pool.applyAsync(s -> new Gadget(s), "y");
            assertThatThrownBy(() -> back.get(Duration.ofSeconds(60)))
                    .isInstanceOf(ExecutionException.class)
                    .hasStackTraceContaining("org.example.outside.Gadget");
            Integer two = pool.apply(x -> x + 1, 1);
            assertThat(two).isEqualTo(2);
        }
    }

    @Test
    @Order(1)
    void anUnserializableFunctionIsRefusedAtOnce() throws InterruptedException {
        try (ClusterPool pool = cluster.pool()) {
            dev.weft.function.ThrowingFunction<Integer, Integer> plain = new dev.weft.function.ThrowingFunction<>() {
                @Override
                public Integer apply(Integer x) {
                    return x;
                }
            };
            assertThatThrownBy(() -> pool.map(plain, List.of(1))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("cannot be sent").hasMessageContaining(ClusterTest.class.getName());
            AsyncResult<Object> bad = pool.applyAsync(x -> x, new Object());
            assertThatThrownBy(() -> bad.get(Duration.ofSeconds(10))).isInstanceOf(ExecutionException.class)
                    .hasMessageContaining("java.lang.Object");
        }
    }

    @Test
    @Order(1)
    void closedPoolsRefuseTasksAndJoinNeedsAClosedPool() throws InterruptedException {
        ClusterPool pool = cluster.pool();
        assertThatThrownBy(pool::join).isInstanceOf(IllegalStateException.class).hasMessageContaining("still open");
        AsyncResult<Integer> r = pool.applyAsync(x -> x, 7);
        pool.closeNoWait();
        assertThatThrownBy(() -> pool.applyAsync(x -> x, 1)).isInstanceOf(IllegalStateException.class);
        assertThat(pool.join(Duration.ofSeconds(60))).isTrue();
        assertThat(r.resultNow()).isEqualTo(7);
        assertThatThrownBy(() -> pool.join(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @Order(1)
    void terminateCancelsRunningTasksWithoutWaitingForThem() throws InterruptedException {
        ClusterPool pool = cluster.pool();
        List<AsyncResult<Object>> running = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            running.add(pool.applyAsync(x -> {
                Thread.sleep(600_000); // interrupted by terminate
                return x;
            }, i));
        }
        pool.terminate();
        assertThat(pool.join(Duration.ofSeconds(30))).isTrue();
        assertThat(running).allMatch(WeftFuture::isCancelled);
        try (ClusterPool again = cluster.pool()) { // the members' threads are free again
            assertThat(again.map(x -> x + 1, IntStream.range(0, 12).boxed().toList(), 1)).hasSize(12);
        }
    }

    // ------------------------------------------------------------------ executor

    @Test
    @Order(1)
    void theExecutorRunsCallablesAndFunctions() throws Exception {
        String name = Long.toString(System.nanoTime());
        try (ClusterExecutor ex = cluster.executor()) {
            WeftFuture<String> f = ex.submit(() -> "ran in " + ProcessHandle.current().pid());
            assertThat(f.get(60, TimeUnit.SECONDS)).startsWith("ran in ").doesNotEndWith(" " + ProcessHandle.current().pid());
            assertThat(ex.submit((Integer a, Integer b) -> a * b, 6, 7).get(60, TimeUnit.SECONDS)).isEqualTo(42);
            Runnable r = (Runnable & Serializable) () -> Cluster.current().dict("ran-" + name).put("ran", true);
            assertThat(ex.submit(r, "done").get(60, TimeUnit.SECONDS)).isEqualTo("done");
            assertThat(cluster.<String, Boolean>dict("ran-" + name).get("ran")).isTrue();
            List<Integer> out = new ArrayList<>();
            ex.map((Integer x) -> x - 1, List.of(1, 2, 3)).forEachRemaining(out::add);
            assertThat(out).containsExactly(0, 1, 2);
            Callable<Integer> notSerializable = new Callable<>() {
                @Override
                public Integer call() {
                    return 1;
                }
            };
            assertThatThrownBy(() -> ex.submit(notSerializable).get()).hasCauseInstanceOf(java.io.NotSerializableException.class);
        }
    }

    @Test
    @Order(1)
    void cancellingARunningTaskInterruptsItOnItsMember() throws Exception {
        try (ClusterExecutor ex = cluster.executor()) {
            ClusterQueue<String> started = cluster.queue("cancel-started-" + System.nanoTime());
            String q = started.name();
            WeftFuture<Object> f = ex.submit(() -> {
                Cluster.current().<String>queue(q).put("started");
                Thread.sleep(600_000);
                return "not interrupted";
            });
            assertThat(started.get(Duration.ofSeconds(60))).isEqualTo("started");
            assertThat(f.cancel(true)).isTrue();
            assertThat(f.isCancelled()).isTrue();
            assertThat(ex.submit(() -> 5).get(60, TimeUnit.SECONDS)).isEqualTo(5);
        }
    }

    // ------------------------------------------------------------------ structures

    @Test
    @Order(1)
    void dictWritesFromEveryMemberAreVisibleEverywhere() throws InterruptedException {
        ClusterDict<Integer, Long> seen = cluster.dict("seen-" + System.nanoTime());
        String name = seen.name();
        try (ClusterPool pool = cluster.pool()) {
            List<Long> pids = pool.map(i -> {
                long pid = ProcessHandle.current().pid();
                Cluster.current().<Integer, Long>dict(name).put(i, pid);
                return pid;
            }, IntStream.range(0, 300).boxed().toList(), 1);
            assertThat(seen).hasSize(300);
            for (int i = 0; i < 300; i++) {
                assertThat(seen.get(i)).isEqualTo(pids.get(i));
            }
            assertThat(new HashSet<>(seen.values())).hasSize(3);
            // and every member reads every write
            List<Integer> sizes = pool.map(i -> Cluster.current().dict(name).size(), List.of(1, 2, 3, 4, 5, 6), 1);
            assertThat(sizes).containsOnly(300);
        }
        assertThat(seen.putIfAbsent(0, 1L)).isNotNull();
        assertThat(seen.replace(0, seen.get(0), -1L)).isTrue();
        assertThat(seen.get(0)).isEqualTo(-1L);
    }

    @Test
    @Order(1)
    void anExchangeMessageReachesSubscribersOnEveryMember() throws Exception {
        String topic = "news-" + System.nanoTime();
        String got = "got-" + System.nanoTime();
        // one subscriber in each worker member, each recording what it got under its pid
        List<Member> workers = new ArrayList<>();
        for (Member m : cluster.hazelcast().getCluster().getMembers()) {
            if (Dispatcher.isWorker(m)) {
                workers.add(m);
            }
        }
        assertThat(workers).hasSize(3);
        Map<Member, java.util.concurrent.Future<Boolean>> subscribed = cluster.hazelcast()
                .getExecutorService("subscribe-test").submitToMembers(new Subscribe(topic, got), workers);
        for (java.util.concurrent.Future<Boolean> f : subscribed.values()) {
            assertThat(f.get(60, TimeUnit.SECONDS)).isTrue();
        }
        ClusterDict<Long, String> received = cluster.dict(got);
        List<String> local = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (ClusterExchange<String> exchange = cluster.<String>exchange(topic)) {
            exchange.attach(local::add);
            exchange.send("hello");
            // each member's subscriber writes the dict; wait on the dict's own change events
            assertThat(dev.weft.cluster.internal.ChangeWaiter.await(received.imap(), null, () -> received.size() == 3,
                    Duration.ofSeconds(60).toNanos())).isTrue();
            assertThat(received.values()).containsOnly("hello");
        }
        assertThat(local).containsExactly("hello");
    }

    /** Subscribes, in the member it runs on, to {@code topic}: each message is put in the dict {@code got} under the member's pid. */
    record Subscribe(String topic, String got) implements Callable<Boolean>, Serializable {
        @Override
        public Boolean call() {
            Cluster c = Cluster.current();
            ClusterDict<Long, String> out = c.dict(got);
            c.<String>exchange(topic).attach(m -> out.put(ProcessHandle.current().pid(), m));
            return true;
        }
    }

    @Test
    @Order(1)
    void queueJoinWaitsForEveryTaskDoneAcrossMembers() throws InterruptedException {
        ClusterQueue<Integer> q = cluster.queue("work-" + System.nanoTime());
        String name = q.name();
        for (int i = 0; i < 20; i++) {
            q.put(i);
        }
        assertThat(q.unfinishedTasks()).isEqualTo(20);
        assertThat(q.join(Duration.ZERO)).isFalse();
        try (ClusterPool pool = cluster.pool()) {
            AsyncResult<List<Integer>> consumers = pool.mapAsync(k -> {
                ClusterQueue<Integer> in = Cluster.current().queue(name);
                int n = 0;
                for (Integer item; (item = in.get(Duration.ofMillis(500))) != null; n++) {
                    in.taskDone();
                }
                return n;
            }, List.of(1, 2, 3), 1);
            q.join();
            assertThat(q.unfinishedTasks()).isZero();
            assertThat(consumers.get(Duration.ofSeconds(60)).stream().mapToInt(Integer::intValue).sum()).isEqualTo(20);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError(e);
        }
        assertThatThrownBy(q::taskDone).isInstanceOf(IllegalStateException.class).hasMessageContaining("more times");
        assertThatThrownBy(() -> q.put(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    @Order(1)
    void lockExcludesAcrossProcessesAndSemaphoreCountsExactly() throws InterruptedException {
        String lockName = "lock-" + System.nanoTime();
        String counter = "count-" + System.nanoTime();
        try (ClusterPool pool = cluster.pool()) {
            // 6 tasks on 3 members each add 50 times to a dict entry read-modify-write under the lock
            pool.map(i -> {
                Cluster c = Cluster.current();
                ClusterLock lock = c.lock(lockName);
                ClusterDict<String, Integer> d = c.dict(counter);
                for (int k = 0; k < 50; k++) {
                    lock.acquire();
                    try {
                        Integer v = d.get("n");
                        d.put("n", v == null ? 1 : v + 1);
                    } finally {
                        lock.release();
                    }
                }
                return i;
            }, List.of(1, 2, 3, 4, 5, 6), 1);
        }
        assertThat(cluster.<String, Integer>dict(counter).get("n")).isEqualTo(300);
        ClusterSemaphore s = cluster.semaphore("sem-" + System.nanoTime(), 2);
        assertThat(s.acquire(Duration.ZERO)).isTrue();
        assertThat(s.tryAcquire()).isTrue();
        assertThat(s.acquire(Duration.ofMillis(100))).isFalse();
        s.releaseBounded();
        assertThat(s.availablePermits()).isEqualTo(1);
        s.release();
        assertThatThrownBy(s::releaseBounded).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> s.acquire(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    // ------------------------------------------------------------------ members dying

    @Test
    @Order(2)
    void queueItemsSurviveTheDeathOfTheMemberHoldingThem() throws InterruptedException {
        ClusterQueue<String> q = cluster.queue("survive-" + System.nanoTime());
        for (int i = 0; i < 100; i++) {
            q.put("item-" + i);
        }
        Member owner = cluster.hazelcast().getPartitionService().getPartition(q.name()).getOwner();
        long pid = Dispatcher.pid(owner);
        members.kill(pid);
        List<String> drained = new ArrayList<>();
        q.drainTo(drained);
        assertThat(drained).isEqualTo(IntStream.range(0, 100).mapToObj(i -> "item-" + i).toList());
        members.start(1);
    }

    @Test
    @Order(3)
    void locksAndPermitsOfAKilledMemberAreGivenBack() throws Exception {
        String lockName = "held-" + System.nanoTime();
        ClusterSemaphore sem = cluster.semaphore("held-sem-" + System.nanoTime(), 1);
        String semName = sem.name();
        try (ClusterExecutor ex = cluster.executor()) {
            long pid = ex.submit(() -> {
                Cluster c = Cluster.current();
                c.lock(lockName).lock(); // held by a pool thread of that member, never released
                if (!c.semaphore(semName, 1).tryAcquire()) {
                    throw new IllegalStateException("no permit");
                }
                return ProcessHandle.current().pid();
            }).get(60, TimeUnit.SECONDS);
            ClusterLock lock = cluster.lock(lockName);
            assertThat(lock.locked()).isTrue();
            assertThat(lock.acquire(Duration.ZERO)).isFalse();
            assertThat(sem.availablePermits()).isZero();
            members.kill(pid);
            assertThat(lock.acquire(Duration.ofSeconds(60))).isTrue();
            lock.release();
            assertThat(sem.acquire(Duration.ofSeconds(60))).isTrue();
        }
        members.start(1);
    }

    @Test
    @Order(4)
    void aTenThousandTaskMapLosesNothingWhenAMemberIsKilledHalfWay() throws InterruptedException {
        List<Integer> items = IntStream.range(0, 10_000).boxed().toList();
        long victim = cluster.workers().get(1).pid();
        List<Integer> out = new ArrayList<>(items.size());
        try (ClusterPool pool = cluster.pool(); PoolIterator<Integer> results = pool.imap(x -> {
            Thread.sleep(0, 200_000); // a little work, so tasks are in flight on every member
            return x * 3;
        }, items, 5)) {
            for (Integer r : results) {
                out.add(r);
                if (out.size() == 5_000) {
                    members.kill(victim);
                }
            }
        }
        assertThat(out).hasSize(10_000);
        assertThat(out).isEqualTo(items.stream().map(x -> x * 3).toList());
        assertThat(cluster.workers()).hasSize(2);
    }
}
