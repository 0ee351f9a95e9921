package dev.weft.aio;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.futures.SettableFuture;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Streams}, {@link Server}, {@link StreamReader} and {@link StreamWriter} over loopback TCP. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StreamsTest {
    private static final String LOOPBACK = "127.0.0.1";
    /** Generous: the machine is shared, and nothing here should come near it. */
    private static final Duration MARGIN = Duration.ofSeconds(20);

    private static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, UTF_8);
    }

    /** A handler that echoes lines until end-of-file. */
    private static final ClientHandler ECHO = (reader, writer) -> {
        byte[] line;
        while ((line = reader.readline()).length > 0) {
            writer.write(line);
            writer.drain();
        }
    };

    @Test
    void anEchoServerServesSeveralClientsAtOnceOnOneLoop() {
        List<String> replies = Aio.run(() -> {
            try (Server server = Streams.startServer(ECHO, LOOPBACK, 0)) {
                assertThat(server.isServing()).isTrue();
                assertThat(server.port()).isPositive();
                List<Task<String>> clients = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    int n = i;
                    clients.add(Aio.createTask(() -> {
                        try (Streams.Connection c = Streams.openConnection(LOOPBACK, server.port())) {
                            StringBuilder got = new StringBuilder();
                            for (int k = 0; k < 3; k++) {
                                c.writer().write(bytes("client " + n + " line " + k + "\n"));
                                c.writer().drain();
                                Aio.sleep(Duration.ZERO); // let the others interleave
                                got.append(text(c.reader().readline()));
                            }
                            return got.toString();
                        }
                    }));
                }
                return Aio.timeout(MARGIN, () -> Aio.gather(clients));
            }
        });

        assertThat(replies).hasSize(8);
        for (int i = 0; i < 8; i++) {
            assertThat(replies.get(i)).isEqualTo("client " + i + " line 0\nclient " + i + " line 1\nclient " + i + " line 2\n");
        }
    }

    /** A server that sends {@code payload} to each client, then closes the connection. */
    private static Server sending(String payload) {
        return Streams.startServer((reader, writer) -> {
            writer.write(bytes(payload));
            writer.drain();
        }, LOOPBACK, 0);
    }

    @Test
    void writtenBytesLeaveWithoutADrainAsPythonsTransportSendsThem() {
        String reply = Aio.run(() -> {
            try (Server server = Streams.startServer(ECHO, LOOPBACK, 0);
                    Streams.Connection c = Streams.openConnection(LOOPBACK, server.port())) {
                c.writer().write(bytes("no drain\n")); // the echo server must get it to answer
                return text(c.reader().readline());
            }
        });
        assertThat(reply).isEqualTo("no drain\n");
    }

    @Test
    void readlineReadexactlyAndReaduntilSplitTheBytesAsAsked() {
        Aio.run(() -> {
            try (Server server = sending("first line\nABCDEFxyz--END--tail");
                    Streams.Connection c = Streams.openConnection(LOOPBACK, server.port())) {
                StreamReader r = c.reader();
                assertThat(text(r.readline())).isEqualTo("first line\n");
                assertThat(text(r.readexactly(3))).isEqualTo("ABC");
                assertThat(text(r.readuntil(bytes("--END--")))).isEqualTo("DEFxyz--END--");
                assertThat(r.atEof()).isFalse();

                IncompleteReadException e = org.junit.jupiter.api.Assertions.assertThrows(
                        IncompleteReadException.class, () -> r.readuntil(bytes("\n")));
                assertThat(text(e.partial())).isEqualTo("tail");
                assertThat(e.expected()).isEmpty();
                assertThat(r.atEof()).isTrue();
                assertThat(r.read(10)).isEmpty();
                assertThat(r.readline()).isEmpty();
            }
            return null;
        });
    }

    @Test
    void readexactlyAtEndOfFileGivesThePartialBytes() {
        Aio.run(() -> {
            try (Server server = sending("12345");
                    Streams.Connection c = Streams.openConnection(LOOPBACK, server.port())) {
                assertThat(text(c.reader().readexactly(2))).isEqualTo("12");
                IncompleteReadException e = org.junit.jupiter.api.Assertions.assertThrows(
                        IncompleteReadException.class, () -> c.reader().readexactly(10));
                assertThat(text(e.partial())).isEqualTo("345");
                assertThat(e.expected()).hasValue(10);
                assertThat(c.reader().atEof()).isTrue();
            }
            return null;
        });
    }

    @Test
    void readlineReturnsWhatIsLeftAtEndOfFileAndReadMinusOneReadsEverything() {
        Aio.run(() -> {
            try (Server server = sending("a\nno newline");
                    Streams.Connection c = Streams.openConnection(LOOPBACK, server.port())) {
                assertThat(text(c.reader().readline())).isEqualTo("a\n");
                assertThat(text(c.reader().readline())).isEqualTo("no newline");
                assertThat(c.reader().readline()).isEmpty();
            }
            try (Server server = sending("x".repeat(300_000));
                    Streams.Connection c = Streams.openConnection(LOOPBACK, server.port())) {
                assertThat(c.reader().read(-1)).hasSize(300_000);
                assertThat(c.reader().atEof()).isTrue();
            }
            return null;
        });
    }

    @Test
    void readuntilBeyondTheLimitThrowsAndKeepsTheBytes() {
        String longLine = "a".repeat(40) + "\n";
        Aio.run(() -> {
            try (Server server = sending(longLine + "ok\n");
                    Streams.Connection c = Streams.openConnection(LOOPBACK, server.port(), 16)) {
                assertThat(c.reader().limit()).isEqualTo(16);
                assertThatThrownBy(() -> c.reader().readuntil(bytes("\n")))
                        .isInstanceOf(LimitOverrunException.class)
                        .satisfies(e -> assertThat(((LimitOverrunException) e).consumed()).isGreaterThan(16));
                // the bytes are still there
                assertThat(text(c.reader().readexactly(longLine.length()))).isEqualTo(longLine);
                assertThat(text(c.reader().readline())).isEqualTo("ok\n");
            }
            return null;
        });
    }

    @Test
    void readlineBeyondTheLimitDropsTheLongLineAndThrows() {
        Aio.run(() -> {
            try (Server server = sending("b".repeat(100) + "\nok\n");
                    Streams.Connection c = Streams.openConnection(LOOPBACK, server.port(), 16)) {
                assertThatThrownBy(() -> c.reader().readline()).isInstanceOf(LimitOverrunException.class);
                // A short read may end the search before the newline arrives: then the rest of the
                // long line comes next, still over the limit, and is dropped too.
                byte[] next;
                try {
                    next = c.reader().readline();
                } catch (LimitOverrunException again) {
                    next = c.reader().readline();
                }
                assertThat(text(next)).endsWith("ok\n");
            }
            return null;
        });
    }

    @Test
    void aHandlerThatThrowsIsReportedAndTheServerGoesOn() {
        List<EventLoop.ExceptionContext> reports = new CopyOnWriteArrayList<>();
        String second = Aio.run(() -> {
            Aio.getRunningLoop().setExceptionHandler(reports::add);
            try (Server server = Streams.startServer((reader, writer) -> {
                byte[] line = reader.readline();
                if (text(line).equals("boom\n")) {
                    throw new IllegalArgumentException("handler failed on purpose");
                }
                writer.write(line);
                writer.drain();
            }, LOOPBACK, 0)) {
                try (Streams.Connection c = Streams.openConnection(LOOPBACK, server.port())) {
                    c.writer().write(bytes("boom\n"));
                    c.writer().drain();
                    assertThat(c.reader().read(-1)).isEmpty(); // the server closed the connection
                }
                assertThat(server.isServing()).isTrue();
                try (Streams.Connection c = Streams.openConnection(LOOPBACK, server.port())) {
                    c.writer().write(bytes("fine\n"));
                    c.writer().drain();
                    return text(c.reader().readline());
                }
            }
        });

        assertThat(second).isEqualTo("fine\n");
        assertThat(reports).hasSize(1);
        assertThat(reports.getFirst().message()).contains("Unhandled exception in client handler");
        assertThat(reports.getFirst().exception()).isInstanceOf(IllegalArgumentException.class).hasMessage("handler failed on purpose");
    }

    @Test
    void closeStopsListeningAndWaitClosedWaitsForTheHandlers() {
        AtomicBoolean handlerEnded = new AtomicBoolean();
        Aio.run(() -> {
            Server server = Streams.startServer((reader, writer) -> {
                try {
                    writer.write(bytes("hello\n"));
                    writer.drain();
                    writer.write(reader.readline());
                    writer.drain();
                } finally {
                    handlerEnded.set(true);
                }
            }, LOOPBACK, 0);
            int port = server.port();
            try (Streams.Connection c = Streams.openConnection(LOOPBACK, port)) {
                assertThat(text(c.reader().readline())).isEqualTo("hello\n"); // its handler runs

                server.close();
                assertThat(server.isServing()).isFalse();
                assertThatThrownBy(() -> Streams.openConnection(LOOPBACK, port))
                        .isInstanceOf(UncheckedIOException.class)
                        .hasCauseInstanceOf(ConnectException.class);

                Task<Boolean> waiter = Aio.createTask(() -> {
                    server.waitClosed();
                    return handlerEnded.get();
                });
                for (int i = 0; i < 20; i++) {
                    Aio.sleep(Duration.ZERO);
                }
                assertThat(waiter.isDone()).as("waitClosed returned while a handler runs").isFalse();

                c.writer().write(bytes("bye\n"));
                c.writer().drain();
                assertThat(text(c.reader().readline())).isEqualTo("bye\n");
                assertThat(Aio.waitFor(waiter, MARGIN)).isTrue();
            }
            server.close(); // idempotent
            server.waitClosed();
            return null;
        });
    }

    @Test
    void serveForeverReturnsWhenTheServerIsClosedAndClosesItWhenCancelled() {
        Aio.run(() -> {
            Server server = Streams.startServer(ECHO, LOOPBACK, 0);
            Task<String> serving = Aio.createTask(() -> {
                server.serveForever();
                return "returned";
            });
            Aio.sleep(Duration.ZERO);
            assertThatThrownBy(server::serveForever).isInstanceOf(IllegalStateException.class);
            server.close();
            assertThat(Aio.waitFor(serving, MARGIN)).isEqualTo("returned");

            Server other = Streams.startServer(ECHO, LOOPBACK, 0);
            Task<Void> forever = Aio.createTask(() -> {
                other.serveForever();
                return null;
            });
            Aio.sleep(Duration.ZERO);
            forever.cancel();
            assertThatThrownBy(() -> Aio.waitFor(forever, MARGIN)).isInstanceOf(CancellationException.class);
            assertThat(other.isServing()).isFalse();
            return null;
        });
    }

    /** 8 MiB through one drain while the server, a task of the same loop, reads them. */
    @Test
    void drainSendsALargeWriteWhileThePeerReads() {
        int size = 8 * 1024 * 1024;
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) (i * 31 + (i >>> 11));
        }
        String reply = Aio.run(() -> {
            try (Server server = Streams.startServer((reader, writer) -> {
                byte[] all = reader.read(-1);
                writer.write(bytes(all.length + " " + Arrays.equals(all, data) + "\n"));
                writer.drain();
            }, LOOPBACK, 0);
                    Streams.Connection c = Streams.openConnection(LOOPBACK, server.port())) {
                c.writer().write(data);
                assertThat(c.writer().bufferSize()).isEqualTo(size);
                c.writer().drain();
                assertThat(c.writer().bufferSize()).isZero();
                assertThat(c.writer().canWriteEof()).isTrue();
                c.writer().writeEof();
                return text(c.reader().readline());
            }
        });

        assertThat(reply).isEqualTo(size + " true\n");
    }

    @Test
    void cancellingATaskBlockedInAReadStopsTheReadAndClosesItsSocket() {
        Aio.run(() -> {
            SettableFuture<String> serverSaw = new SettableFuture<>();
            try (Server server = Streams.startServer((reader, writer) -> {
                writer.write(bytes("ready\n"));
                writer.drain();
                serverSaw.setResult("read " + reader.read(-1).length + " bytes, then end-of-file");
            }, LOOPBACK, 0)) {
                AtomicBoolean finallyRan = new AtomicBoolean();
                SettableFuture<Void> reading = new SettableFuture<>();
                Task<byte[]> client = Aio.createTask(() -> {
                    try (Streams.Connection c = Streams.openConnection(LOOPBACK, server.port())) {
                        c.reader().readline(); // "ready"
                        reading.setResult(null);
                        return c.reader().read(100); // the server sends nothing more
                    } finally {
                        finallyRan.set(true);
                    }
                });
                Aio.waitFor(reading, MARGIN);
                Aio.sleep(Duration.ZERO); // the client goes into its read
                assertThat(client.isDone()).isFalse();

                client.cancel();

                assertThatThrownBy(() -> Aio.waitFor(client, MARGIN)).isInstanceOf(CancellationException.class);
                assertThat(client.isCancelled()).isTrue();
                assertThat(finallyRan).isTrue();
                assertThat(Aio.waitFor(serverSaw, MARGIN)).isEqualTo("read 0 bytes, then end-of-file");
            }
            return null;
        });
    }

    @Test
    void aConnectionRefusedIsAnUncheckedIOExceptionWrappingConnectException() throws Exception {
        int port;
        try (ServerSocketChannel s = ServerSocketChannel.open()) {
            s.bind(new InetSocketAddress(LOOPBACK, 0));
            port = ((InetSocketAddress) s.getLocalAddress()).getPort();
        } // closed: nothing listens there now
        Aio.run(() -> {
            assertThatThrownBy(() -> Streams.openConnection(LOOPBACK, port))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasCauseInstanceOf(ConnectException.class)
                    .hasMessageContaining(LOOPBACK + ":" + port);
            return null;
        });
    }

    @Test
    void theLoopRunsOtherTasksWhileATaskWaitsForTheNetwork() {
        Aio.run(() -> {
            SettableFuture<Void> go = new SettableFuture<>();
            try (Server server = Streams.startServer((reader, writer) -> {
                Aio.await(go);
                writer.write(bytes("late\n"));
                writer.drain();
            }, LOOPBACK, 0)) {
                AtomicInteger ticks = new AtomicInteger();
                int[] ticksWhenReadStarted = {-1};
                Task<String> reader = Aio.createTask(() -> {
                    try (Streams.Connection c = Streams.openConnection(LOOPBACK, server.port())) {
                        ticksWhenReadStarted[0] = ticks.get();
                        return text(c.reader().readline());
                    }
                });
                Task<Void> ticker = Aio.createTask(() -> {
                    while (ticks.get() < 20) {
                        Aio.sleep(Duration.ofMillis(1));
                        ticks.incrementAndGet();
                    }
                    go.setResult(null); // only now does the server answer
                    return null;
                });
                assertThat(Aio.waitFor(reader, MARGIN)).isEqualTo("late\n");
                Aio.waitFor(ticker, MARGIN);
                assertThat(ticksWhenReadStarted[0]).isLessThan(20);
                assertThat(ticks.get()).isEqualTo(20);
            }
            return null;
        });
    }

    @Test
    void aSecondTaskReadingWhileOneWaitsIsRefused() {
        Aio.run(() -> {
            SettableFuture<Void> go = new SettableFuture<>();
            try (Server server = Streams.startServer((reader, writer) -> {
                Aio.await(go);
                writer.write(bytes("x\n"));
                writer.drain();
            }, LOOPBACK, 0);
                    Streams.Connection c = Streams.openConnection(LOOPBACK, server.port())) {
                Task<byte[]> first = Aio.createTask(() -> c.reader().readline());
                Aio.sleep(Duration.ZERO);
                assertThatThrownBy(() -> c.reader().read(1))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("another task is already waiting");
                go.setResult(null);
                assertThat(text(Aio.waitFor(first, MARGIN))).isEqualTo("x\n");
            }
            return null;
        });
    }

    @Test
    void closeSendsWhatIsBufferedAndWritesAfterCloseAreRefused() {
        String got = Aio.run(() -> {
            SettableFuture<String> received = new SettableFuture<>();
            try (Server server = Streams.startServer((reader, writer) -> received.setResult(text(reader.read(-1))), LOOPBACK, 0)) {
                Streams.Connection c = Streams.openConnection(LOOPBACK, server.port());
                c.writer().writelines(List.of(bytes("one "), bytes("two "), bytes("three")));
                c.writer().close(); // no drain: close sends them
                assertThat(c.writer().isClosing()).isTrue();
                assertThatThrownBy(() -> c.writer().write(bytes("more"))).isInstanceOf(IllegalStateException.class);
                c.writer().waitClosed();
                return Aio.waitFor(received, MARGIN);
            }
        });

        assertThat(got).isEqualTo("one two three");
    }

    @Test
    void awaitPointsOutsideATaskAreRefused() {
        assertThatThrownBy(() -> Streams.openConnection(LOOPBACK, 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Streams.startServer(ECHO, LOOPBACK, 0)).isInstanceOf(IllegalStateException.class);
    }
}
