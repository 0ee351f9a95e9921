package dev.weft.examples.byexample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.examples.ExampleConsole;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** ch11_06.py (a process stopped through a pipe) and ch11_09.py (a process pool filling a process queue). */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ByExampleMultiprocessingExamplesTest {

    private static final String PROMPT = "Press Enter to stop...";

    @Test
    void ch11_06_stoppableProcess() throws Exception {
        var console = new ExampleConsole();
        StoppableProcess.MyProcess[] process = new StoppableProcess.MyProcess[1];
        try (var redirect = console.redirectSystemOutput()) {
            var example = ExampleConsole.start("ch11_06",
                    () -> process[0] = StoppableProcess.run(console.out(), console.in()));
            console.awaitLine(PROMPT);
            console.awaitLine("counter: 1"); // printed by the child
            console.pressEnter();
            example.joinSuccessfully();
        }
        // The stop reached the child through the pipe: it ended on its own, within join(1).
        assertThat(process[0].isAlive()).isFalse();
        assertThat(process[0].exitCode()).hasValue(0);

        List<String> lines = console.lines();
        assertThat(lines).containsOnlyOnce(PROMPT, "stopping process...");
        assertThat(lines).allMatch(l -> l.equals(PROMPT) || l.equals("stopping process...") || l.startsWith("counter: "));
        List<String> counters = lines.stream().filter(l -> l.startsWith("counter: ")).toList();
        assertThat(counters).hasSizeGreaterThanOrEqualTo(2);
        assertThat(counters).containsExactlyElementsOf(
                IntStream.range(0, counters.size()).mapToObj(i -> "counter: " + i).toList());
        // join() returned after the child's last line: nothing comes after "stopping process..."
        // but at most the line the child printed while the stop was on its way.
        assertThat(lines.size() - 1 - lines.indexOf("stopping process...")).isLessThanOrEqualTo(1);
    }

    @Test
    void ch11_09_processPoolResultsQueue() throws Exception {
        long seed = 1109;
        List<String> lines = ExampleConsole.linesOf(out -> ProcessPoolResultsQueue.run(out, new Random(seed)));
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
        // Every worker's put arrived before the with block ended; in the order the tasks finished.
        assertThat(lines.subList(1, 15)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void ch11_07_synchronizedProcesses() throws Exception {
        var console = new ExampleConsole();
        dev.weft.process.SharedValue.OfInt[] shared = new dev.weft.process.SharedValue.OfInt[1];
        try (var redirect = console.redirectSystemOutput()) {
            var example = ExampleConsole.start("ch11_07",
                    () -> shared[0] = SynchronizedProcesses.run(console.out(), console.in()));
            console.awaitLine(PROMPT);
            // Both children must have printed before Enter stops them, or the last check below
            // would race a child that a loaded machine started late.
            console.awaitLines(lines -> lines.stream().anyMatch(l -> l.endsWith("from  Process 1"))
                            && lines.stream().anyMatch(l -> l.endsWith("from  Process 2")),
                    "a value line from each process");
            console.pressEnter();
            example.joinSuccessfully();
        }
        List<String> lines = console.lines();
        assertThat(lines).containsOnlyOnce(PROMPT, "stopping  Process 1", "stopping  Process 2");
        List<String> values = lines.stream().filter(l -> l.startsWith("value: ")).toList();
        assertThat(values).allMatch(l -> l.matches("value: \\d+  from  Process [12]"));
        // One counter for both: every number once, from 1 up to the final value.
        List<Integer> numbers = values.stream().map(l -> Integer.parseInt(l.split(" ")[1])).sorted().toList();
        assertThat(numbers).containsExactlyElementsOf(IntStream.rangeClosed(1, numbers.size()).boxed().toList());
        assertThat(shared[0].get()).isEqualTo(numbers.size());
        assertThat(values).anyMatch(l -> l.endsWith("Process 1")).anyMatch(l -> l.endsWith("Process 2"));
        shared[0].close();
    }
}
