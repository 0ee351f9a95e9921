package dev.weft.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** As in Python, apply_async and map_async callbacks have run by the time the result is ready (the sleep in the callback widens the window a wrong order would show in). */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PoolCallbackBeforeReadyTest {

    @Test
    void applyAsyncCallbackHasRunWhenGetReturns() throws Exception {
        AtomicBoolean ran = new AtomicBoolean();
        try (Pool pool = new Pool(1)) {
            AsyncResult<Integer> r = pool.applyAsync((Integer x) -> x + 1, 1, v -> {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                ran.set(true);
            }, null);
            assertThat(r.get(Duration.ofSeconds(30))).isEqualTo(2);
            assertThat(ran).as("the callback has run when get() returns").isTrue();
        }
    }

    @Test
    void mapAsyncCallbackHasRunWhenGetReturns() throws Exception {
        AtomicBoolean ran = new AtomicBoolean();
        try (Pool pool = new Pool(1)) {
            AsyncResult<java.util.List<Integer>> r = pool.mapAsync((Integer x) -> x * 2, java.util.List.of(1, 2, 3), 1, v -> {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                ran.set(true);
            }, null);
            assertThat(r.get(Duration.ofSeconds(30))).containsExactly(2, 4, 6);
            assertThat(ran).as("the callback has run when get() returns").isTrue();
        }
    }
}
