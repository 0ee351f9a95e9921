package dev.weft.examples.effective;

import static dev.weft.examples.ExampleConsole.linesOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.examples.ExampleConsole;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The timing listings: the results and the lines are checked, never the speed. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EffectiveExamplesTest {

    private static final String TOOK = "Took \\d+\\.\\d{3} seconds";

    /** The factors of the book's numbers, 2139079, 218502, 589213 and 789123. */
    private static final List<List<Integer>> FACTORS = List.of(
            List.of(1, 101, 21179, 2139079),
            List.of(1, 2, 3, 6, 9, 18, 61, 122, 183, 199, 366, 398, 549, 597, 1098, 1194, 1791, 3582,
                    12139, 24278, 36417, 72834, 109251, 218502),
            List.of(1, 589213),
            List.of(1, 3, 17, 51, 15473, 46419, 263041, 789123));

    @Test
    void item37_factorizeSerialVsThreads() throws Exception {
        var console = new ExampleConsole();
        FactorizeSerialVsThreads.Factors factors = FactorizeSerialVsThreads.run(console.out());
        assertThat(factors.serial()).isEqualTo(FACTORS);
        assertThat(factors.threads()).isEqualTo(FACTORS);
        assertThat(console.lines()).hasSize(2).allMatch(l -> l.matches(TOOK));
    }

    @Test
    void item37_slowSystemCallThreads() throws Exception {
        assertThat(linesOf(SlowSystemCallThreads::run)).hasSize(2).allMatch(l -> l.matches(TOOK));
    }

    @Test
    void item38_counterDataRace() throws Exception {
        List<String> lines = linesOf(CounterDataRace::run);
        assertThat(lines).hasSize(2);
        // Without the lock the count may be anything up to 500000 (even right, by chance).
        assertThat(lines.get(0)).matches("Counter should be 500000, found \\d+, time: \\d+\\.\\d{3}");
        // With it, it is exact.
        assertThat(lines.get(1)).matches("Locking Counter should be 500000, found 500000, time: \\d+\\.\\d{3}");
    }
}
