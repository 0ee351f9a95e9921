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
