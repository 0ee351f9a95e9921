package dev.weft.cluster.internal;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import dev.weft.function.ThrowingBiFunction;
import dev.weft.function.ThrowingFunction;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * One task as a member runs it, sent through Hazelcast's executor service: the function and what
 * it is applied to, as bytes of Weft's codec, which the member decodes under its allowlist
 * ({@link Wire}) inside {@link #call()}, so a refused class fails this task with an error naming it.
 * The answer is always bytes: a value, or the task's failure; so the sender tells the task's own
 * exception apart from the member leaving, which Hazelcast reports as a failure of the call. Not
 * API.
 */
public final class ChunkTask implements Callable<byte[]>, DataSerializable, HazelcastInstanceAware {
    /** {@code fn(payload)}: {@code fn} a {@link ThrowingFunction}. */
    public static final byte APPLY = 1;
    /** {@code fn} over the items of {@code payload}, an {@code Object[]}. */
    public static final byte CHUNK = 2;
    /** {@code fn(a, b)} over the pairs of {@code payload}, an {@code Object[]} of {@code Object[2]}. */
    public static final byte STAR_CHUNK = 3;
    /** {@code payload.call()}: {@code payload} a serializable {@link Callable}. */
    public static final byte CALL = 4;
    /** {@code fn(a, b)}: {@code fn} a {@link ThrowingBiFunction}, {@code payload} an {@code Object[2]}. */
    public static final byte STAR = 5;

    /** The first byte of an answer: a value follows. */
    public static final byte VALUE = 0;
    /** The first byte of an answer: a failure follows. */
    public static final byte FAILURE = 1;

    private byte[] fn;
    private byte mode;
    private byte[] payload;
    private String[] packages;
    private transient HazelcastInstance hz;

    /** For Hazelcast's deserialization. */
    public ChunkTask() {}

    /**
     * A task.
     *
     * @param fn the encoded function, or null for {@link #CALL}
     * @param packages the packages of the function (or callable) to allow when decoding
     */
    public ChunkTask(byte[] fn, byte mode, byte[] payload, List<String> packages) {
        this.fn = fn;
        this.mode = mode;
        this.payload = payload;
        this.packages = packages.toArray(String[]::new);
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hz) {
        this.hz = hz;
    }

    @Override
    public byte[] call() {
        Object value;
        try {
            value = run();
        } catch (Throwable t) {
            return answer(FAILURE, Wire.failure(t));
        }
        try {
            return answer(VALUE, Wire.encode(value));
        } catch (IOException | RuntimeException e) {
            return answer(FAILURE, Wire.failure(e)); // a result that cannot be encoded: the message names its class
        }
    }

    private static byte[] answer(byte kind, byte[] body) {
        byte[] out = new byte[body.length + 1];
        out[0] = kind;
        System.arraycopy(body, 0, out, 1, body.length);
        return out;
    }

    @SuppressWarnings("unchecked")
    private Object run() throws Throwable {
        ClassLoader loader = hz != null && hz.getConfig().getClassLoader() != null
                ? hz.getConfig().getClassLoader() : ChunkTask.class.getClassLoader();
        List<String> pkgs = Arrays.asList(packages);
        Object f = fn == null ? null : Wire.function(fn, hz, pkgs, loader);
        Object p = Wire.decode(payload, hz, pkgs, loader);
        return switch (mode) {
            case APPLY -> ((ThrowingFunction<Object, Object>) f).apply(p);
            case CHUNK -> {
                ThrowingFunction<Object, Object> g = (ThrowingFunction<Object, Object>) f;
                Object[] items = (Object[]) p;
                Object[] out = new Object[items.length];
                for (int i = 0; i < items.length; i++) {
                    out[i] = g.apply(items[i]);
                }
                yield compact(out);
            }
            case STAR_CHUNK -> {
                ThrowingBiFunction<Object, Object, Object> g = (ThrowingBiFunction<Object, Object, Object>) f;
                Object[] pairs = (Object[]) p;
                Object[] out = new Object[pairs.length];
                for (int i = 0; i < pairs.length; i++) {
                    Object[] pair = (Object[]) pairs[i];
                    out[i] = g.apply(pair[0], pair[1]);
                }
                yield compact(out);
            }
            case STAR -> {
                Object[] pair = (Object[]) p;
                yield ((ThrowingBiFunction<Object, Object, Object>) f).apply(pair[0], pair[1]);
            }
            case CALL -> ((Callable<Object>) p).call();
            default -> throw new IllegalStateException("unknown task mode " + mode);
        };
    }

    /** A chunk whose results are all {@code Integer}s travels as an {@code int[]}: a fifth of the bytes. */
    private static Object compact(Object[] out) {
        int[] ints = new int[out.length];
        for (int i = 0; i < out.length; i++) {
            if (!(out[i] instanceof Integer n)) {
                return out;
            }
            ints[i] = n;
        }
        return ints;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeByteArray(fn);
        out.writeByte(mode);
        out.writeByteArray(payload);
        out.writeStringArray(packages);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        fn = in.readByteArray();
        mode = in.readByte();
        payload = in.readByteArray();
        packages = in.readStringArray();
    }
}
