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
    private static final java.util.Set<String> CLASSES = new java.util.LinkedHashSet<>();
    private static final java.util.Set<String> PACKAGES = new java.util.LinkedHashSet<>();

    private ItemCodec() {}

    /** The allowlist items are decoded with in this process. */
    public static ClassAllowlist allowlist() {
        return allowlist;
    }

    /** Sets the allowlist items are decoded with in this process from now on. */
    public static void allowlist(ClassAllowlist list) {
        allowlist = Objects.requireNonNull(list, "list");
    }

    /**
     * Adds {@code classes} (binary names) and {@code packages} to what items may be in this process,
     * from now on: the code this process sends to or receives from other processes (its own
     * records, then, travel on queues too), and what the user allows.
     *
     * @throws IllegalArgumentException if a package is not a package name or is a JDK package
     */
    public static synchronized void allow(java.util.Collection<String> classes, java.util.Collection<String> packages) {
        if (CLASSES.containsAll(classes) && PACKAGES.containsAll(packages)) {
            return;
        }
        ClassAllowlist.Builder b = ClassAllowlist.builder();
        java.util.Set<String> c = new java.util.LinkedHashSet<>(CLASSES);
        java.util.Set<String> p = new java.util.LinkedHashSet<>(PACKAGES);
        c.addAll(classes);
        p.addAll(packages);
        // Loops, not method references: a worker runs this once, as a process starts, and linking
        // a method reference's call site costs a fresh JVM about a millisecond.
        for (String name : c) {
            b.allowClassName(name);
        }
        for (String name : p) {
            b.allowPackage(name); // validates before anything changes
        }
        CLASSES.clear();
        CLASSES.addAll(c);
        PACKAGES.clear();
        PACKAGES.addAll(p);
        allowlist = b.build();
    }

    /** The classes added by {@link #allow}. */
    public static synchronized java.util.List<String> allowedClasses() {
        return java.util.List.copyOf(CLASSES);
    }

    /** The packages added by {@link #allow}. */
    public static synchronized java.util.List<String> allowedPackages() {
        return java.util.List.copyOf(PACKAGES);
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
