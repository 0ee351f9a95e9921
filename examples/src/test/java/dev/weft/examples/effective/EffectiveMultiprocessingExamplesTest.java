package dev.weft.examples.effective;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.examples.ExampleConsole;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Item 37 with processes: the factors are checked, never the speed. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EffectiveMultiprocessingExamplesTest {

    /** The factors of the book's numbers, 2139079, 218502, 589213 and 789123. */
    private static final List<List<Integer>> FACTORS = List.of(
            List.of(1, 101, 21179, 2139079),
            List.of(1, 2, 3, 6, 9, 18, 61, 122, 183, 199, 366, 398, 549, 597, 1098, 1194, 1791, 3582,
                    12139, 24278, 36417, 72834, 109251, 218502),
            List.of(1, 589213),
            List.of(1, 3, 17, 51, 15473, 46419, 263041, 789123));

    @Test
    void item37_factorizeWithProcesses() throws Exception {
        var console = new ExampleConsole();
        FactorizeWithProcesses.Factors factors = FactorizeWithProcesses.run(console.out());
        assertThat(factors.serial()).isEqualTo(FACTORS);
        assertThat(factors.processes()).isEqualTo(FACTORS);
        assertThat(console.lines()).hasSize(2).allMatch(l -> l.matches("Took \\d+\\.\\d{3} seconds"));
    }
}
