package dev.weft.process;

import dev.weft.process.internal.hub.Endpoints;
import dev.weft.process.internal.hub.SocketEnd;
import dev.weft.process.internal.wire.Handshake;
import java.io.IOException;
import java.nio.channels.SocketChannel;

/**
 * Connects to a {@link Listener}: Python's {@code multiprocessing.connection.Client}. Both sides
 * prove they know the authkey (mutual HMAC-SHA256) before any message is read; the connection is a
 * {@link Connection} of its own between the two processes, with the same size bound and failure
 * rules as the listener's (see {@link Listener}).
 */
public final class Client {
    private Client() {}

    /**
     * Connects to {@code address} with messages of at most
     * {@link Listener#DEFAULT_MAX_MESSAGE_SIZE} bytes. Blocks while connecting and authenticating,
     * at most {@link Listener#HANDSHAKE_TIMEOUT} for the handshake.
     *
     * @param address where the listener listens
     * @param authkey the key the listener was made with
     * @return the authenticated connection
     * @throws AuthenticationException if the other side does not know {@code authkey}, or is not a
     *     Weft listener
     * @throws IOException if it cannot connect, or the other side closes during the handshake
     * @throws IllegalArgumentException if {@code authkey} is empty
     */
    public static Connection connect(Address address, byte[] authkey) throws IOException {
        return connect(address, authkey, Listener.DEFAULT_MAX_MESSAGE_SIZE);
    }

    /**
     * Connects to {@code address} with messages of at most {@code maxMessageSize} bytes.
     *
     * @param address where the listener listens
     * @param authkey the key the listener was made with
     * @param maxMessageSize the bound on one message either way, as the listener's
     * @return the authenticated connection
     * @throws AuthenticationException if the other side does not know {@code authkey}
     * @throws IOException if it cannot connect, or the other side closes during the handshake
     * @throws IllegalArgumentException if {@code authkey} is empty or {@code maxMessageSize} negative
     */
    public static Connection connect(Address address, byte[] authkey, int maxMessageSize) throws IOException {
        byte[] key = Handshake.fromAuthkey(authkey);
        if (maxMessageSize < 0) {
            throw new IllegalArgumentException("maxMessageSize must not be negative: " + maxMessageSize);
        }
        SocketChannel channel = Endpoints.connect(address);
        Endpoints.connectHandshake(channel, key);
        try {
            return new Connection(new EndBackend.Socket(new SocketEnd(channel, address.toString(), maxMessageSize)));
        } catch (IOException e) {
            Endpoints.closeQuietly(channel);
            throw e;
        }
    }
}
