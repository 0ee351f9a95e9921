package dev.weft.process.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.process.AuthenticationException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HandshakeTest {
    @TempDir
    Path dir;

    /** Runs the server side on another thread; returns what it threw (or null). */
    private CompletableFuture<Throwable> serve(ServerSocketChannel server, byte[] key) {
        return CompletableFuture.supplyAsync(() -> {
            try (SocketChannel ch = server.accept()) {
                Handshake.serve(ch, key);
                ch.write(ByteBuffer.wrap(new byte[] {42}));
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
    }

    private ServerSocketChannel listen() throws Exception {
        ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        s.bind(UnixDomainSocketAddress.of(dir.resolve("s.sock")));
        return s;
    }

    private SocketChannel connect() throws Exception {
        SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
        c.connect(UnixDomainSocketAddress.of(dir.resolve("s.sock")));
        return c;
    }

    @Test
    void theSameKeyOnBothSidesPasses() throws Exception {
        byte[] key = Handshake.newKey();
        try (ServerSocketChannel server = listen()) {
            CompletableFuture<Throwable> side = serve(server, key);
            try (SocketChannel c = connect()) {
                Handshake.connect(c, key.clone());
                ByteBuffer b = ByteBuffer.allocate(1);
                c.read(b);
                assertThat(b.get(0)).isEqualTo((byte) 42);
            }
            assertThat(side.get(10, TimeUnit.SECONDS)).isNull();
        }
    }

    @Test
    void aWrongKeyFailsBothSidesWithAuthenticationException() throws Exception {
        byte[] key = Handshake.newKey();
        byte[] wrong = key.clone();
        wrong[7] ^= 1;
        try (ServerSocketChannel server = listen()) {
            CompletableFuture<Throwable> side = serve(server, key);
            try (SocketChannel c = connect()) {
                assertThatThrownBy(() -> Handshake.connect(c, wrong)).isInstanceOf(AuthenticationException.class)
                        .hasMessageContaining("rejected");
            }
            assertThat(side.get(10, TimeUnit.SECONDS)).isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("client failed authentication");
        }
    }

    @Test
    void aServerWithoutTheKeyIsDetectedByTheClient() throws Exception {
        byte[] key = Handshake.newKey();
        try (ServerSocketChannel server = listen()) {
            // An impostor that greets properly but cannot answer the client's challenge.
            CompletableFuture<Void> impostor = CompletableFuture.runAsync(() -> {
                try (SocketChannel ch = server.accept()) {
                    ByteBuffer hello = ByteBuffer.allocate(8 + 32);
                    hello.put("weft/1\r\n".getBytes()).put(new byte[32]).flip();
                    ch.write(hello);
                    ByteBuffer answer = ByteBuffer.allocate(64);
                    while (answer.hasRemaining()) {
                        ch.read(answer);
                    }
                    ByteBuffer ok = ByteBuffer.allocate(33);
                    ok.put((byte) 1).put(new byte[32]).flip();
                    ch.write(ok);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            try (SocketChannel c = connect()) {
                assertThatThrownBy(() -> Handshake.connect(c, key)).isInstanceOf(AuthenticationException.class)
                        .hasMessageContaining("server failed authentication");
            }
            impostor.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aPeerThatHangsUpEarlyIsAnEofAndAShortKeyIsRefused() throws Exception {
        byte[] key = Handshake.newKey();
        try (ServerSocketChannel server = listen()) {
            CompletableFuture<Throwable> side = serve(server, key);
            connect().close();
            // EOF while reading the answer, or a broken pipe while still greeting: the server's
            // side ends with an IOException either way, and nothing is decoded.
            assertThat(side.get(10, TimeUnit.SECONDS)).isInstanceOf(java.io.IOException.class)
                    .isNotInstanceOf(AuthenticationException.class);
        }
        assertThatThrownBy(() -> Handshake.serve(null, Arrays.copyOf(key, 16)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 32");
    }
}
