package dev.weft.examples.byexample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.examples.ExampleConsole;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The "Press Enter to stop..." programs: each runs in a thread of its own while the test waits
 * for the lines a user would wait for, then presses Enter.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ByExampleExamplesTest {

    private static final String PROMPT = "Press Enter to stop...";

    /** The numbers of the "counter: n" lines, in order; checks they are 0, 1, 2, ... */
    private static void assertCountsFromZero(List<String> lines, int atLeast) {
        List<String> counters = lines.stream().filter(l -> l.startsWith("counter: ")).toList();
        assertThat(counters).hasSizeGreaterThanOrEqualTo(atLeast);
        assertThat(counters).containsExactlyElementsOf(
                IntStream.range(0, counters.size()).mapToObj(i -> "counter: " + i).toList());
    }

    @Test
    void ch11_01_runningFlagThread() throws Exception {
        var console = new ExampleConsole();
        var example = ExampleConsole.start("ch11_01", () -> RunningFlagThread.run(console.out(), console.in()));
        console.awaitLine(PROMPT);
        console.awaitLine("counter: 1");
        console.pressEnter();
        example.joinSuccessfully();

        List<String> lines = console.lines();
        assertThat(lines).containsOnlyOnce(PROMPT);
        assertThat(lines).allMatch(l -> l.equals(PROMPT) || l.startsWith("counter: "));
        assertCountsFromZero(lines, 2);
    }

    @Test
    void ch11_02_stoppableThread() throws Exception {
        var console = new ExampleConsole();
        var example = ExampleConsole.start("ch11_02", () -> StoppableThread.run(console.out(), console.in()));
        console.awaitLine(PROMPT);
        console.awaitLine("counter: 1");
        console.pressEnter();
        example.joinSuccessfully();

        List<String> lines = console.lines();
        assertThat(lines).containsOnlyOnce(PROMPT, "stopping thread...");
        assertThat(lines).allMatch(l -> l.equals(PROMPT) || l.equals("stopping thread...") || l.startsWith("counter: "));
        assertCountsFromZero(lines, 2);
    }

    @Test
    void ch11_02_stopBeforeTheThreadRunsStillStopsIt() throws Exception {
        var console = new ExampleConsole();
        var t = new StoppableThread.MyThread(console.out());
        t.setDaemon(true);
        t.start();
        t.stopRunning();
        assertThat(t.join(ExampleConsole.LONG)).isTrue();
    }

    @Test
    void ch11_03_mutexLockThreads() throws Exception {
        var console = new ExampleConsole();
        var example = ExampleConsole.start("ch11_03", () -> MutexLockThreads.run(console.out(), console.in()));
        console.awaitLine(PROMPT);
        console.awaitLines(lines -> lines.stream().anyMatch(l -> l.endsWith("from  Thread 1"))
                && lines.stream().anyMatch(l -> l.endsWith("from  Thread 2")), "a value from each thread");
        console.pressEnter();
        example.joinSuccessfully();

        List<String> lines = console.lines();
        assertThat(lines).containsOnlyOnce(PROMPT, "stopping  Thread 1", "stopping  Thread 2");
        assertThat(lines.indexOf("stopping  Thread 1")).isLessThan(lines.indexOf("stopping  Thread 2"));
        // Incremented and printed under the lock: the values come out 1, 2, 3, ... in order.
        Pattern valueLine = Pattern.compile("value: (\\d+)  from  Thread [12]");
        List<Integer> values = new ArrayList<>();
        for (String l : lines) {
            Matcher m = valueLine.matcher(l);
            if (m.matches()) {
                values.add(Integer.parseInt(m.group(1)));
            } else {
                assertThat(l).isIn(PROMPT, "stopping  Thread 1", "stopping  Thread 2");
            }
        }
        assertThat(values).hasSizeGreaterThanOrEqualTo(2);
        assertThat(values).containsExactlyElementsOf(IntStream.rangeClosed(1, values.size()).boxed().toList());
    }

    @Test
    void ch11_04_eventReleasesWorkers() throws Exception {
        var console = new ExampleConsole();
        var example = ExampleConsole.start("ch11_04", () -> EventReleasesWorkers.run(console.out(), console.in()));
        console.awaitLine(PROMPT);
        console.awaitLines(lines -> lines.stream().filter(l -> l.startsWith("done from ")).count() == 3,
                "the three workers to be done");
        console.pressEnter();
        example.joinSuccessfully();

        List<String> lines = console.lines();
        List<String> expected = new ArrayList<>(List.of("Send a signal to start processing", PROMPT, "Done all"));
        for (String name : List.of("Thread 1", "Thread 2", "Thread 3")) {
            expected.addAll(List.of("waiting from  " + name, "processing from  " + name, "done from  " + name));
        }
        assertThat(lines).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(lines.getLast()).isEqualTo("Done all");
        int signal = lines.indexOf("Send a signal to start processing");
        assertThat(lines.indexOf(PROMPT)).isGreaterThan(signal);
        for (String name : List.of("Thread 1", "Thread 2", "Thread 3")) {
            int waiting = lines.indexOf("waiting from  " + name);
            int processing = lines.indexOf("processing from  " + name);
            int done = lines.indexOf("done from  " + name);
            assertThat(waiting).isLessThan(processing);
            assertThat(processing).isGreaterThan(signal).isLessThan(done);
        }
    }

    @Test
    void ch11_05_queueWorkers() throws Exception {
        var console = new ExampleConsole();
        var example = ExampleConsole.start("ch11_05", () -> QueueWorkers.run(console.out(), console.in()));
        console.awaitLine(PROMPT);
        console.pressEnter();
        example.joinSuccessfully();

        List<String> lines = console.lines();
        assertThat(lines).hasSize(1 + 15 + 3 + 2);
        assertThat(lines.getFirst()).isEqualTo("populate jobs");
        assertThat(lines.subList(16, 21)).containsExactly(
                "thread stopped", "thread stopped", "thread stopped", PROMPT, "Done all");
        Pattern jobLine = Pattern.compile("run job (\\d+)  from (Thread [123])");
        List<Integer> jobs = new ArrayList<>();
        Map<String, List<Integer>> byThread = new HashMap<>();
        for (String l : lines.subList(1, 16)) {
            Matcher m = jobLine.matcher(l);
            assertThat(m.matches()).as(l).isTrue();
            int job = Integer.parseInt(m.group(1));
            jobs.add(job);
            byThread.computeIfAbsent(m.group(2), _ -> new ArrayList<>()).add(job);
        }
        assertThat(jobs).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 15).boxed().toList());
        // Each worker takes its jobs from the FIFO queue one after the other: in increasing order.
        byThread.values().forEach(taken -> assertThat(taken).isSorted());
    }

    @Test
    void ch11_08_threadPoolResultsQueue() throws Exception {
        long seed = 1108;
        List<String> lines = ExampleConsole.linesOf(out -> ThreadPoolResultsQueue.run(out, new Random(seed)));
        assertThat(lines).hasSize(1 + 14 + 1);
        assertThat(lines.getFirst()).isEqualTo("Print results");
        assertThat(lines.getLast()).matches("total time: \\d+\\.\\d{6} seconds");

        // The same draws as the script: randint(1, 10) three times per task, in the calling thread.
        var random = new Random(seed);
        List<String> expected = new ArrayList<>();
        for (int i = 1; i < 15; i++) {
            int a = random.nextInt(1, 11);
            int b = random.nextInt(1, 11);
            int c = random.nextInt(1, 11);
            expected.add(String.valueOf(a * b * 10 - c * 2));
        }
        // In the order the tasks finished, which the random sleeps decide.
        assertThat(lines.subList(1, 15)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void ch11_08_unseededResultsAreInRange() throws Exception {
        List<String> lines = ExampleConsole.linesOf(ThreadPoolResultsQueue::run);
        assertThat(lines).hasSize(16);
        // a * b * 10 - c * 2 with a, b, c in 1..10
        assertThat(lines.subList(1, 15)).allSatisfy(
                l -> assertThat(Integer.parseInt(l)).isBetween(1 * 1 * 10 - 10 * 2, 10 * 10 * 10 - 1 * 2));
    }
}
