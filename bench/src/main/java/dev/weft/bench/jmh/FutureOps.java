package dev.weft.bench.jmh;

import dev.weft.futures.SettableFuture;
import dev.weft.futures.ThreadPoolExecutor;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of a future's life, and of one task's round trip through a pool, against the JDK's:
 * create, complete, then get (with and without a done callback), and submit-then-get on a
 * two-worker pool, where the caller waits for each task in turn. {@code weft bench --jmh FutureOps}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FutureOps {
    private ExecutorService weftPool;
    private ExecutorService jdkPool;
    private int n;

    /** The state JMH makes for each trial: the pools start in {@link #setUp()}. */
    public FutureOps() {}

    /** Starts both two-worker pools, once per trial. */
    @Setup(Level.Trial)
    public void setUp() {
        weftPool = new ThreadPoolExecutor(2);
        jdkPool = Executors.newFixedThreadPool(2);
    }

    /** Stops both pools. */
    @TearDown(Level.Trial)
    public void tearDown() {
        weftPool.shutdownNow();
        jdkPool.shutdownNow();
    }

    /**
     * A {@code SettableFuture}: set its result, then get it.
     *
     * @return the result got
     * @throws ExecutionException never: the future succeeds
     * @throws InterruptedException never: the future is done before the get
     */
    @Benchmark
    public Integer settableFutureSetGet() throws ExecutionException, InterruptedException {
        SettableFuture<Integer> f = new SettableFuture<>();
        f.setResult(++n);
        return f.get();
    }

    /**
     * A {@code SettableFuture} with a done callback: add it, set the result (which runs it), get.
     *
     * @return the result got
     * @throws ExecutionException never: the future succeeds
     * @throws InterruptedException never: the future is done before the get
     */
    @Benchmark
    public Integer settableFutureCallbackSetGet() throws ExecutionException, InterruptedException {
        SettableFuture<Integer> f = new SettableFuture<>();
        f.addDoneCallback(done -> n++);
        f.setResult(n);
        return f.get();
    }

    /**
     * The JDK's {@code FutureTask}: run it, then get its result.
     *
     * @return the result got
     * @throws ExecutionException never: the task succeeds
     * @throws InterruptedException never: the task is done before the get
     */
    @Benchmark
    public Integer futureTaskRunGet() throws ExecutionException, InterruptedException {
        int v = ++n;
        FutureTask<Integer> f = new FutureTask<>(() -> v);
        f.run();
        return f.get();
    }

    /**
     * The JDK's {@code CompletableFuture}: complete it, then get its result.
     *
     * @return the result got
     * @throws ExecutionException never: the future succeeds
     * @throws InterruptedException never: the future is done before the get
     */
    @Benchmark
    public Integer completableFutureCompleteGet() throws ExecutionException, InterruptedException {
        CompletableFuture<Integer> f = new CompletableFuture<>();
        f.complete(++n);
        return f.get();
    }

    /**
     * One task's round trip through Weft's two-worker {@code ThreadPoolExecutor}: submit, then wait for its
     * result.
     *
     * @return the task's result
     * @throws ExecutionException never: the task succeeds
     * @throws InterruptedException if JMH interrupts the benchmark thread while it waits
     */
    @Benchmark
    public Integer weftPoolSubmitGet() throws ExecutionException, InterruptedException {
        int v = ++n;
        return weftPool.submit(() -> v + v).get();
    }

    /**
     * The same round trip through the JDK's {@code Executors.newFixedThreadPool(2)}.
     *
     * @return the task's result
     * @throws ExecutionException never: the task succeeds
     * @throws InterruptedException if JMH interrupts the benchmark thread while it waits
     */
    @Benchmark
    public Integer jdkPoolSubmitGet() throws ExecutionException, InterruptedException {
        int v = ++n;
        return jdkPool.submit(() -> v + v).get();
    }
}
