package dev.weft.process.internal.worker;

import dev.weft.process.internal.hub.ItemCodec;
import dev.weft.process.internal.wire.ClassAllowlist;
import dev.weft.process.internal.wire.Codec;
import dev.weft.process.internal.wire.NotEncodableException;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.SerializedLambda;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The targets of earlier processes, which a warm spare prepares for before it connects. Not API.
 *
 * <p>Why: a forked Python child finds its target's module imported, because its parent had; a
 * spare JVM knows nothing of the program that will use it, and the first thing a process does in
 * it, decoding its target, loads the target's class, runs its static initializer and spins the
 * lambda's class, each a millisecond or more in a fresh JVM. So a spare started for a
 * {@code ChildJvm} spec does that ahead for the last few targets processes of that spec ran (as
 * Python's forkserver does for its preload modules): it loads and initializes the classes a target
 * names and, for a serializable lambda, resolves a copy of it whose captured values are replaced by
 * null or zero, which links the capturing class's {@code $deserializeLambda$} call site for that
 * lambda. No value a program passed ever reaches a spare: only class and method names.
 *
 * <p>How it travels: on the spare's standard input, after the key, as a length and a value of the
 * tagged format: the allow lists the parent's next start will bring (applied ahead, so that the
 * start finds them in place), then for each target its allowed classes and packages, the encoding
 * of its lambda's neutral copy, and the name of a class to initialize. Bounded: {@link #MAX_TARGETS}
 * targets, {@link #MAX_BYTES} bytes, less than a pipe's buffer, so the parent's write never waits
 * for the child.
 *
 * <p>Best effort in the spare: a target that cannot be prepared (a class gone, a static initializer
 * that throws) is skipped, as the process would meet the same when it decodes it.
 */
final class Preload {
    /** How many targets a spec's spares prepare for: the most recent ones. */
    static final int MAX_TARGETS = 8;
    /** The most bytes the targets may take on the spare's standard input. */
    static final int MAX_BYTES = 32 * 1024;

    /** Encodes targets and lists, and decodes the lists (JDK types only). */
    private static final Codec CODEC = new Codec(ClassAllowlist.jdkDefaults());

    /**
     * One target, as a spare prepares for it.
     *
     * @param key what makes two targets the same (the target's class, the process's class)
     * @param classes the classes its decoder allows beyond the defaults
     * @param packages the packages it allows
     * @param lambda the encoding of the lambda's neutral copy, or empty
     * @param initialize a class to load and initialize by name, or empty
     */
    record Target(List<Class<?>> key, List<String> classes, List<String> packages, byte[] lambda, String initialize) {
        int size() {
            int n = lambda.length + initialize.length();
            for (String s : classes) {
                n += s.length();
            }
            for (String s : packages) {
                n += s.length();
            }
            return n;
        }
    }

    /** The most recent targets of one spec, newest last. Guarded by itself. */
    static final class Learned {
        private final ArrayDeque<Target> targets = new ArrayDeque<>();

        synchronized boolean knows(List<Class<?>> key) {
            for (Target t : targets) {
                if (t.key().equals(key)) {
                    return true;
                }
            }
            return false;
        }

        synchronized void add(Target target) {
            targets.removeIf(t -> t.key().equals(target.key()));
            targets.addLast(target);
            while (targets.size() > MAX_TARGETS) {
                targets.removeFirst();
            }
        }

        /**
         * Writes what a spare prepares for: the lists the parent's next {@link Protocol#RUN} (or
         * {@link Protocol#ALLOW}) will bring, and the targets, newest first while they fit in half
         * of {@link #MAX_BYTES}.
         */
        void write(OutputStream out) throws IOException {
            List<Object> entries = new ArrayList<>();
            synchronized (this) {
                int bytes = 0;
                for (var it = targets.descendingIterator(); it.hasNext(); ) {
                    Target t = it.next();
                    bytes += t.size() + 64;
                    if (bytes > MAX_BYTES / 2) {
                        break;
                    }
                    entries.add(List.of(t.classes(), t.packages(), t.lambda(), t.initialize()));
                }
            }
            Preload.write(entries, out);
        }
    }

    private Preload() {}

    /** Writes what a spare of a spec without learned targets prepares for: the allow lists alone. */
    static void writeNone(OutputStream out) throws IOException {
        write(List.of(), out);
    }

    private static void write(List<Object> targets, OutputStream out) throws IOException {
        byte[] bytes;
        try {
            ByteBuffer b = CODEC.encode(List.of(ItemCodec.allowedClasses(), ItemCodec.allowedPackages(), targets));
            bytes = new byte[b.remaining()];
            b.get(bytes);
        } catch (NotEncodableException e) {
            throw new IllegalStateException("lists of strings and bytes are always encodable", e);
        }
        if (bytes.length > MAX_BYTES) {
            // Many long allowed names: the spare prepares for none of it rather than block the write.
            writeFramed(new byte[0], out);
            return;
        }
        writeFramed(bytes, out);
    }

    private static void writeFramed(byte[] bytes, OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(bytes.length);
        data.write(bytes);
    }

    /**
     * What a spare needs to prepare for {@code task} (run by a process of class {@code owner}),
     * or null if there is nothing to prepare or it cannot be described without the task's values.
     */
    static Target of(Object task, Class<?> owner, List<String> classes, List<String> packages) {
        byte[] lambda = new byte[0];
        String initialize = "";
        Class<?> type = task.getClass();
        if (type.isHidden()) {
            SerializedLambda neutral = neutralCopy(task);
            if (neutral == null) {
                return null;
            }
            try {
                ByteBuffer b = CODEC.encode(neutral);
                lambda = new byte[b.remaining()];
                b.get(lambda);
            } catch (NotEncodableException e) {
                return null;
            }
        } else {
            initialize = type.getName();
        }
        if (owner != dev.weft.process.Process.class) {
            // A subclass of Process runs as its own this::run: the subclass is what is decoded.
            initialize = owner.getName();
        }
        return new Target(List.of(type, owner), List.copyOf(classes), List.copyOf(packages), lambda, initialize);
    }

    /**
     * The serialized form of a serializable lambda, with each captured value replaced by null (a
     * zero for a boxed primitive, which the lambda's factory unboxes); null if {@code lambda} is
     * not one or its form cannot be reached (a named module that does not open its package).
     */
    static SerializedLambda neutralCopy(Object lambda) {
        SerializedLambda s = Codec.lambdaForm(lambda);
        if (s == null) {
            return null;
        }
        Object[] captured = new Object[s.getCapturedArgCount()];
        for (int i = 0; i < captured.length; i++) {
            captured[i] = zeroOf(s.getCapturedArg(i));
        }
        try {
            Class<?> capturing = Class.forName(s.getCapturingClass().replace('/', '.'), false,
                    lambda.getClass().getClassLoader());
            return new SerializedLambda(capturing, s.getFunctionalInterfaceClass(),
                    s.getFunctionalInterfaceMethodName(), s.getFunctionalInterfaceMethodSignature(),
                    s.getImplMethodKind(), s.getImplClass(), s.getImplMethodName(), s.getImplMethodSignature(),
                    s.getInstantiatedMethodType(), captured);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    private static Object zeroOf(Object value) {
        return switch (value) {
            case Integer i -> 0;
            case Long l -> 0L;
            case Boolean b -> false;
            case Double d -> 0.0;
            case Float f -> 0.0f;
            case Character c -> '\0';
            case Short s -> (short) 0;
            case Byte b -> (byte) 0;
            case null, default -> null;
        };
    }

    // ------------------------------------------------------------------ in the spare

    /**
     * Reads what the parent wrote after the key; blocks until it has come.
     *
     * @return what to prepare for, for {@link #prepare}
     * @throws java.io.EOFException if {@code in} ends first (the parent is gone)
     * @throws IOException if the length is out of bounds, or the frame is malformed
     */
    static List<?> read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int length = data.readInt();
        if (length < 0 || length > MAX_BYTES) {
            throw new IOException("the parent's list of targets to prepare is " + length
                    + " bytes long, outside 0.." + MAX_BYTES);
        }
        ByteBuffer frame = ByteBuffer.wrap(data.readNBytes(length));
        if (frame.remaining() != length) {
            throw new java.io.EOFException("the parent's list of targets to prepare ended after "
                    + frame.remaining() + " of " + length + " bytes");
        }
        return length == 0 ? List.of() : (List<?>) CODEC.decode(frame);
    }

    /**
     * Prepares, on the calling thread, for what {@link #read} returned: applies the allow lists
     * (so that equal lists in the next {@link Protocol#RUN} or {@link Protocol#ALLOW} change nothing), then prepares for each target.
     */
    @SuppressWarnings("unchecked")
    static void prepare(List<?> what) {
        if (what.isEmpty()) {
            return;
        }
        try {
            WorkerMain.allow((List<String>) what.get(0), (List<String>) what.get(1));
        } catch (RuntimeException e) {
            // the ALLOW frame will bring them again, and fail the process if they are bad
        }
        for (Object t : (List<?>) what.get(2)) {
            prepareOne((List<?>) t);
        }
    }

    @SuppressWarnings("unchecked")
    private static void prepareOne(List<?> entry) {
        try {
            List<String> classes = (List<String>) entry.get(0);
            List<String> packages = (List<String>) entry.get(1);
            byte[] lambda = (byte[]) entry.get(2);
            String initialize = (String) entry.get(3);
            if (!initialize.isEmpty()) {
                Class.forName(initialize, true, Preload.class.getClassLoader());
            }
            if (lambda.length > 0) {
                new Codec(WeftAllowlist.with(classes, packages)).decode(ByteBuffer.wrap(lambda));
            }
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            // the process that uses this target will meet the same, and report it
        }
    }
}
