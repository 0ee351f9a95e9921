package dev.weft.examples.cookbook;

import static dev.weft.examples.ExampleConsole.linesOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.examples.ExampleConsole;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CookbookExamplesTest {

    private static List<String> countdown(int from, int to) {
        return IntStream.iterate(from, n -> n >= to, n -> n - 1).mapToObj(n -> "T-minus " + n).toList();
    }

    // ------------------------------------------------------------ 12.1 starting and stopping

    @Test
    void countdownThread() throws Exception {
        List<String> expected = new java.util.ArrayList<>(countdown(5, 1));
        expected.add("false");
        assertThat(linesOf(CountdownThread::run)).containsExactlyElementsOf(expected);
    }

    @Test
    void daemonCountdownThread() throws Exception {
        assertThat(linesOf(DaemonCountdownThread::run)).containsExactlyElementsOf(countdown(5, 1));
    }

    @Test
    void daemonCountdownThreadIsADaemon() throws Exception {
        Thread t = DaemonCountdownThread.start(new ExampleConsole().out());
        assertThat(t.isDaemon()).isTrue();
        assertThat(t.join(ExampleConsole.LONG)).isTrue();
    }

    @Test
    void countdownTaskExample() throws Exception {
        List<String> lines = linesOf(CountdownTaskExample::run);
        // Terminated after a pause of 1.5 ticks: a non-empty prefix of the countdown.
        assertThat(lines).isNotEmpty();
        assertThat(countdown(10, 1).subList(0, lines.size())).isEqualTo(lines);
    }

    @Test
    void countdownTaskStopsAtTheFirstCheckAfterTerminate() throws Exception {
        var task = new CountdownTaskExample.CountdownTask(Duration.ofMillis(1));
        ExampleConsole console = new ExampleConsole();
        // Terminate from inside the print of "T-minus 9", as the notebook's user did after seeing it.
        PrintStream out = new PrintStream(console.out(), true, StandardCharsets.UTF_8) {
            @Override
            public void println(String line) {
                super.println(line);
                if (line.equals("T-minus 9")) {
                    task.terminate();
                }
            }
        };
        task.run(out, 10);
        assertThat(console.lines()).containsExactly("T-minus 10", "T-minus 9");
    }

    @Test
    void countdownTaskTerminatedBeforeItRunsPrintsNothing() throws Exception {
        var task = new CountdownTaskExample.CountdownTask();
        task.terminate();
        assertThat(linesOf(out -> task.run(out, 10))).isEmpty();
    }

    @Test
    void ioTaskExample() throws Exception {
        assertThat(linesOf(IOTaskExample::run)).containsExactly(
                "IOTask received: hello",
                "IOTask terminated before any data came");
    }

    @Test
    void ioTaskReturnsAnEmptyArrayAtEndOfStreamAndNullWhenTerminated() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(0, 50, loopback);
                Socket sock = new Socket(loopback, server.getLocalPort());
                Socket peer = server.accept()) {
            var terminated = new IOTaskExample.IOTask();
            terminated.terminate();
            assertThat(terminated.run(sock)).isNull();

            peer.shutdownOutput();
            assertThat(new IOTaskExample.IOTask().run(sock)).isEmpty();
        }
    }

    // ------------------------------------------------------------ 12.2 events, periodic timer

    @Test
    void threadStartedEvent() throws Exception {
        List<String> lines = linesOf(ThreadStartedEvent::run);
        assertThat(lines).hasSize(8);
        assertThat(lines.subList(0, 2)).containsExactly("Launching countdown", "countdown starting");
        assertThat(lines).containsOnlyOnce("countdown is running");
        List<String> countdownLines = lines.stream().filter(l -> !l.equals("countdown is running")).toList();
        List<String> expected = new java.util.ArrayList<>(List.of("Launching countdown", "countdown starting"));
        expected.addAll(countdown(5, 1));
        assertThat(countdownLines).containsExactlyElementsOf(expected);
    }

    @Test
    void periodicTimerExample() throws Exception {
        List<String> lines = linesOf(PeriodicTimerExample::run);
        assertThat(lines).hasSize(15);
        assertThat(lines.stream().filter(l -> l.startsWith("T-minus ")))
                .containsExactlyElementsOf(countdown(10, 1));
        assertThat(lines.stream().filter(l -> l.startsWith("Counting ")))
                .containsExactly("Counting 0", "Counting 1", "Counting 2", "Counting 3", "Counting 4");
    }

    // ------------------------------------------------------------ 12.3 queues

    @Test
    void producerConsumer() throws Exception {
        assertThat(linesOf(ProducerConsumer::run)).containsExactly("1", "2", "3", "4", "5");
    }

    @Test
    void sentinelShutdown() throws Exception {
        assertThat(linesOf(SentinelShutdown::run)).containsExactly("1", "2", "3", "4", "5");
    }

    @Test
    void perItemAcknowledgement() throws Exception {
        assertThat(linesOf(PerItemAcknowledgement::run)).containsExactly("5", "4", "3", "2", "1");
    }

    // ------------------------------------------------------------ 12.4 to 12.6 locks, local state

    @Test
    void sharedCounter() throws Exception {
        assertThat(linesOf(SharedCounterExample::run))
                .containsExactly("after 4 x 10000 incr() and 2 x 10000 decr(): value = 20000");
    }

    @Test
    void sharedCounterWithDeltas() {
        var counter = new SharedCounterExample.SharedCounter(10);
        counter.incr(5);
        counter.decr(3);
        counter.decr();
        assertThat(counter.value()).isEqualTo(11);
    }

    @Test
    void deadlockAvoidance() throws Exception {
        List<String> lines = linesOf(DeadlockAvoidance::run);
        assertThat(lines).hasSize(8);
        assertThat(lines.subList(0, 6)).containsExactlyInAnyOrder(
                "Thread-1", "Thread-1", "Thread-1", "Thread-2", "Thread-2", "Thread-2");
        assertThat(lines.subList(6, 8)).containsExactly(
                "nested acquire of y_lock while holding x_lock: ok",
                "nested acquire of x_lock while holding y_lock: Lock Order Violation");
    }

    @Test
    void threadLocalState() throws Exception {
        assertThat(linesOf(ThreadLocalState::run)).containsExactly(
                "main: acquired = [x_lock]",
                "worker: acquired before set = null",
                "worker: acquired = [y_lock]",
                "main: acquired after the worker ran = [x_lock]");
    }

    @Test
    void lazyConnectionExample() throws Exception {
        assertThat(linesOf(LazyConnectionExample::run)).containsExactly(
                "Got 400 bytes",
                "Got 400 bytes",
                "false",
                "the server answered 2 connections");
    }

    @Test
    void lazyConnectionRefusesASecondConnectionInTheSameThread() throws Exception {
        try (var server = LazyConnectionExample.LoopbackHttpServer.start()) {
            var conn = new LazyConnectionExample.LazyConnection(server.address());
            try (var c = conn.open()) {
                assertThat(c.socket().isConnected()).isTrue();
                assertThatThrownBy(conn::open)
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessage("Already connected");
            }
            // After the with block, this thread may connect again.
            try (var c = conn.open()) {
                assertThat(c.socket().isConnected()).isTrue();
            }
        }
    }

    // ------------------------------------------------------------ 12.7 thread pools

    @Test
    void threadPoolSubmit() throws Exception {
        List<String> lines = linesOf(ThreadPoolSubmit::run);
        assertThat(lines).hasSize(6);
        assertThat(lines.stream().filter(l -> l.equals("Executing our Task"))).hasSize(2);
        assertThat(lines.stream().filter(l -> l.equals("I: 499999500000"))).hasSize(2);
        List<String> executed = lines.stream().filter(l -> l.startsWith("Task Executed ")).toList();
        assertThat(executed).hasSize(2);
        // Two tasks need at most two of the three workers: ThreadPoolExecutor-<pool>_0 or _1.
        assertThat(executed).allMatch(
                l -> l.matches("Task Executed Thread\\[#\\d+,ThreadPoolExecutor-\\d+_[01],.*\\]"), "a worker");
        // Each task prints its three lines in order: the first line is a start, the last an end.
        assertThat(lines.getFirst()).isEqualTo("Executing our Task");
        assertThat(lines.getLast()).startsWith("Task Executed ");
        assertThat(lines.indexOf("I: 499999500000")).isGreaterThan(0);
    }

    @Test
    void threadPoolWithStatement() throws Exception {
        List<String> lines = linesOf(ThreadPoolWithStatement::run);
        assertThat(lines).hasSize(5);
        assertThat(lines.getFirst()).isEqualTo("Starting ThreadPoolExecutor");
        assertThat(lines.subList(1, 4)).containsExactlyInAnyOrder("Processing 2", "Processing 3", "Processing 4");
        assertThat(lines.getLast()).isEqualTo("All tasks complete");
    }

    // ------------------------------------------------------------ 12.13 polling several queues

    @Test
    void pollingMultipleQueues() throws Exception {
        List<String> lines = linesOf(PollingMultipleQueues::run);
        assertThat(lines).containsExactlyInAnyOrder("Got: 1", "Got: 10", "Got: hello", "Got: 15");
        assertThat(lines.indexOf("Got: 10")).isLessThan(lines.indexOf("Got: 15")); // both from q2
    }
}
