package dev.weft.cluster.internal;

import com.hazelcast.core.HazelcastInstance;
import dev.weft.process.internal.wire.ClassAllowlist;
import dev.weft.process.internal.wire.ClassNotAllowedException;
import dev.weft.process.internal.wire.Codec;
import dev.weft.process.internal.wire.NotEncodableException;
import dev.weft.process.internal.wire.ProtocolException;
import dev.weft.process.internal.worker.RemoteErrors;
import dev.weft.process.internal.worker.TaskError;
import dev.weft.process.internal.worker.WeftAllowlist;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How tasks, values and failures travel between cluster processes: Weft's codec (the one the
 * process pools use), decoded under an allowlist of the JDK's value types, Weft's own records,
 * the packages of the functions sent, and what the process's {@code Cluster.Builder} allowed. A
 * class outside it fails its task with an error naming the class, before the class is loaded. Not
 * API.
 */
public final class Wire {
    /** Key of the {@link Allowed} lists in a Hazelcast instance's user context. */
    public static final String USER_CONTEXT_KEY = "weft.allowlist";

    private static final Codec ENCODER = new Codec(ClassAllowlist.jdkDefaults());
    private static final int MAX_CACHED = 64;
    private static final Map<List<Object>, Codec> DECODERS = new ConcurrentHashMap<>();

    private Wire() {}

    /** What a process's builder allowed beyond the defaults. */
    public record Allowed(List<String> classes, List<String> packages) {}

    /**
     * The bytes of {@code value}.
     *
     * @throws NotEncodableException if it cannot be encoded; the message names the class
     */
    public static byte[] encode(Object value) throws NotEncodableException {
        ByteBuffer b = ENCODER.encode(value);
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    /**
     * The value of {@code bytes}, decoded under the allowlist of {@code hz} plus {@code packages}
     * (those of the functions sent with it).
     *
     * @throws ClassNotAllowedException if it holds a class outside the allowlist; the message names it
     */
    public static Object decode(byte[] bytes, HazelcastInstance hz, Collection<String> packages, ClassLoader loader)
            throws ClassNotAllowedException, ProtocolException {
        return decoder(hz, packages, loader).decode(ByteBuffer.wrap(bytes));
    }

    /**
     * The function {@code bytes} encode, decoded once per member: a map sends the same function
     * with every chunk, and decoding a serialized lambda costs more than most tasks.
     */
    public static Object function(byte[] bytes, HazelcastInstance hz, Collection<String> packages, ClassLoader loader)
            throws ClassNotAllowedException, ProtocolException {
        FunctionKey key = new FunctionKey(bytes, hz.getName(), List.copyOf(packages), loader);
        Object fn = FUNCTIONS.get(key);
        if (fn == null) {
            fn = decode(bytes, hz, packages, loader);
            if (FUNCTIONS.size() >= MAX_CACHED) {
                FUNCTIONS.clear();
            }
            FUNCTIONS.put(key, fn);
        }
        return fn;
    }

    private static final Map<FunctionKey, Object> FUNCTIONS = new ConcurrentHashMap<>();

    /** A function's bytes, compared by content, and what decodes them. */
    private record FunctionKey(byte[] bytes, String instance, List<String> packages, ClassLoader loader) {
        @Override
        public boolean equals(Object o) {
            return o instanceof FunctionKey k && java.util.Arrays.equals(bytes, k.bytes) && instance.equals(k.instance)
                    && packages.equals(k.packages) && loader == k.loader;
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(bytes) * 31 + instance.hashCode();
        }
    }

    /** A failure as bytes: its class name, message, stack and causes, never its fields. */
    public static byte[] failure(Throwable t) {
        try {
            return encode(TaskError.of(t));
        } catch (NotEncodableException e) {
            throw new IllegalStateException("a TaskError is always encodable", e);
        }
    }

    /** The failure {@code bytes} encode, rebuilt as its own class if allowed here, else as a RemoteTaskException. */
    public static Throwable rebuild(byte[] bytes, HazelcastInstance hz, Collection<String> packages, ClassLoader loader) {
        try {
            TaskError e = (TaskError) decode(bytes, hz, packages, loader);
            return RemoteErrors.rebuild(e, allowlist(hz, packages), loader);
        } catch (ClassNotAllowedException | ProtocolException | RuntimeException e) {
            return new IllegalStateException("a member's report of a failure could not be read: " + e, e);
        }
    }

    private static Codec decoder(HazelcastInstance hz, Collection<String> packages, ClassLoader loader) {
        List<Object> key = List.of(hz.getName(), List.copyOf(packages), loader);
        Codec c = DECODERS.get(key);
        if (c == null) {
            if (DECODERS.size() >= MAX_CACHED) {
                DECODERS.clear();
            }
            c = DECODERS.computeIfAbsent(key, k -> new Codec(allowlist(hz, packages), loader));
        }
        return c;
    }

    private static ClassAllowlist allowlist(HazelcastInstance hz, Collection<String> packages) {
        Allowed allowed = (Allowed) hz.getUserContext().get(USER_CONTEXT_KEY);
        List<String> classes = new ArrayList<>(List.of(TaskError.class.getName()));
        List<String> pkgs = new ArrayList<>(packages);
        if (allowed != null) {
            classes.addAll(allowed.classes());
            pkgs.addAll(allowed.packages());
        }
        // Throwables too: a task's result may hold exceptions, as a process pool's may.
        return WeftAllowlist.withThrowables(classes, pkgs);
    }
}
