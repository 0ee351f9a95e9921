package dev.weft.examples.recipes;

import static dev.weft.examples.ExampleConsole.linesOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.examples.ExampleConsole;
import dev.weft.process.Process;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Listings 10-4 to 10-8: a process, a pipe, a queue and a pool; each runs real child JVMs. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RecipesMultiprocessingExamplesTest {

    @Test
    void listing10_4_adderProcess() throws Exception {
        var console = new ExampleConsole();
        Process proc1 = AdderProcess.run(console.out());
        assertThat(proc1.exitCode()).hasValue(0);
        assertThat(proc1.isAlive()).isFalse();
        assertThat(console.lines()).singleElement().asString()
                .matches("<Process name='Process-\\d+' stopped, exitcode 0>");
    }

    @Test
    void listing10_5_pipeBetweenProcesses() throws Exception {
        assertThat(linesOf(PipeBetweenProcesses::run)).containsExactly("[hello, world]");
    }

    @Test
    void listing10_6_queueBetweenProcesses() throws Exception {
        assertThat(linesOf(QueueBetweenProcesses::run)).containsExactly("[hello, world]");
    }

    @Test
    void listings10_7_and_10_8_poolMapAdder() throws Exception {
        assertThat(linesOf(PoolMapAdder::run)).containsExactly(
                "[0, 2, 4, 6, 8, 10, 12, 14, 16, 18]",
                "[0, 2, 4, 6, 8, 10, 12, 14, 16, 18]");
    }
}
