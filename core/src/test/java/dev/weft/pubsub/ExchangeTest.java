package dev.weft.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.testing.TestThreads;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Tests of {@link Exchange} on one thread (plus the named registry's concurrent creation): the
 * Cookbook's listing, set semantics, detach errors, subscriptions, failing subscribers, bad input,
 * many subscribers.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ExchangeTest {

    private final List<String> out = new ArrayList<>();

    /** The Cookbook's {@code Task}: prints "name received msg". */
    private final class Task implements Subscriber<String> {
        private final String name;

        Task(String name) {
            this.name = name;
        }

        @Override
        public void send(String msg) {
            out.add(name + " received " + msg);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Records what it gets. */
    private static final class Recorder<M> implements Subscriber<M> {
        final List<M> got = new ArrayList<>();

        @Override
        public void send(M message) {
            got.add(message);
        }
    }

    @Test
    void theCookbooksExchange() {
        Task taskA = new Task("task_a");
        Task taskB = new Task("task_b");

        Exchange<String> exc = Exchange.named("ExchangeTest.cookbook");
        exc.attach(taskA);
        exc.attach(taskB);
        exc.send("msg1");
        exc.send("msg2");
        exc.detach(taskA);
        exc.detach(taskB);
        exc.send("msg3");

        assertThat(out).containsExactly(
                "task_a received msg1", "task_b received msg1", "task_a received msg2", "task_b received msg2");
        assertThat(exc.subscriberCount()).isZero();
    }

    @Test
    void theCookbooksDisplayMessages() {
        Exchange<String> exc = Exchange.named("ExchangeTest.display");
        int[] count = {0};
        Subscriber<String> d = msg -> {
            count[0]++;
            out.add("msg[" + count[0] + "]: '" + msg + "'");
        };
        exc.attach(d);
        exc.send("some");
        exc.send("data");

        assertThat(out).containsExactly("msg[1]: 'some'", "msg[2]: 'data'");
        exc.detach(d);
    }

    @Test
    void deliversInAttachOrderAndDetachKeepsTheOrderOfTheRest() {
        Exchange<String> exc = new Exchange<>();
        Task a = new Task("a");
        Task b = new Task("b");
        Task c = new Task("c");
        Task d = new Task("d");
        exc.attach(c);
        exc.attach(a);
        exc.attach(d);
        exc.attach(b);
        exc.detach(d);
        exc.send("x");
        assertThat(out).containsExactly("c received x", "a received x", "b received x");
        assertThat(exc.subscribers()).containsExactly(c, a, b);
    }

    @Test
    void attachingTwiceAttachesOnce() {
        Exchange<String> exc = new Exchange<>();
        Recorder<String> r = new Recorder<>();
        assertThat(exc.attach(r)).isTrue();
        assertThat(exc.attach(r)).isFalse();
        exc.send("m");
        assertThat(r.got).containsExactly("m");
        assertThat(exc.subscriberCount()).isOne();

        exc.detach(r);
        assertThat(exc.subscriberCount()).isZero();
        assertThatThrownBy(() -> exc.detach(r)).isInstanceOf(SubscriberNotAttachedException.class);
    }

    @Test
    void equalSubscribersAreOneMemberOfTheSet() {
        // equality by name and the sink's identity (a StringBuilder does not override equals)
        record Named(String name, StringBuilder sink) implements Subscriber<String> {
            @Override
            public void send(String message) {
                sink.append(name).append(':').append(message).append(';');
            }
        }
        StringBuilder sink = new StringBuilder();
        Exchange<String> exc = new Exchange<>();
        assertThat(exc.attach(new Named("n", sink))).isTrue();
        assertThat(exc.attach(new Named("n", sink))).isFalse();
        assertThat(exc.attach(new Named("m", sink))).isTrue();
        exc.send("x");
        assertThat(sink.toString()).isEqualTo("n:x;m:x;");
        exc.detach(new Named("n", sink));
        assertThat(exc.subscribers()).containsExactly(new Named("m", sink));
    }

    @Test
    void detachingAnUnknownSubscriberIsAnErrorThatChangesNothing() {
        Exchange<String> exc = new Exchange<>();
        Recorder<String> attached = new Recorder<>();
        exc.attach(attached);
        assertThatThrownBy(() -> exc.detach(new Recorder<>()))
                .isInstanceOf(SubscriberNotAttachedException.class)
                .isInstanceOf(java.util.NoSuchElementException.class)
                .hasMessageContaining("is not attached to Exchange[1 subscriber]");
        exc.send("still");
        assertThat(attached.got).containsExactly("still");
    }

    @Test
    void aMethodReferenceEvaluatedTwiceIsTwoSubscribers() {
        Exchange<String> exc = new Exchange<>();
        exc.attach(out::add);
        exc.attach(out::add);
        exc.send("m");
        assertThat(out).containsExactly("m", "m");
        assertThatThrownBy(() -> exc.detach(out::add)).isInstanceOf(SubscriberNotAttachedException.class);
    }

    @Test
    void nullIsNeitherASubscriberNorAMessage() {
        Exchange<String> exc = new Exchange<>();
        Recorder<String> r = new Recorder<>();
        exc.attach(r);
        assertThatThrownBy(() -> exc.attach(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> exc.detach(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> exc.send(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> exc.subscribe((Subscriber<String>[]) null)).isInstanceOf(NullPointerException.class);
        Recorder<String> other = new Recorder<>();
        assertThatThrownBy(() -> exc.subscribe(other, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Exchange.named(null)).isInstanceOf(NullPointerException.class);

        assertThat(exc.subscribers()).containsExactly(r);
        assertThat(r.got).isEmpty();
        assertThat(exc.errorCount()).isZero();
    }

    @Test
    void subscribeAttachesUntilClosed() {
        Exchange<String> exc = new Exchange<>();
        Task a = new Task("task_a");
        Task b = new Task("task_b");
        try (Subscription s = exc.subscribe(a, b, a)) {
            assertThat(s.subscribers()).containsExactly(a, b);
            assertThat(s.exchange()).isSameAs(exc);
            exc.send("msg1");
        }
        exc.send("msg2");
        assertThat(out).containsExactly("task_a received msg1", "task_b received msg1");
        assertThat(exc.subscriberCount()).isZero();
    }

    @Test
    void closeLeavesWhatWasAttachedBeforeAndSkipsWhatWasDetachedMeanwhile() {
        Exchange<String> exc = new Exchange<>();
        Task before = new Task("before");
        Task a = new Task("a");
        Task b = new Task("b");
        exc.attach(before);

        Subscription outer = exc.subscribe(a);
        Subscription inner = exc.subscribe(before, a, b);
        assertThat(inner.subscribers()).containsExactly(b);
        inner.close();
        assertThat(exc.subscribers()).containsExactly(before, a);

        exc.detach(a);
        outer.close();
        outer.close();
        assertThat(outer.isClosed()).isTrue();
        assertThat(exc.subscribers()).containsExactly(before);
        assertThat(outer.toString()).endsWith(", closed]");
    }

    @Test
    void anEmptySubscriptionIsFine() {
        Exchange<String> exc = new Exchange<>();
        try (Subscription s = exc.subscribe()) {
            assertThat(s.subscribers()).isEmpty();
        }
        assertThat(exc.subscriberCount()).isZero();
    }

    @Test
    void aFailingSubscriberDoesNotStopTheOthersAndIsReported() {
        Exchange<String> exc = new Exchange<>();
        Recorder<String> first = new Recorder<>();
        IllegalStateException boom = new IllegalStateException("boom");
        Subscriber<String> failing = m -> {
            throw boom;
        };
        Recorder<String> last = new Recorder<>();
        List<String> reports = new ArrayList<>();
        exc.setErrorHandler((subscriber, message, error) ->
                reports.add((subscriber == failing) + " " + message + " " + error.getMessage()));
        exc.attach(first);
        exc.attach(failing);
        exc.attach(last);

        exc.send("m1");
        exc.send("m2");

        assertThat(first.got).containsExactly("m1", "m2");
        assertThat(last.got).containsExactly("m1", "m2");
        assertThat(reports).containsExactly("true m1 boom", "true m2 boom");
        assertThat(exc.errorCount()).isEqualTo(2);
    }

    @Test
    void checkedExceptionsAndErrorsAreReportedToo() {
        Exchange<String> exc = new Exchange<>();
        List<Throwable> reports = new ArrayList<>();
        exc.setErrorHandler((s, m, e) -> reports.add(e));
        AssertionError assertion = new AssertionError("assert");
        Exception checked = new Exception("checked");
        exc.attach(m -> {
            throw assertion;
        });
        exc.attach(m -> ExchangeTest.<RuntimeException>sneakyThrow(checked));
        exc.send("m");
        assertThat(reports).containsExactly(assertion, checked);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> void sneakyThrow(Throwable t) throws E {
        throw (E) t;
    }

    @Test
    void aVirtualMachineErrorIsNotASubscribersFailure() {
        Exchange<String> exc = new Exchange<>();
        List<Throwable> reports = new ArrayList<>();
        exc.setErrorHandler((s, m, e) -> reports.add(e));
        Recorder<String> after = new Recorder<>();
        exc.attach(m -> {
            throw new OutOfMemoryError("pretend");
        });
        exc.attach(after);
        assertThatThrownBy(() -> exc.send("m")).isInstanceOf(OutOfMemoryError.class);
        assertThat(reports).isEmpty();
        assertThat(after.got).isEmpty();
        assertThat(exc.errorCount()).isZero();
    }

    @Test
    void anErrorHandlerThatThrowsEndsTheSend() {
        Exchange<String> exc = new Exchange<>();
        Recorder<String> after = new Recorder<>();
        RuntimeException boom = new RuntimeException("boom");
        exc.attach(m -> {
            throw boom;
        });
        exc.attach(after);
        exc.setErrorHandler((s, m, e) -> {
            throw new IllegalStateException("handler", e);
        });
        assertThatThrownBy(() -> exc.send("m")).hasMessage("handler").hasCause(boom);
        assertThat(after.got).isEmpty();
        assertThat(exc.errorCount()).isOne();
    }

    @Test
    void theDefaultHandlerLogsAWarningWithTheException() {
        Logger jul = Logger.getLogger("dev.weft.pubsub");
        List<LogRecord> records = Collections.synchronizedList(new ArrayList<>());
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        boolean parents = jul.getUseParentHandlers();
        jul.addHandler(capture);
        jul.setUseParentHandlers(false);
        try {
            Exchange<String> exc = new Exchange<>();
            Recorder<String> other = new Recorder<>();
            IllegalStateException boom = new IllegalStateException("boom");
            Subscriber<String> failing = new Subscriber<>() {
                @Override
                public void send(String message) {
                    throw boom;
                }

                @Override
                public String toString() {
                    return "the failing one";
                }
            };
            exc.attach(failing);
            exc.attach(other);
            exc.setErrorHandler((s, m, e) -> {
                throw new AssertionError("replaced");
            });
            exc.setErrorHandler(null); // back to the default
            exc.send("m");

            assertThat(other.got).containsExactly("m");
            assertThat(records).hasSize(1);
            LogRecord r = records.get(0);
            assertThat(r.getLevel()).isEqualTo(Level.WARNING);
            assertThat(r.getThrown()).isSameAs(boom);
            assertThat(r.getMessage()).contains("the failing one").contains("java.lang.String");
            assertThat(exc.errorCount()).isOne();
        } finally {
            jul.removeHandler(capture);
            jul.setUseParentHandlers(parents);
        }
    }

    @Test
    void aSubscriberMaySendAttachAndDetachDuringADelivery() {
        Exchange<String> exc = new Exchange<>();
        Task late = new Task("late");
        Subscriber<String> first = new Subscriber<>() {
            @Override
            public void send(String msg) {
                out.add("first received " + msg);
                if (msg.equals("outer")) {
                    exc.attach(late);      // from the next send on
                    exc.send("nested");    // depth first
                }
            }
        };
        Task second = new Task("second");
        exc.attach(first);
        exc.attach(second);

        exc.send("outer");
        assertThat(out).containsExactly(
                "first received outer",
                "first received nested",
                "second received nested",
                "late received nested",
                "second received outer");
    }

    @Test
    void anExchangeIsASubscriber() {
        Exchange<String> upstream = new Exchange<>();
        Exchange<String> downstream = new Exchange<>();
        Task t = new Task("t");
        downstream.attach(t);
        upstream.attach(downstream);
        upstream.send("m");
        assertThat(out).containsExactly("t received m");
    }

    @Test
    void subscribersIsASnapshot() {
        Exchange<String> exc = new Exchange<>();
        Task a = new Task("a");
        exc.attach(a);
        List<Subscriber<? super String>> snapshot = exc.subscribers();
        exc.attach(new Task("b"));
        assertThat(snapshot).containsExactly(a);
        assertThatThrownBy(() -> snapshot.add(a)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(exc.toString()).isEqualTo("Exchange[2 subscribers]");
        assertThat(Exchange.named("ExchangeTest.toString").toString()).isEqualTo("Exchange['ExchangeTest.toString', 0 subscribers]");
    }

    @Test
    void namedReturnsOneExchangePerName() {
        Exchange<String> a = Exchange.named("ExchangeTest.identity");
        Exchange<String> b = Exchange.named(new String("ExchangeTest.identity"));
        Exchange<String> other = Exchange.named("ExchangeTest.identity2");
        assertThat(a).isSameAs(b).isNotSameAs(other);
        assertThat(Exchange.<String>named("")).isSameAs(Exchange.named(""));
        assertThat(new Exchange<String>()).isNotSameAs(new Exchange<String>());
    }

    @Test
    void namedCreatesOneExchangeWhenManyThreadsAskAtOnce() throws Exception {
        int threads = 8;
        for (int round = 0; round < 50; round++) {
            String name = "ExchangeTest.race." + round;
            CyclicBarrier start = new CyclicBarrier(threads);
            Set<Exchange<?>> seen = ConcurrentHashMap.newKeySet();
            List<TestThreads.Checked> racers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                racers.add(TestThreads.start("named-" + i, () -> {
                    start.await();
                    seen.add(Exchange.named(name));
                }));
            }
            for (TestThreads.Checked t : racers) {
                t.joinSuccessfully();
            }
            assertThat(seen).hasSize(1).containsExactly(Exchange.named(name));
        }
    }

    @Test
    void theRegistryDoesNotCheckTheMessageType() {
        Exchange<String> strings = Exchange.named("ExchangeTest.types");
        List<Throwable> reports = new ArrayList<>();
        // a handler typed for String would fail the same way on the Integer: take Objects
        Exchange.ErrorHandler<Object> handler = (s, m, e) -> reports.add(e);
        strings.setErrorHandler(handler);
        Subscriber<String> wantsStrings = s -> out.add(s.toUpperCase());
        strings.attach(wantsStrings);
        Exchange<Integer> integers = Exchange.named("ExchangeTest.types");
        integers.send(42);
        assertThat(reports).singleElement().isInstanceOf(ClassCastException.class);
        strings.detach(wantsStrings);
    }

    @Test
    void tenThousandSubscribers() {
        Exchange<Integer> exc = new Exchange<>();
        int n = 10_000;
        AtomicInteger total = new AtomicInteger();
        List<Subscriber<Integer>> subs = new ArrayList<>();
        int[] got = new int[n];
        for (int i = 0; i < n; i++) {
            int id = i;
            Subscriber<Integer> s = m -> {
                got[id] += m;
                total.incrementAndGet();
            };
            subs.add(s);
            assertThat(exc.attach(s)).isTrue();
        }
        assertThat(exc.subscriberCount()).isEqualTo(n);
        for (int k = 0; k < 100; k++) {
            exc.send(1);
        }
        assertThat(total.get()).isEqualTo(100 * n);
        for (int g : got) {
            assertThat(g).isEqualTo(100);
        }
        // detach every other one, then the rest
        for (int i = 0; i < n; i += 2) {
            exc.detach(subs.get(i));
        }
        exc.send(1);
        assertThat(total.get()).isEqualTo(100 * n + n / 2);
        assertThat(got[0]).isEqualTo(100);
        assertThat(got[1]).isEqualTo(101);
        for (int i = 1; i < n; i += 2) {
            exc.detach(subs.get(i));
        }
        assertThat(exc.subscriberCount()).isZero();

        @SuppressWarnings("unchecked")
        Subscriber<Integer>[] all = subs.toArray(new Subscriber[0]);
        try (Subscription s = exc.subscribe(all)) {
            exc.send(1);
            assertThat(s.subscribers()).hasSize(n);
        }
        assertThat(total.get()).isEqualTo(100 * n + n / 2 + n);
        assertThat(exc.subscriberCount()).isZero();
    }
}
