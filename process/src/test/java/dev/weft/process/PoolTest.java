package dev.weft.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PoolTest {
    static Pool pool;

    @BeforeAll
    static void start() {
        pool = new Pool(2);
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    @Test
    void everyWorkerRunsItsInitializerEvenWhenThePoolIsClosedBeforeItStarted() throws Exception {
        // As in Python, where every worker of a Pool runs the initializer: workers that connect
        // after close() (nothing was ever submitted) run it, then exit; close() waits for that.
        Queue<String> started = new Queue<>();
        try {
            Pool closedAtOnce = Pool.builder().processes(2)
                    .initializer(() -> started.put(Process.currentProcess().name())).build();
            closedAtOnce.close();
            List<String> names = List.of(started.get(java.time.Duration.ofSeconds(30)),
                    started.get(java.time.Duration.ofSeconds(30)));
            assertThat(names).doesNotHaveDuplicates().allMatch(n -> n.startsWith("PoolWorker-"));
            assertThat(started.empty()).isTrue();
        } finally {
            started.close();
        }
    }

    @Test
    void mapReturnsResultsInOrder() throws Exception {
        List<Integer> in = IntStream.range(0, 1000).boxed().toList();
        assertThat(pool.map(x -> x * x, in)).isEqualTo(in.stream().map(x -> x * x).toList());
        assertThat(pool.map(x -> x + 1, in, 1)).hasSize(1000).startsWith(1, 2, 3);
        assertThat(pool.<Integer, Integer>map(x -> x, List.of())).isEmpty();
    }

    @Test
    void tasksRunInOtherProcesses() throws Exception {
        long me = ProcessHandle.current().pid();
        List<Long> pids = pool.map(x -> ProcessHandle.current().pid(), IntStream.range(0, 200).boxed().toList(), 1);
        assertThat(pids).doesNotContain(me);
    }

    @Test
    void applyAndApplyAsyncWithCallbacks() throws Exception {
        assertThat(pool.apply((Integer x) -> x * 10, 4)).isEqualTo(40);
        CountDownLatch done = new CountDownLatch(2);
        List<Object> got = new CopyOnWriteArrayList<>();
        pool.applyAsync((Integer x) -> x + 1, 1, v -> { got.add(v); done.countDown(); }, e -> { });
        pool.applyAsync((Integer x) -> { throw new IllegalStateException("no " + x); }, 2,
                v -> { }, e -> { got.add(e); done.countDown(); });
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(got).anySatisfy(v -> assertThat(v).isEqualTo(2));
        assertThat(got).filteredOn(Throwable.class::isInstance).singleElement()
                .satisfies(e -> assertThat((Throwable) e).isInstanceOf(IllegalStateException.class).hasMessage("no 2"));
    }

    @Test
    void aTaskExceptionComesBackAsItsOwnTypeWithTheRemoteStack() throws Exception {
        AsyncResult<Object> r = pool.applyAsync((Integer x) -> { throw new ArithmeticException("bad " + x); }, 7);
        assertThatThrownBy(r::get).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(ArithmeticException.class).hasMessage("bad 7")
                .satisfies(t -> assertThat(t.getStackTrace()).anySatisfy(
                        f -> assertThat(f.getClassName()).startsWith(PoolTest.class.getName())));
        assertThat(r.ready()).isTrue();
        assertThat(r.successful()).isFalse();
        assertThatThrownBy(() -> pool.map(x -> 10 / x, List.of(1, 0, 2)))
                .isInstanceOf(CompletionException.class).cause().isInstanceOf(ArithmeticException.class);
    }

    @Test
    void starmapAndImap() throws Exception {
        assertThat(pool.starmap((Integer a, Integer b) -> a * b, List.of(Map.entry(2, 3), Map.entry(4, 5))))
                .containsExactly(6, 20);
        List<Integer> out = new ArrayList<>();
        for (int v : pool.imap((Integer x) -> x * 2, List.of(1, 2, 3, 4))) {
            out.add(v);
        }
        assertThat(out).containsExactly(2, 4, 6, 8);
        List<Integer> un = new ArrayList<>();
        pool.imapUnordered((Integer x) -> x * 2, List.of(1, 2, 3, 4), 2).forEachRemaining(un::add);
        assertThat(un).containsExactlyInAnyOrder(2, 4, 6, 8);
    }

    @Test
    void imapIsLazyOnAnEndlessInput() {
        var it = pool.imap((Long x) -> x + 1, () -> java.util.stream.LongStream.iterate(0, i -> i + 1).boxed().iterator());
        long sum = 0;
        for (int i = 0; i < 5000; i++) {
            sum += it.next();
        }
        it.close();
        assertThat(sum).isEqualTo(5000L * 5001 / 2);
    }

    @Test
    void successfulThrowsWhileNotReady() throws Exception {
        AsyncResult<Integer> r = pool.applyAsync((Integer x) -> { Thread.sleep(300); return x; }, 1);
        assertThatThrownBy(r::successful).isInstanceOf(IllegalStateException.class);
        assertThat(r.await(java.time.Duration.ofSeconds(30))).isTrue();
        assertThat(r.successful()).isTrue();
    }
}
