package dev.weft.process;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD;

import dev.weft.process.internal.hub.HubClient;
import dev.weft.process.internal.hub.ItemCodec;
import dev.weft.process.internal.hub.RemoteRef;
import dev.weft.queue.QueueEmptyException;
import dev.weft.queue.QueueFullException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Process {@link Queue}, {@link JoinableQueue} and {@link SimpleQueue}: Python's methods in the
 * owner, through a handle that goes over the owner's socket (in this JVM, for speed), and across
 * real child JVMs.
 */
@Timeout(value = 30, unit = SECONDS, threadMode = SEPARATE_THREAD)
class ProcessQueueTest {
    private static final Duration SHORT = Duration.ofMillis(100);


    /** A handle on {@code q} that talks to this JVM's hub over its socket, as another process would. */
    @SuppressWarnings("unchecked")
    static <E, Q extends Queue<E>> Q remote(Q q) {
        RemoteRef ref = q.backend.export(q.kind());
        QueueBackend backend = new QueueBackend.Remote(ref, HubClient.of(ref));
        return (Q) (q instanceof JoinableQueue<?> ? new JoinableQueue<E>(backend) : new Queue<E>(backend));
    }

    @Test
    void fifoWithPythonsMethodsInTheOwnerAndThroughTheSocket() throws Exception {
        Queue<Integer> owner = new Queue<>();
        Queue<Integer> remote = remote(owner);
        for (Queue<Integer> q : List.of(owner, remote)) {
            q.put(1);
            q.put(2, SHORT);
            q.putNowait(3);
            assertThat(q.offer(4)).isTrue();
            assertThat(q.qsize()).isEqualTo(4);
            assertThat(q.empty()).isFalse();
            assertThat(q.full()).isFalse();
            assertThat(q.peek()).isEqualTo(1);
            assertThat(List.of(q.get(), q.get(SHORT), q.getNowait(), q.poll())).containsExactly(1, 2, 3, 4);
            assertThat(q.poll()).isNull();
            assertThatThrownBy(q::getNowait).isInstanceOf(QueueEmptyException.class);
            assertThatThrownBy(() -> q.get(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> q.put(null)).isInstanceOf(NullPointerException.class);
            q.put(5);
            q.put(6);
            q.put(7);
            assertThat(q).containsExactly(5, 6, 7); // a snapshot
            List<Integer> drained = new ArrayList<>();
            assertThat(q.drainTo(drained, 1)).isEqualTo(1);
            assertThat(q.drainTo(drained)).isEqualTo(2);
            assertThat(drained).containsExactly(5, 6, 7);
        }
    }

    @Test
    void getWithTimeoutOnAnEmptyQueueTimesOutWithinMargin() throws Exception {
        Queue<String> owner = new Queue<>();
        for (Queue<String> q : List.of(owner, remote(owner))) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> q.get(Duration.ofMillis(200))).isInstanceOf(QueueEmptyException.class)
                    .hasMessageContaining("timed out");
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(elapsedMillis).isBetween(190L, 2_000L);
        }
    }

    @Test
    void aBoundedQueueBlocksAndTimesOutPuts() throws Exception {
        Queue<String> owner = new Queue<>(1);
        Queue<String> remote = remote(owner);
        remote.put("a");
        assertThat(owner.full()).isTrue();
        assertThat(remote.maxsize()).isEqualTo(1);
        assertThatThrownBy(() -> remote.putNowait("b")).isInstanceOf(QueueFullException.class);
        assertThatThrownBy(() -> remote.put("b", SHORT)).isInstanceOf(QueueFullException.class);
        assertThatThrownBy(() -> owner.put("b", SHORT)).isInstanceOf(QueueFullException.class);
        assertThat(remote.offer("b")).isFalse();

        CountDownLatch putting = new CountDownLatch(1);
        Thread blocked = Thread.ofPlatform().start(() -> {
            putting.countDown();
            try {
                remote.put("c");
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        putting.await();
        assertThat(owner.get()).isEqualTo("a"); // makes room for the blocked put
        blocked.join();
        assertThat(owner.get()).isEqualTo("c");
    }

    @Test
    void closeMakesLaterPutsAndGetsOfThatHandleFail() throws Exception {
        Queue<String> owner = new Queue<>();
        Queue<String> remote = remote(owner);
        remote.close();
        owner.put("still works");
        assertThatThrownBy(() -> remote.put("x")).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(remote::poll).isInstanceOf(IllegalStateException.class);
        owner.close();
        assertThatThrownBy(() -> owner.put("x")).isInstanceOf(IllegalStateException.class);
        assertThat(remote(new Queue<>()).isClosed()).isFalse();
    }

    @Test
    void itemsAreSnapshotsEvenInTheOwner() throws Exception {
        Queue<List<String>> q = new Queue<>();
        List<String> item = new ArrayList<>(List.of("a"));
        q.put(item);
        item.add("b");
        assertThat(q.get()).containsExactly("a");
    }

    @Test
    void anItemOfAClassOutsideTheAllowlistFailsTheGetNamingTheClass() throws Exception {
        Queue<Object> owner = new Queue<>();
        for (Queue<Object> q : List.of(owner, remote(owner))) {
            // A JDK class outside the defaults: never allowed as a side effect of code sent
            // between processes (the packages of functions other tests sent are, JVM-wide).
            q.put(new java.util.concurrent.atomic.LongAdder());
            assertThatThrownBy(q::get).isInstanceOf(ProcessException.class)
                    .hasMessageContaining("java.util.concurrent.atomic.LongAdder").hasMessageContaining("allow");
            q.put("next"); // the queue goes on working
            assertThat(q.get()).isEqualTo("next");
        }
        assertThatThrownBy(() -> owner.put(new Object())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Object");
    }

    @Test
    void pipelinedPutsKeepTheirOrderAndJoinThreadWaitsForThem() throws Exception {
        Queue<Integer> owner = new Queue<>();
        Queue<Integer> remote = remote(owner);
        for (int i = 0; i < 1_000; i++) {
            remote.put(i);
        }
        remote.joinThread();
        assertThat(owner.qsize()).isEqualTo(1_000);
        remote.put(1_000);
        assertThat(HubClient.flushPosted(Duration.ofSeconds(10))).isTrue(); // what a worker does after a task
        assertThat(owner.qsize()).isEqualTo(1_001);
        assertThat(HubClient.flushPosted(Duration.ZERO)).isTrue(); // nothing posted since: nothing to wait for
        assertThat(owner.poll(0, java.util.concurrent.TimeUnit.SECONDS)).isZero();
        List<Integer> got = new ArrayList<>();
        owner.drainTo(got);
        assertThat(got).isEqualTo(java.util.stream.IntStream.range(1, 1_001).boxed().toList());
    }

    @Test
    void anInterruptedRemoteGetTakesNothing() throws Exception {
        Queue<String> owner = new Queue<>();
        Queue<String> remote = remote(owner);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(1);
        Thread getter = Thread.ofPlatform().start(() -> {
            started.countDown();
            try {
                outcome.set(new AssertionError("got " + remote.get()));
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        started.await();
        while (getter.getState() != Thread.State.WAITING && getter.getState() != Thread.State.TIMED_WAITING) {
            Thread.onSpinWait();
        }
        getter.interrupt();
        getter.join();
        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
        owner.put("kept");
        assertThat(remote.get(Duration.ofSeconds(5))).isEqualTo("kept"); // not swallowed by the cancelled get
    }

    @Test
    void aDecodedRefInTheOwnerIsAHandleOnTheSameQueue() throws Exception {
        JoinableQueue<String> q = new JoinableQueue<>();
        @SuppressWarnings("unchecked")
        JoinableQueue<String> again = (JoinableQueue<String>) ItemCodec.decode(ItemCodec.encode(q));
        again.put("x");
        assertThat(q.get()).isEqualTo("x");
        q.taskDone();
        assertThat(again.join(Duration.ZERO)).isTrue();
        SimpleQueue<String> simple = new SimpleQueue<>();
        @SuppressWarnings("unchecked")
        SimpleQueue<String> simpleAgain = (SimpleQueue<String>) ItemCodec.decode(ItemCodec.encode(simple));
        simpleAgain.put("y");
        assertThat(simple.empty()).isFalse();
        assertThat(simple.get()).isEqualTo("y");
    }

    @Test
    void joinableQueueCountsTasksThroughTheSocket() throws Exception {
        JoinableQueue<String> owner = new JoinableQueue<>();
        JoinableQueue<String> remote = remote(owner);
        owner.put("a");
        assertThat(remote.join(SHORT)).isFalse();
        assertThat(remote.get()).isEqualTo("a");
        assertThat(owner.join(Duration.ZERO)).isFalse();
        remote.taskDone();
        assertThat(owner.join(SHORT)).isTrue();
        remote.join();
        assertThatThrownBy(remote::taskDone).isInstanceOf(IllegalStateException.class).hasMessageContaining("taskDone");
    }

    // ------------------------------------------------------------------ real child processes

    @Test
    void aChildPutsItemsAndTheParentGetsThemInOrder() throws Exception {
        Queue<String> q = new Queue<>();
        try (Children.Child child = Children.start("put", q, 5_000, "c")) { // pipelined, flushed at the child's exit
            for (int i = 0; i < 5_000; i++) {
                assertThat(q.get(Duration.ofSeconds(20))).isEqualTo("c" + i);
            }
            assertThat(child.exitCode()).isZero();
        }
        assertThat(q.empty()).isTrue();
    }

    @Test
    void twoChildrenProduceAndTheParentGetsExactlyTheirItems() throws Exception {
        Queue<String> q = new Queue<>(16); // bounded: the children's puts wait for the parent
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            expected.add("a" + i);
            expected.add("b" + i);
        }
        try (Children.Child a = Children.start("put", q, 100, "a"); Children.Child b = Children.start("put", q, 100, "b")) {
            List<String> got = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                got.add(q.get(Duration.ofSeconds(20)));
            }
            assertThat(got).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(a.exitCode()).isZero();
            assertThat(b.exitCode()).isZero();
        }
        assertThat(q.poll()).isNull();
    }

    @Test
    void aChildMarksTasksDoneAndTheParentsJoinReturns() throws Exception {
        JoinableQueue<Integer> q = new JoinableQueue<>();
        for (int i = 0; i < 5; i++) {
            q.put(i);
        }
        assertThat(q.join(SHORT)).isFalse();
        try (Children.Child child = Children.start("taskDone", q, 5)) {
            q.join();
            assertThat(q.empty()).isTrue();
            assertThat(child.exitCode()).isZero();
        }
    }

    @Test
    void whenTheOwnerIsKilledEveryCallOnItsQueueFailsPromptly() throws Exception {
        try (Children.Child owner = Children.start("own")) {
            @SuppressWarnings("unchecked")
            Queue<String> q = (Queue<String>) ItemCodec.decode(owner.readBytes());
            assertThat(q.get()).isEqualTo("from-owner");
            AtomicReference<Throwable> outcome = new AtomicReference<>();
            CountDownLatch waiting = new CountDownLatch(1);
            Thread getter = Thread.ofPlatform().start(() -> {
                waiting.countDown();
                try {
                    outcome.set(new AssertionError("got " + q.get()));
                } catch (Throwable t) {
                    outcome.set(t);
                }
            });
            waiting.await();
            owner.popen().kill(); // SIGKILL
            long start = System.nanoTime();
            getter.join(10_000);
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
            assertThat(outcome.get()).isInstanceOf(ObjectUnavailableException.class)
                    .hasMessageContaining("pid " + owner.popen().pid()).hasMessageContaining("gone");
            assertThatThrownBy(() -> q.put("x")).isInstanceOf(ObjectUnavailableException.class);
            assertThatThrownBy(q::qsize).isInstanceOf(ObjectUnavailableException.class);
        }
    }
}
