package dev.weft.cluster;

import dev.weft.cluster.internal.ChunkTask;
import dev.weft.cluster.internal.Dispatcher;
import dev.weft.cluster.internal.Wire;
import dev.weft.process.internal.wire.NotEncodableException;
import java.util.List;
import java.util.Objects;

/** Encoding a task for {@link ClusterPool} and {@link ClusterExecutor}, the same way for both. */
final class Tasks {
    private Tasks() {}

    /**
     * The bytes of {@code fn}.
     *
     * @throws IllegalArgumentException if it cannot be sent; the message names the class
     */
    static byte[] encodeFunction(Object fn) {
        try {
            return Wire.encode(Objects.requireNonNull(fn, "fn"));
        } catch (NotEncodableException e) {
            throw new IllegalArgumentException("the function cannot be sent to a member (it, or what it captures, is not"
                    + " Serializable): " + e.getMessage(), e);
        }
    }

    /**
     * Queues {@code fn} (its bytes {@code encoded}, or null for a callable {@code payload}) applied
     * in {@code mode} to {@code payload}; the packages of the function (or callable) and
     * {@code morePackages} are allowed when decoding. An argument that cannot be encoded fails {@code f} at once,
     * naming the class; nothing is sent.
     */
    static void submit(Dispatcher dispatcher, byte[] encoded, byte mode, Object fn, Object payload,
            java.util.Collection<String> morePackages, Dispatcher.JobFuture f) {
        byte[] bytes;
        try {
            bytes = Wire.encode(payload);
        } catch (NotEncodableException e) {
            f.fail(e);
            return;
        }
        Object code = fn != null ? fn : payload;
        java.util.Set<String> packages = new java.util.TreeSet<>(morePackages);
        packages.add(code.getClass().getPackageName());
        List<String> list = List.copyOf(packages);
        dispatcher.submit(new ChunkTask(encoded, mode, bytes, list), list, f);
    }
}
