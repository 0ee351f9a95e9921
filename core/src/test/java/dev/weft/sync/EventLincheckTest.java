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
 * Linearizability of {@link Event}'s non-blocking operations ({@code set}, {@code clear},
 * {@code isSet} and {@code await(Duration.ZERO)}) against the sequential event, with Lincheck's
 * model checker and with stress runs. The blocking forms are covered by {@link EventTest}.
 */
@Tag("lincheck")
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public class EventLincheckTest {

    private final Event event = new Event();

    @Operation
    public void set() {
        event.set();
    }

    @Operation
    public void clear() {
        event.clear();
    }

    @Operation
    public boolean isSet() {
        return event.isSet();
    }

    @Operation
    public boolean awaitZero() throws InterruptedException {
        return event.await(Duration.ZERO);
    }

    @Test
    void modelChecking() {
        new ModelCheckingOptions()
                .iterations(30)
                .invocationsPerIteration(500)
                .threads(3)
                .actorsPerThread(3)
                .check(EventLincheckTest.class);
    }

    @Test
    void stress() {
        new StressOptions()
                .iterations(30)
                .invocationsPerIteration(2000)
                .threads(3)
                .actorsPerThread(3)
                .check(EventLincheckTest.class);
    }
}
