package dev.weft.subprocess.internal.posix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.subprocess.internal.Child;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Review findings: each test fails on the code as reviewed. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PosixChildInterruptTest {
    @RegisterExtension
    final Children children = new Children();

    /**
     * await(Long.MAX_VALUE) (Popen.waitFor(), Popen.close()) must notice an interrupt that arrives
     * while it sits in poll(2): the slice computation overflows and poll gets a negative
     * (infinite) timeout.
     */
    @Test
    void anUnboundedAwaitNoticesAnInterruptWhileInPoll() throws Exception {
        Child c = children.start("sleep", "20");
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread waiter = Thread.ofPlatform().start(() -> {
            try {
                c.await(Long.MAX_VALUE);
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        Children.awaitInPoll(waiter);
        waiter.interrupt();

        assertThat(outcome.get(5, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
    }

    /** The same with a finite but huge bound (any nanos above Long.MAX_VALUE - 999_999). */
    @Test
    void aHugeAwaitNoticesAnInterruptWhileInPoll() throws Exception {
        Child c = children.start("sleep", "20");
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread waiter = Thread.ofPlatform().start(() -> {
            try {
                c.await(Long.MAX_VALUE - 1);
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
