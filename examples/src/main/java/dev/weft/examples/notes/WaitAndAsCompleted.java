package dev.weft.examples.notes;

import dev.weft.futures.DoneAndNotDone;
import dev.weft.futures.Futures;
import dev.weft.futures.ReturnWhen;
import dev.weft.futures.ThreadPoolExecutor;
import dev.weft.futures.WeftFuture;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Seed 001 (notes "Concurrency in Python"), section "Abstracting Concurrency Mechanisms", which
 * has no listing: the module functions {@code concurrent.futures.wait()} and
 * {@code as_completed()}.
 *
 * <p>They are {@link Futures#wait} and {@link Futures#asCompleted}. {@code wait(fs, timeout,
 * return_when)} returns Python's {@code DoneAndNotDoneFutures}, a {@link DoneAndNotDone} record
 * whose sets keep the order the futures were given; {@code FIRST_COMPLETED} and
 * {@code ALL_COMPLETED} are {@link ReturnWhen} constants. As in Python, a wait that runs out of
 * time is no error: the unfinished futures are in {@code notDone}. {@code as_completed(fs,
 * timeout)} is an iterator, usable in a for-each loop, that gives each future as it completes.
 *
 * <p>Each task waits for a gate (a latch) of its own, and the example opens the gates one at a
 * time, so the order in which the tasks finish is decided here, not by chance:
 * <ul>
 *   <li>with only b's gate open, {@code wait(FIRST_COMPLETED)} returns with b done, and a
 *       {@code wait(ALL_COMPLETED)} with a short timeout returns with a and c still not done;
 *       once every gate is open, {@code wait(ALL_COMPLETED)} returns with all three done;
 *   <li>{@code as_completed} gives x, y and z in the order their gates open, z, x, y, whatever
 *       the order they were submitted in; each gate opens once the future before it is given.
 * </ul>
 *
 * <pre>{@code
 * wait(FIRST_COMPLETED): done [b], not done [a, c]
 * wait(timeout=20 ms, ALL_COMPLETED): done [b], not done [a, c]
 * wait(ALL_COMPLETED): done [a, b, c], not done []
 * as_completed gave z
 * as_completed gave x
 * as_completed gave y
 * }</pre>
 */
public final class WaitAndAsCompleted {
    private WaitAndAsCompleted() {}

    /** The timeout of the wait that times out: two of its three futures cannot finish. */
    static final Duration SHORT_TIMEOUT = Duration.ofMillis(20);

    /** Bounds the waits that end at once; only a machine that is stuck reaches it. */
    static final Duration GENEROUS_TIMEOUT = Duration.ofSeconds(30);

    public static void main(String[] args) throws InterruptedException {
        run(System.out);
    }

    /** Runs the example, printing to {@code out}; returns once every task has ended. */
    public static void run(PrintStream out) throws InterruptedException {
        try (var executor = new ThreadPoolExecutor(3)) {
            // wait()
            Map<String, CountDownLatch> gates = gates("a", "b", "c");
            Map<WeftFuture<String>, String> names = new LinkedHashMap<>();
            gates.forEach((name, gate) -> names.put(submitGated(executor, name, gate), name));
            List<WeftFuture<String>> fs = List.copyOf(names.keySet());

            gates.get("b").countDown();
            DoneAndNotDone<WeftFuture<String>> r = Futures.wait(fs, GENEROUS_TIMEOUT, ReturnWhen.FIRST_COMPLETED);
            out.println("wait(FIRST_COMPLETED): " + describe(r, names));
            r = Futures.wait(fs, SHORT_TIMEOUT, ReturnWhen.ALL_COMPLETED);
            out.println("wait(timeout=" + SHORT_TIMEOUT.toMillis() + " ms, ALL_COMPLETED): " + describe(r, names));
            gates.get("a").countDown();
            gates.get("c").countDown();
            r = Futures.wait(fs, GENEROUS_TIMEOUT, ReturnWhen.ALL_COMPLETED);
            out.println("wait(ALL_COMPLETED): " + describe(r, names));

            // as_completed()
            Map<String, CountDownLatch> moreGates = gates("x", "y", "z");
            List<WeftFuture<String>> more = new ArrayList<>();
            moreGates.forEach((name, gate) -> more.add(submitGated(executor, name, gate)));
            List<String> openingOrder = List.of("z", "x", "y");
            int opened = 0;
            moreGates.get(openingOrder.get(opened++)).countDown();
            for (WeftFuture<String> f : Futures.asCompleted(more, GENEROUS_TIMEOUT)) {
                out.println("as_completed gave " + f.resultNow());
                if (opened < openingOrder.size()) {
                    moreGates.get(openingOrder.get(opened++)).countDown();
                }
            }
        }
    }

    private static Map<String, CountDownLatch> gates(String... names) {
        Map<String, CountDownLatch> gates = new LinkedHashMap<>();
        for (String name : names) {
            gates.put(name, new CountDownLatch(1));
        }
        return gates;
    }

    /** Submits a task that returns {@code name} once {@code gate} opens. */
    private static WeftFuture<String> submitGated(ThreadPoolExecutor executor, String name, CountDownLatch gate) {
        return executor.submit(() -> {
            gate.await();
            return name;
        });
    }

    private static String describe(DoneAndNotDone<WeftFuture<String>> r, Map<WeftFuture<String>, String> names) {
        return "done " + namesOf(r.done(), names) + ", not done " + namesOf(r.notDone(), names);
    }

    private static List<String> namesOf(Collection<WeftFuture<String>> futures, Map<WeftFuture<String>, String> names) {
        return futures.stream().map(names::get).toList();
    }
}
