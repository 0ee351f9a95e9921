package dev.weft.sync;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Linearizability of {@link BoundedSemaphore}'s non-blocking operations against the sequential
 * semaphore, with Lincheck's model checker and with stress runs: {@code tryAcquire()},
 * {@code tryAcquire(Duration.ZERO)}, {@code release()} (an over-release answers a marker instead
 * of the {@link IllegalStateException}, so a lost or invented permit shows as a wrong result),
 * {@code drainPermits} and {@code availablePermits}. The blocking forms are covered by
 * {@link BoundedSemaphoreTest} and {@link BoundedSemaphoreStressTest}.
 */
@Tag("lincheck")
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public class BoundedSemaphoreLincheckTest {

    private final BoundedSemaphore semaphore = new BoundedSemaphore(2);

    @Operation
    public boolean tryAcquire() {
        return semaphore.tryAcquire();
    }

    @Operation
    public boolean tryAcquireZero() throws InterruptedException {
        return semaphore.tryAcquire(Duration.ZERO);
    }

    @Operation
    public String release() {
        try {
            semaphore.release();
            return "released";
        } catch (IllegalStateException overRelease) {
            return "over-release";
        }
    }

    @Operation
    public int drainPermits() {
        return semaphore.drainPermits();
    }

    @Operation
    public int availablePermits() {
        return semaphore.availablePermits();
    }

    @Test
    void modelChecking() {
        new ModelCheckingOptions()
                .iterations(30)
                .invocationsPerIteration(500)
                .threads(3)
                .actorsPerThread(3)
                .check(BoundedSemaphoreLincheckTest.class);
    }

    @Test
    void stress() {
        new StressOptions()
                .iterations(30)
                .invocationsPerIteration(2000)
                .threads(3)
                .actorsPerThread(3)
                .check(BoundedSemaphoreLincheckTest.class);
    }
}
