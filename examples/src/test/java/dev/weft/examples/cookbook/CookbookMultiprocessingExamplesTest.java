package dev.weft.examples.cookbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.examples.ExampleConsole;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** 12.8 "Performing Simple Parallel Programming": tasks that print from worker JVMs. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CookbookMultiprocessingExamplesTest {

    /** Runs {@code example} with the workers' output on the console, and returns its two lines. */
    private static List<String> twoWorkerLines(ExampleConsole.OutputOnly example) throws Exception {
        var console = new ExampleConsole();
        try (var redirect = console.redirectSystemOutput()) {
            example.run(console.out());
            // A worker's line is forwarded by a thread of this JVM: it may come just after the pool ends.
            console.awaitLines(lines -> lines.size() >= 2, "a line from each task");
        }
        assertThat(console.lines()).hasSize(2);
        return console.lines();
    }

    /** Checks each line names a pid other than this JVM's: a worker's. */
    private static void assertWorkerPids(List<String> lines, Pattern line) {
        for (String l : lines) {
            Matcher m = line.matcher(l);
            assertThat(m.matches()).as(l).isTrue();
            assertThat(Long.parseLong(m.group(1))).isNotEqualTo(ProcessHandle.current().pid());
        }
    }

    @Test
    void processPoolSubmit() throws Exception {
        assertWorkerPids(twoWorkerLines(ProcessPoolSubmit::run),
                Pattern.compile("Executing our Task on Process (\\d+)"));
    }

    @Test
    void processPoolWithStatement() throws Exception {
        assertWorkerPids(twoWorkerLines(ProcessPoolWithStatement::run),
                Pattern.compile("Executing our Task on Process: (\\d+)"));
    }
}
