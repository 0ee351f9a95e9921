package dev.weft.process.internal.shm;

import java.io.InvalidObjectException;
import java.io.ObjectStreamException;
import java.io.Serial;
import java.io.Serializable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What a shared-memory object becomes when it is encoded for another process: its memory's
 * {@link ShmHandle}, and its lock's if it has one. Decoding it ({@link #readResolve}) maps the
 * memory in the receiving process and makes the handle of the object (and of its lock). Not API;
 * allowed by the codec's defaults.
 *
 * @param memory where the object's memory is, and what the object is
 * @param lock where its lock's memory is, or null
 * @param extra what else the kind sends with it (a barrier's action and timeout), or null; decoded
 *     under the receiver's allowlist like any other object
 */
public record ShmRef(ShmHandle memory, ShmHandle lock, Serializable extra) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /** A ref with nothing extra. */
    public ShmRef(ShmHandle memory, ShmHandle lock) {
        this(memory, lock, null);
    }

    /** This ref with {@code extra} sent along. */
    public ShmRef with(Serializable extra) {
        return new ShmRef(memory, lock, extra);
    }

    private static final Map<String, Function<ShmRef, Object>> RESOLVERS = new ConcurrentHashMap<>();

    static {
        try {
            Class.forName("dev.weft.process.HubKinds", true, ShmRef.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            // the public classes are not here: nothing can be decoded
        }
    }

    /** Makes refs of {@code kind} decode through {@code resolver}. */
    public static void register(String kind, Function<ShmRef, Object> resolver) {
        RESOLVERS.put(kind, resolver);
    }

    /** What the object is. */
    public String kind() {
        return memory.kind();
    }

    /** The number its kind gives meaning to. */
    public int length() {
        return memory.length();
    }

    /** The ref of its lock alone, or null. */
    public ShmRef lockRef() {
        return lock == null ? null : new ShmRef(lock, null);
    }

    /** "SharedValue.int of process 1234", for messages. */
    public String describe() {
        return memory.describe();
    }

    @Serial
    private Object readResolve() throws ObjectStreamException {
        Function<ShmRef, Object> resolver = RESOLVERS.get(memory.kind());
        if (resolver == null) {
            throw new InvalidObjectException("unknown kind of shared memory: " + memory.kind());
        }
        return resolver.apply(this);
    }
}
