package dev.weft.process.internal.worker;

import dev.weft.process.internal.wire.ClassAllowlist;
import dev.weft.process.internal.wire.Codec;
import dev.weft.process.internal.wire.NotEncodableException;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.List;

/**
 * The allowlist of a worker connection: the JDK defaults, Weft's own message records, and what the
 * pool's user allowed. Not API.
 */
public final class WeftAllowlist {
    private WeftAllowlist() {}

    private static final Codec ENCODER = new Codec(ClassAllowlist.jdkDefaults());

    /** The payload of {@link Protocol#ALLOW}: the two lists, which a worker passes to {@link #with}. */
    public static ByteBuffer frame(Collection<String> classes, Collection<String> packages) {
        try {
            return ENCODER.encode(List.of(List.copyOf(classes), List.copyOf(packages)));
        } catch (NotEncodableException e) {
            throw new IllegalStateException("lists of strings are always encodable", e);
        }
    }

    /** The defaults plus {@code classes} (binary names) and {@code packages}. */
    public static ClassAllowlist with(Collection<String> classes, Collection<String> packages) {
        return builder(classes, packages).build();
    }

    /**
     * The same, plus every throwable: for a pool decoding its own workers' results, which may hold
     * exceptions (a map chunk that failed part way).
     */
    public static ClassAllowlist withThrowables(Collection<String> classes, Collection<String> packages) {
        return builder(classes, packages).allowThrowables().build();
    }

    private static ClassAllowlist.Builder builder(Collection<String> classes, Collection<String> packages) {
        ClassAllowlist.Builder b = ClassAllowlist.builder()
                .allowClassName("dev.weft.process.internal.pool.RunnableCall")
                .allowClassName("dev.weft.futures.Calls$Apply1")
                .allowClassName("dev.weft.futures.Calls$Apply2")
                .allowClassName("dev.weft.futures.MapResults$ChunkTask")
                .allowClassName("dev.weft.futures.MapResults$Chunk")
                .allowClass(Configure.class)
                .allowClass(RunProcess.class)
                .allowClass(TaskError.class);
        for (String c : classes) {
            b.allowClassName(c);
        }
        for (String p : packages) {
            b.allowPackage(p);
        }
        return b;
    }
}
