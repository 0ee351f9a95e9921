package dev.weft.subprocess.internal.posix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.subprocess.internal.Child;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A thread waiting for a child, without limit or with a huge one, notices an interrupt while it is
 * inside poll(2): the slice must stay bounded however large the wait (a rounding overflow once
 * turned it into poll's "wait for ever").
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PosixChildInterruptTest {
    @RegisterExtension
    final Children children = new Children();

    @ParameterizedTest
    @ValueSource(longs = {Long.MAX_VALUE, Long.MAX_VALUE - 1})
    void anUnboundedOrHugeAwaitNoticesAnInterruptWhileInPoll(long nanos) throws Exception {
        Child c = children.start("sleep", "20");
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread waiter = Thread.ofPlatform().start(() -> {
            try {
                c.await(nanos);
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        Children.awaitInPoll(waiter);
        waiter.interrupt();

        assertThat(outcome.get(5, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
    }
}
