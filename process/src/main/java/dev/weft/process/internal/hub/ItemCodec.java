package dev.weft.process.internal.hub;

import dev.weft.process.internal.wire.ClassAllowlist;
import dev.weft.process.internal.wire.ClassNotAllowedException;
import dev.weft.process.internal.wire.Codec;
import dev.weft.process.internal.wire.NotEncodableException;
import dev.weft.process.internal.wire.ProtocolException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * How this process encodes the items it puts on process queues and the messages it sends through
 * pipes, and decodes those it gets: the {@link Codec} with this process's {@link ClassAllowlist}
 * (the JDK defaults unless changed). Encoding happens in the sender, decoding in the receiver, so
 * it is always the receiving process's allowlist that decides what may be instantiated; an
 * object's owner never decodes the items it stores for others. Not API.
 */
public final class ItemCodec {
    /**
     * The largest encoded item or message: what one frame carries, less room for the headers, so
     * that every item can travel whichever process it is put or got in.
     */
    public static final int MAX_SIZE = dev.weft.process.internal.wire.FrameWriter.DEFAULT_MAX_FRAME_SIZE - 64;

    private static volatile ClassAllowlist allowlist = ClassAllowlist.jdkDefaults();

    private ItemCodec() {}

    /** The allowlist items are decoded with in this process. */
    public static ClassAllowlist allowlist() {
        return allowlist;
    }

    /** Sets the allowlist items are decoded with in this process from now on. */
    public static void allowlist(ClassAllowlist list) {
        allowlist = Objects.requireNonNull(list, "list");
    }

    /** The encoding of {@code value}, exactly as long as it is. */
    public static byte[] encode(Object value) throws NotEncodableException {
        ByteBuffer b = new Codec(allowlist).encode(value);
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return bytes;
    }

    /** Decodes one value that must fill {@code bytes} exactly. */
    public static Object decode(byte[] bytes) throws ProtocolException, ClassNotAllowedException {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        Object value = new Codec(allowlist).decode(in);
        if (in.hasRemaining()) {
            throw new ProtocolException(in.remaining() + " bytes left after the value");
        }
        return value;
    }
}
