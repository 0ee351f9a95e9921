package dev.weft.process.internal.hub;

import dev.weft.process.Address;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;

/** Opening server sockets and connections for an {@link Address}. Not API. */
public final class Endpoints {
    private Endpoints() {}

    /**
     * A server socket bound to {@code address} (a Unix-domain socket file left by an earlier server
     * is replaced).
     *
     * @throws IOException if it cannot bind
     */
    public static ServerSocketChannel bind(Address address) throws IOException {
        ServerSocketChannel s = address instanceof Address.Unix
                ? ServerSocketChannel.open(StandardProtocolFamily.UNIX) : ServerSocketChannel.open();
        try {
            switch (address) {
                case Address.Unix u -> {
                    Files.deleteIfExists(u.path());
                    s.bind(UnixDomainSocketAddress.of(u.path()));
                }
                case Address.Tcp t -> s.bind(new InetSocketAddress(t.host(), t.port()));
            }
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    /**
     * The address {@code server}, bound to {@code requested}, is reachable at: the same, with the
     * port the system chose if it was 0.
     *
     * @throws IOException if the socket is closed
     */
    public static Address bound(Address requested, ServerSocketChannel server) throws IOException {
        return switch (requested) {
            case Address.Unix u -> u;
            case Address.Tcp t -> new Address.Tcp(t.host(), ((InetSocketAddress) server.getLocalAddress()).getPort());
        };
    }

    /**
     * A blocking connection to {@code address} (TCP with {@code TCP_NODELAY}: calls are small
     * request and reply frames).
     *
     * @throws IOException if it cannot connect
     */
    public static SocketChannel connect(Address address) throws IOException {
        SocketAddress to = switch (address) {
            case Address.Unix u -> UnixDomainSocketAddress.of(u.path());
            case Address.Tcp t -> new InetSocketAddress(t.host(), t.port());
        };
        SocketChannel channel = address instanceof Address.Unix
                ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
        try {
            if (address instanceof Address.Tcp) {
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            }
            channel.connect(to);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return channel;
    }

    /**
     * Runs the server's side of the handshake on a new connection, closing it if the client has
     * not passed within {@link Hub#HANDSHAKE_TIMEOUT}.
     *
     * @return true if the client proved it knows {@code key} and the connection is open; false if
     *     it failed, said nothing in time or sent garbage (the connection is closed)
     */
    public static boolean serveHandshake(SocketChannel channel, byte[] key) {
        java.util.concurrent.ScheduledFuture<?> deadline = Hub.TIMER.schedule(() -> closeQuietly(channel),
                Hub.HANDSHAKE_TIMEOUT.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
        try {
            dev.weft.process.internal.wire.Handshake.serve(channel, key);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel); // wrong key, silence, garbage: this connection only
            return false;
        } finally {
            deadline.cancel(false);
        }
        return channel.isOpen(); // false if the deadline fired just as the handshake ended
    }

    /**
     * Runs the client's side of the handshake, closing the connection if it fails or takes longer
     * than {@link Hub#HANDSHAKE_TIMEOUT}.
     *
     * @throws dev.weft.process.AuthenticationException if the server refuses {@code key} or cannot
     *     prove it knows it
     * @throws IOException if the connection fails or ends first
     */
    public static void connectHandshake(SocketChannel channel, byte[] key) throws IOException {
        java.util.concurrent.ScheduledFuture<?> deadline = Hub.TIMER.schedule(() -> closeQuietly(channel),
                Hub.HANDSHAKE_TIMEOUT.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
        try {
            dev.weft.process.internal.wire.Handshake.connect(channel, key);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw e;
        } finally {
            deadline.cancel(false);
        }
    }

    /** Closes {@code channel}, ignoring failures. */
    public static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** Removes what a server bound to {@code address} leaves behind: a Unix-domain socket's file. */
    public static void unlink(Address address) {
        if (address instanceof Address.Unix u) {
            try {
                Files.deleteIfExists(u.path());
            } catch (IOException ignored) {
                // harmless once nobody listens
            }
        }
    }
}
