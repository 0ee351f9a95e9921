package dev.weft.process;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD;

import dev.weft.process.internal.hub.Endpoints;
import dev.weft.process.internal.wire.Handshake;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Python's {@code multiprocessing.connection}: Listener, Client, and what a hostile peer can do. */
@Timeout(value = 60, unit = SECONDS, threadMode = SEPARATE_THREAD)
class ListenerClientTest {
    private static final byte[] KEY = "secret password".getBytes();

    @Test
    void aClientAndAListenerTalkBothWays() throws Exception {
        try (Listener listener = new Listener(Address.loopback(0), KEY)) {
            assertThat(((Address.Tcp) listener.address()).port()).isPositive();
            try (Connection client = Client.connect(listener.address(), KEY);
                    Connection server = listener.accept(Duration.ofSeconds(20))) {
                client.send(List.of(1, "two"));
                assertThat(server.recv()).isEqualTo(List.of(1, "two"));
                server.sendBytes("raw".getBytes());
                assertThat(client.recvBytes()).isEqualTo("raw".getBytes());
                assertThat(client.poll(Duration.ofMillis(20))).isFalse();
                server.send("x".repeat(100));
                assertThatThrownBy(() -> client.recvBytes(10)).isInstanceOf(IOException.class)
                        .hasMessageContaining("more than the 10");
                assertThat((String) client.recv()).hasSize(100); // it stayed
                assertThat(client.toString()).contains("to 127.0.0.1");
                server.close();
                assertThatThrownBy(client::recv).isInstanceOf(EOFException.class);
            }
        }
    }

    @Test
    void aChildProcessConnectsOverAUnixSocket() throws Exception {
        try (Listener listener = new Listener(KEY)) {
            String address = listener.address().toString();
            Process p = new Process(() -> {
                try (Connection c = Client.connect(Address.parse(address), KEY)) {
                    c.send("hello from " + ProcessHandle.current().pid());
                    c.send(c.recv() + "!");
                }
            });
            p.start();
            try (Connection c = listener.accept()) {
                assertThat((String) c.recv()).startsWith("hello from ");
                c.send("pong");
                assertThat(c.recv()).isEqualTo("pong!");
                assertThatThrownBy(c::recv).isInstanceOf(EOFException.class);
            }
            p.join();
            assertThat(p.exitCode()).isEqualTo(OptionalInt.of(0));
        }
    }

    @Test
    void aWrongKeyFailsTheClientAndTheListenerGoesOn() throws Exception {
        try (Listener listener = new Listener(KEY)) {
            assertThatThrownBy(() -> Client.connect(listener.address(), "wrong".getBytes()))
                    .isInstanceOf(AuthenticationException.class);
            assertThat(listener.accept(Duration.ofMillis(100))).isNull(); // nothing was accepted
            try (Connection good = Client.connect(listener.address(), KEY); Connection in = listener.accept()) {
                good.send(1);
                assertThat(in.recv()).isEqualTo(1);
            }
        }
    }

    @Test
    void aConnectionCannotBeHandedToAnotherProcess() throws Exception {
        try (Listener listener = new Listener(KEY); Connection c = Client.connect(listener.address(), KEY)) {
            Process p = new Process(() -> c.send(1));
            assertThatThrownBy(p::start).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("cannot be handed to another process");
        }
    }

    @Test
    void messagesOverTheBoundAreRefused() throws Exception {
        try (Listener listener = new Listener(Address.loopback(0), KEY, 1024)) {
            try (Connection small = Client.connect(listener.address(), KEY, 1024); Connection in = listener.accept()) {
                assertThatThrownBy(() -> small.sendBytes(new byte[2000])).isInstanceOf(IOException.class)
                        .hasMessageContaining("over the limit");
            }
            // A client that does not know the bound sends a larger frame: the listener's side closes it.
            try (Connection big = Client.connect(listener.address(), KEY); Connection in = listener.accept()) {
                big.sendBytes(new byte[2000]);
                assertThatThrownBy(in::recvBytes).isInstanceOf(IOException.class).hasMessageContaining("2000");
                assertThatThrownBy(big::recvBytes).isInstanceOf(EOFException.class);
            }
        }
    }

    @Test
    void badInputClosesOnlyThatConnection() throws Exception {
        try (Listener listener = new Listener(Address.loopback(0), KEY)) {
            // Garbage before the handshake: closed, never accepted.
            try (SocketChannel raw = Endpoints.connect(listener.address())) {
                raw.write(ByteBuffer.wrap(new byte[200]));
                assertThat(readToEnd(raw)).isLessThan(200);
            }
            // A huge length prefix after a good handshake.
            try (SocketChannel raw = Endpoints.connect(listener.address())) {
                Handshake.connect(raw, Handshake.fromAuthkey(KEY));
                Connection in = listener.accept(Duration.ofSeconds(20));
                raw.write(ByteBuffer.allocate(5).putInt(Integer.MAX_VALUE).put((byte) 1).flip());
                assertThatThrownBy(in::recvBytes).isInstanceOf(IOException.class).hasMessageContaining("frame");
            }
            // A truncated frame, then the peer hangs up.
            try (SocketChannel raw = Endpoints.connect(listener.address())) {
                Handshake.connect(raw, Handshake.fromAuthkey(KEY));
                Connection in = listener.accept(Duration.ofSeconds(20));
                raw.write(ByteBuffer.allocate(8).putInt(100).put((byte) 1).put(new byte[3]).flip());
                raw.close();
                assertThatThrownBy(in::recvBytes).isInstanceOf(IOException.class).hasMessageContaining("truncated");
            }
            // An unknown frame type.
            try (SocketChannel raw = Endpoints.connect(listener.address())) {
                Handshake.connect(raw, Handshake.fromAuthkey(KEY));
                Connection in = listener.accept(Duration.ofSeconds(20));
                raw.write(ByteBuffer.allocate(5).putInt(0).put((byte) 77).flip());
                assertThatThrownBy(in::recvBytes).isInstanceOf(IOException.class).hasMessageContaining("unknown frame type 77");
            }
            try (Connection good = Client.connect(listener.address(), KEY); Connection in = listener.accept()) {
                good.send("still serving");
                assertThat(in.recv()).isEqualTo("still serving");
            }
        }
    }

    @Test
    void badArguments() throws Exception {
        assertThatThrownBy(() -> new Listener(new byte[0])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("authkey");
        assertThatThrownBy(() -> Address.parse("nonsense")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Address.tcp("h", 70000)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Address.parse("[::1]:80")).isEqualTo(Address.tcp("::1", 80));
        assertThat(Address.parse(Address.tcp("::1", 80).toString())).isEqualTo(Address.tcp("::1", 80));
        assertThat(Address.parse("unix:/tmp/x.sock")).isEqualTo(Address.unix(java.nio.file.Path.of("/tmp/x.sock")));
        try (Listener listener = new Listener(KEY)) {
            assertThatThrownBy(() -> listener.accept(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
            listener.close();
            assertThatThrownBy(listener::accept).isInstanceOf(IOException.class).hasMessageContaining("closed");
        }
        assertThatThrownBy(() -> Client.connect(Address.loopback(1), KEY)).isInstanceOf(IOException.class);
    }

    private static int readToEnd(SocketChannel raw) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4096);
        int total = 0;
        try {
            for (int n; (n = raw.read(b)) >= 0; b.clear()) {
                total += n;
            }
        } catch (java.net.SocketException reset) {
            // closed with our bytes unread: a reset is an end too
        }
        return total;
    }

    @Test
    void connectionsOpenedAndClosedLeaveNoDescriptorsBehind() throws Exception {
        // Each connection holds its socket and a selector (two descriptors); closing either end must
        // release all of them, on both sides, also for a server end closed before it ever read.
        try (Listener listener = new Listener(KEY)) {
            for (int i = 0; i < 3; i++) { // settle: the listener's and the codec's own first-time descriptors
                try (Connection client = Client.connect(listener.address(), KEY);
                        Connection server = listener.accept(Duration.ofSeconds(20))) {
                    client.send(i);
                    assertThat(server.recv()).isEqualTo(i);
                }
            }
            long before = openDescriptors();
            for (int i = 0; i < 50; i++) {
                Connection client = Client.connect(listener.address(), KEY);
                Connection server = listener.accept(Duration.ofSeconds(20));
                if (i % 2 == 0) {
                    client.close();
                    server.close();
                } else {
                    server.close();
                    client.close();
                }
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            long after = openDescriptors();
            while (after > before + 5 && System.nanoTime() < deadline) {
                Thread.sleep(20); // reader threads close their selectors as they see the end
                after = openDescriptors();
            }
            assertThat(after).as("open descriptors after 50 connections, against %d before", before)
                    .isLessThanOrEqualTo(before + 5);
        }
    }

    private static long openDescriptors() throws IOException {
        try (var s = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/fd"))) {
            return s.count();
        }
    }
}
