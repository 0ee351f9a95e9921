package dev.weft.examples.cookbook;

import static dev.weft.examples.ExampleConsole.linesOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Cookbook's 12.12 "Using Generators As an Alternative to Threads": the exact output. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GeneratorExamplesTest {

    @Test
    void generatorTaskScheduler() throws Exception {
        assertThat(linesOf(GeneratorTaskScheduler::run)).containsExactly(
                "T-minus 10",
                "T-minus 5",
                "Counting up 0",
                "T-minus 9",
                "T-minus 4",
                "Counting up 1",
                "T-minus 8",
                "T-minus 3",
                "Counting up 2",
                "T-minus 7",
                "T-minus 2",
                "Counting up 3",
                "T-minus 6",
                "T-minus 1",
                "Counting up 4",
                "T-minus 5",
                "Blastoff!",
                "Counting up 5",
                "T-minus 4",
                "Counting up 6",
                "T-minus 3",
                "Counting up 7",
                "T-minus 2",
                "Counting up 8",
                "T-minus 1",
                "Counting up 9",
                "Blastoff!",
                "Counting up 10",
                "Counting up 11",
                "Counting up 12",
                "Counting up 13",
                "Counting up 14",
                "deque([])");
    }

    @Test
    void generatorActorScheduler() throws Exception {
        assertThat(linesOf(GeneratorActorScheduler::run)).containsExactly(
                "Got: 7", "Got: 6", "Got: 5", "Got: 4", "Got: 3", "Got: 2", "Got: 1");
    }

    @Test
    void theExamplesRunTheSameTwice() throws Exception {
        assertThat(linesOf(GeneratorTaskScheduler::run)).isEqualTo(linesOf(GeneratorTaskScheduler::run));
        assertThat(linesOf(GeneratorActorScheduler::run)).isEqualTo(linesOf(GeneratorActorScheduler::run));
    }
}
