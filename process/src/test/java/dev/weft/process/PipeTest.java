package dev.weft.process;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD;

import dev.weft.process.internal.hub.Hub;
import dev.weft.process.internal.hub.ItemCodec;
import dev.weft.process.internal.hub.RemoteRef;
import java.io.EOFException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Pipe} and {@link Connection}: both ends in this process, an end attached through this
 * JVM's hub socket (as another process would), and ends handed to real child JVMs.
 */
@Timeout(value = 30, unit = SECONDS, threadMode = SEPARATE_THREAD)
class PipeTest {
    private static final Duration SHORT = Duration.ofMillis(100);

    /** A new handle on {@code c}'s end attached through the socket, as another process's would be. */
    static Connection remote(Connection c) throws IOException {
        RemoteRef ref = c.export(); // what encoding it for another process makes
        return Connection.attachRemote(ref);
    }

    @Test
    void localPingPongBothWays() throws Exception {
        try (Pipe pipe = Pipe.open()) {
            pipe.first().send(Map.of("ping", 1));
            assertThat(pipe.second().recv()).isEqualTo(Map.of("ping", 1));
            pipe.second().sendBytes(new byte[] {1, 2, 3, 4}, 1, 2);
            assertThat(pipe.first().recvBytes()).containsExactly(2, 3);
            assertThat(pipe.first().readable()).isTrue();
            assertThat(pipe.first().writable()).isTrue();
        }
    }

    @Test
    void pingPongThroughTheSocket() throws Exception {
        try (Pipe pipe = Pipe.open()) {
            Connection far = remote(pipe.second());
            pipe.second().close();
            for (int i = 0; i < 100; i++) {
                pipe.first().send(i);
                assertThat(far.recv()).isEqualTo(i);
                far.send("r" + i);
                assertThat(pipe.first().recv()).isEqualTo("r" + i);
            }
            far.close();
            assertThatThrownBy(() -> pipe.first().recv()).isInstanceOf(EOFException.class);
        }
    }

    @Test
    void aOneWayPipeRefusesTheWrongDirectionNamingIt() throws Exception {
        try (Pipe pipe = Pipe.open(false)) {
            assertThat(pipe.duplex()).isFalse();
            assertThat(pipe.first().readable()).isTrue();
            assertThat(pipe.first().writable()).isFalse();
            assertThat(pipe.second().readable()).isFalse();
            assertThatThrownBy(() -> pipe.first().send("x")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("read-only");
            assertThatThrownBy(() -> pipe.second().recv()).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("write-only");
            Connection farSender = remote(pipe.second());
            assertThatThrownBy(farSender::poll).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("write-only");
            farSender.send("one way");
            assertThat(pipe.first().recv()).isEqualTo("one way");
            farSender.close();
        }
    }

    @Test
    void pollWaitsAtMostItsTimeout() throws Exception {
        try (Pipe pipe = Pipe.open()) {
            Connection far = remote(pipe.second());
            for (Connection c : List.of(pipe.second(), far)) {
                assertThat(c.poll()).isFalse();
                long start = System.nanoTime();
                assertThat(c.poll(Duration.ofMillis(150))).isFalse();
                assertThat((System.nanoTime() - start) / 1_000_000).isBetween(140L, 2_000L);
                assertThatThrownBy(() -> c.poll(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
                pipe.first().send("x");
                assertThat(c.poll(Duration.ofSeconds(5))).isTrue();
                assertThat(c.recv()).isEqualTo("x");
            }
            far.close();
        }
    }

    @Test
    void recvBytesRefusesALongerMessageAndLeavesIt() throws Exception {
        try (Pipe pipe = Pipe.open()) {
            Connection far = remote(pipe.second());
            for (Connection c : List.of(pipe.second(), far)) {
                pipe.first().sendBytes(new byte[10]);
                assertThatThrownBy(() -> c.recvBytes(5)).isInstanceOf(IOException.class)
                        .hasMessageContaining("10 bytes").hasMessageContaining("maxLength 5");
                assertThat(c.recvBytes(10)).hasSize(10);
                assertThatThrownBy(() -> c.recvBytes(-1)).isInstanceOf(IllegalArgumentException.class);
            }
            far.close();
        }
    }

    @Test
    void anInterruptedRecvReceivesNothing() throws Exception {
        try (Pipe pipe = Pipe.open()) {
            Connection far = remote(pipe.second());
            for (Connection c : List.of(pipe.second(), far)) {
                AtomicReference<Throwable> outcome = new AtomicReference<>();
                CountDownLatch started = new CountDownLatch(1);
                Thread receiver = Thread.ofPlatform().start(() -> {
                    started.countDown();
                    try {
                        outcome.set(new AssertionError("received " + c.recv()));
                    } catch (Throwable t) {
                        outcome.set(t);
                    }
                });
                started.await();
                while (receiver.getState() != Thread.State.WAITING) {
                    Thread.onSpinWait();
                }
                receiver.interrupt();
                receiver.join();
                assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
                pipe.first().send("after");
                assertThat(c.recv()).isEqualTo("after");
            }
            far.close();
        }
    }

    @Test
    void eofOnceEveryHolderClosedAndBrokenPipeForTheSender() throws Exception {
        Pipe pipe = Pipe.open();
        Connection far = remote(pipe.second());
        pipe.second().send("left behind");
        pipe.second().close();
        assertThat(pipe.first().poll(SHORT)).isTrue();
        assertThat(pipe.first().recv()).isEqualTo("left behind");
        assertThat(pipe.first().poll()).isFalse(); // the far copy still holds the end
        far.close();
        assertThat(pipe.first().poll(Duration.ofSeconds(5))).isTrue(); // end-of-file is ready
        assertThatThrownBy(() -> pipe.first().recv()).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> pipe.first().send("x")).isInstanceOf(IOException.class).hasMessageContaining("broken pipe");
        assertThatThrownBy(() -> pipe.second().send("x")).isInstanceOf(IOException.class).hasMessageContaining("closed");
        assertThat(pipe.second().isClosed()).isTrue();
        pipe.close();
    }

    @Test
    void aCopyInTransitThatNobodyClaimsExpires() throws Exception {
        Duration before = Hub.transferGrace();
        Hub.transferGrace(Duration.ofMillis(300));
        try (Pipe pipe = Pipe.open()) {
            ItemCodec.encode(pipe.second()); // a copy that is never decoded
            pipe.second().close();
            assertThat(pipe.first().poll(SHORT)).isFalse(); // the copy in transit still holds the end
            assertThat(pipe.first().poll(Duration.ofSeconds(10))).isTrue();
            assertThatThrownBy(() -> pipe.first().recv()).isInstanceOf(EOFException.class);
        } finally {
            Hub.transferGrace(before);
        }
    }

    @Test
    void anEndTravelsInsideAQueueItemAndStillCountsAsAHolder() throws Exception {
        try (Pipe pipe = Pipe.open()) {
            Queue<List<Object>> q = new Queue<>();
            q.put(List.of("end", pipe.second()));
            pipe.second().close();
            Connection received = (Connection) q.get().get(1);
            assertThat(pipe.first().poll()).isFalse(); // the copy from the queue holds the end open
            received.send("through the queue");
            assertThat(pipe.first().recv()).isEqualTo("through the queue");
            received.close();
            assertThatThrownBy(() -> pipe.first().recv()).isInstanceOf(EOFException.class);
        }
    }

    // ------------------------------------------------------------------ real child processes

    @Test
    void aChildEchoesThroughTheEndItWasGiven() throws Exception {
        try (Pipe pipe = Pipe.open(); Children.Child child = Children.start("echo", pipe.second())) {
            pipe.second().close();
            for (Object m : List.of("hello", 42, List.of(1, 2), new byte[] {7})) {
                pipe.first().send(m);
                Object echoed = pipe.first().recv();
                if (m instanceof byte[] b) {
                    assertThat((byte[]) echoed).isEqualTo(b);
                } else {
                    assertThat(echoed).isEqualTo(m);
                }
            }
            pipe.first().close(); // the child's recv sees end-of-file and it exits
            assertThat(child.exitCode()).isZero();
        }
    }

    @Test
    void theParentGetsTheChildsMessagesThenEofWhenItExits() throws Exception {
        try (Pipe pipe = Pipe.open(false); Children.Child child = Children.start("send", pipe.second(), 50)) {
            pipe.second().close(); // Python's idiom: the parent keeps only its own end
            for (int i = 0; i < 50; i++) {
                assertThat(pipe.first().recv()).isEqualTo("m" + i);
            }
            assertThatThrownBy(() -> pipe.first().recv()).isInstanceOf(EOFException.class);
            assertThat(child.exitCode()).isZero();
        }
    }
}
