package dev.weft.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Found by porting the seeds' multiprocessing listings (issue 5 examples); fixed with them. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ExamplesFindingsTest {

    /** Python: terminate() sends SIGTERM and exitcode is -15, also for a child that is running. */
    @Test
    void terminateOfARunningChildGivesMinusFifteen() throws Exception {
        Queue<String> started = new Queue<>();
        Process p = new Process(() -> {
            started.put("running");
            Thread.sleep(60_000);
        });
        p.start();
        assertThat(started.get(Duration.ofSeconds(30))).isEqualTo("running");
        p.terminate();
        p.join();
        assertThat(p.exitCode()).hasValue(-15);
    }

    /** The executor's map, as the first call with a function: its class must be decodable in the workers. */
    @Test
    void processPoolExecutorMapAsFirstCallWorks() throws Exception {
        assertThat(org.example.findings.MapAsFirstCall.run()).containsExactly(2, 4, 6);
    }
}
