package dev.weft.process.internal.wire;

import dev.weft.process.AuthenticationException;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mutual HMAC-SHA256 challenge-response over a fresh connection, before any frame is read: each
 * side proves it knows the shared key without sending it. Not API.
 *
 * <pre>
 *  server                                   client
 *    │── MAGIC, server nonce (8 + 32 B) ──────▶│
 *    │◀── HMAC(key, "client" ‖ server nonce),  │
 *    │    client nonce (32 + 32 B) ────────────│
 *    │── OK + HMAC(key, "server" ‖ client      │
 *    │   nonce) (1 + 32 B), or FAIL (1 B) ────▶│
 * </pre>
 *
 * Every message has a fixed length, so nothing the peer sends before it has proved itself can make
 * this side allocate or wait for more than those few bytes. The labels keep one side's answer from
 * being replayed as the other's. Comparisons are constant-time. The caller bounds the time: a peer
 * that sends nothing blocks these reads until the channel is closed (servers close it from a timer).
 */
public final class Handshake {
    /** Length of the shared key {@link #newKey()} makes, and the minimum accepted. */
    public static final int KEY_BYTES = 32;

    private static final byte[] MAGIC = "weft/1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int NONCE = 32;
    private static final int MAC = 32;
    private static final byte OK = 1;
    private static final byte FAIL = 0;
    private static final byte[] CLIENT_LABEL = "client".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SERVER_LABEL = "server".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private Handshake() {}

    /** A new random key of {@link #KEY_BYTES} bytes. */
    public static byte[] newKey() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return key;
    }

    /**
     * Runs the server's side on a blocking {@code channel}.
     *
     * @throws AuthenticationException if the client's answer is wrong (the client has been told)
     * @throws IOException if the channel fails or ends first
     */
    public static void serve(ByteChannel channel, byte[] key) throws IOException {
        checkKey(key);
        byte[] serverNonce = nonce();
        writeFully(channel, ByteBuffer.allocate(MAGIC.length + NONCE).put(MAGIC).put(serverNonce).flip());
        ByteBuffer answer = readFully(channel, MAC + NONCE);
        byte[] mac = new byte[MAC];
        byte[] clientNonce = new byte[NONCE];
        answer.get(mac).get(clientNonce);
        if (!MessageDigest.isEqual(mac, hmac(key, CLIENT_LABEL, serverNonce))) {
            writeFully(channel, ByteBuffer.wrap(new byte[] {FAIL}));
            throw new AuthenticationException("client failed authentication: its answer to the challenge"
                    + " does not match the key");
        }
        writeFully(channel, ByteBuffer.allocate(1 + MAC).put(OK).put(hmac(key, SERVER_LABEL, clientNonce)).flip());
    }

    /**
     * Runs the client's side on a blocking {@code channel}.
     *
     * @throws AuthenticationException if the server rejects this side's key, or cannot prove it
     *     knows the key itself, or does not speak this protocol
     * @throws IOException if the channel fails or ends first
     */
    public static void connect(ByteChannel channel, byte[] key) throws IOException {
        checkKey(key);
        ByteBuffer hello = readFully(channel, MAGIC.length + NONCE);
        byte[] magic = new byte[MAGIC.length];
        byte[] serverNonce = new byte[NONCE];
        hello.get(magic).get(serverNonce);
        if (!MessageDigest.isEqual(magic, MAGIC)) {
            throw new AuthenticationException("server does not speak Weft's protocol (bad greeting)");
        }
        byte[] clientNonce = nonce();
        writeFully(channel, ByteBuffer.allocate(MAC + NONCE)
                .put(hmac(key, CLIENT_LABEL, serverNonce)).put(clientNonce).flip());
        ByteBuffer status = readFully(channel, 1);
        if (status.get() != OK) {
            throw new AuthenticationException("server rejected the authentication key (digest mismatch)");
        }
        byte[] mac = new byte[MAC];
        readFully(channel, MAC).get(mac);
        if (!MessageDigest.isEqual(mac, hmac(key, SERVER_LABEL, clientNonce))) {
            throw new AuthenticationException("server failed authentication: its answer to the challenge"
                    + " does not match the key");
        }
    }

    /**
     * The key a user's authkey (a {@link dev.weft.process.Manager}'s, a
     * {@link dev.weft.process.Listener}'s) stands for on the wire: its SHA-256 digest, so that
     * authkeys of any length (Python's examples use short ones) make keys of {@link #KEY_BYTES}
     * bytes. Both sides derive it the same way; it is no harder to guess than the authkey itself.
     *
     * @throws IllegalArgumentException if {@code authkey} is empty
     */
    public static byte[] fromAuthkey(byte[] authkey) {
        if (authkey.length == 0) {
            throw new IllegalArgumentException("authkey must not be empty");
        }
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            sha.update("weft authkey\0".getBytes(StandardCharsets.US_ASCII));
            return sha.digest(authkey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e); // every JDK has it
        }
    }

    private static void checkKey(byte[] key) {
        if (key.length < KEY_BYTES) {
            throw new IllegalArgumentException("key must have at least " + KEY_BYTES + " bytes: " + key.length);
        }
    }

    private static byte[] nonce() {
        byte[] n = new byte[NONCE];
        RANDOM.nextBytes(n);
        return n;
    }

    private static byte[] hmac(byte[] key, byte[] label, byte[] nonce) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(label);
            return mac.doFinal(nonce);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e); // every JDK has it
        }
    }

    private static ByteBuffer readFully(ByteChannel channel, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (channel.read(b) < 0) {
                throw new EOFException("connection closed during authentication (" + b.position() + " of "
                        + n + " bytes received)");
            }
        }
        return b.flip();
    }

    private static void writeFully(ByteChannel channel, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }
}
