package dev.weft.examples.recipes;

import static dev.weft.examples.ExampleConsole.linesOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RecipesExamplesTest {

    @Test
    void listing10_1_printSumThread() throws Exception {
        assertThat(linesOf(PrintSumThread::run)).containsExactly("The sum of 1 and 2 is 3");
    }

    @Test
    void listing10_2_lockedAdder() throws Exception {
        assertThat(linesOf(LockedAdder::run)).containsExactly(
                "sum = 1",
                "acquire(blocking=False) while another thread holds the lock: false",
                "acquire(blocking=False) when the lock is free: true",
                "sum = 2");
    }

    @Test
    void listing10_3_barrierOfFive() throws Exception {
        List<String> lines = linesOf(BarrierOfFive::run);
        assertThat(lines).hasSize(10);
        // Nobody passes before all five have arrived.
        assertThat(lines.subList(0, 5)).containsExactlyInAnyOrderElementsOf(
                IntStream.rangeClosed(1, 5).mapToObj(i -> "Thread-" + i + " waiting at the barrier").toList());
        List<String> passed = lines.subList(5, 10);
        assertThat(passed).allMatch(l -> l.matches("Thread-[1-5] passed the barrier, arrival [0-4]"));
        assertThat(passed.stream().map(l -> l.substring(0, "Thread-n".length())))
                .containsExactlyInAnyOrder("Thread-1", "Thread-2", "Thread-3", "Thread-4", "Thread-5");
        assertThat(passed.stream().map(l -> l.substring(l.length() - 1)))
                .containsExactlyInAnyOrder("0", "1", "2", "3", "4");
    }
}
