package dev.weft.subprocess;

import static dev.weft.subprocess.Mechanisms.with;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Many threads running children at once: no output mixed up, no descriptor leaked. */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ConcurrentRunTest {
    private static final int THREADS = 4;
    private static final int RUNS = 60;

    @ParameterizedTest
    @MethodSource("dev.weft.subprocess.Mechanisms#available")
    void concurrentRunsEachGetTheirOwnOutputAndLeakNoDescriptors(LaunchMechanism m) throws Exception {
        Set<String> before = Descriptors.pipesAndPidfds();

        runAll(m);

        // Every pipe and pidfd a run made is closed before run returns.
        assertThat(Descriptors.pipesAndPidfds()).isSubsetOf(before);
    }

    private static void runAll(LaunchMechanism m) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(pool.submit((Callable<Void>) () -> {
                    for (int i = 0; i < RUNS; i++) {
                        String token = thread + ":" + i;
                        CompletedProcess<String> r = Subprocess.run(List.of("sh", "-c", "cat; echo \"$0\" >&2", token),
                                with(m).input(token).captureOutput().text());
                        assertThat(r.stdout()).isEqualTo(token);
                        assertThat(r.stderr()).isEqualTo(token + "\n");
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
