package dev.weft.process.internal.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Encodes values into the compact tagged format described in the
 * {@linkplain dev.weft.process.internal.wire package documentation}, and decodes them, instantiating
 * only classes its {@link ClassAllowlist} allows. Not API.
 *
 * <p>Values are copied by content: shared references are written once per occurrence and a cycle
 * through codec-handled types is refused as nesting deeper than {@link #MAX_DEPTH}. Inside an
 * object that goes through Java serialization, sharing and cycles are kept, as Java serialization
 * keeps them.
 *
 * <p>Instances are immutable and thread-safe; every call keeps its state to itself. Nothing here
 * blocks.
 */
public final class Codec {
    /** The deepest nesting of containers (arrays, collections, optionals, records) either way. */
    public static final int MAX_DEPTH = 256;

    /**
     * The deepest object nesting accepted inside a Java serialization stream. Lower than
     * {@link #MAX_DEPTH} because each level costs several stack frames there.
     */
    public static final int MAX_JAVA_SERIALIZATION_DEPTH = 64;

    // Tags, one byte before each value; the package documentation gives each one's content. The
    // numbers are the wire format: never renumber, only add.
    static final byte NULL = 0;
    static final byte FALSE = 1;
    static final byte TRUE = 2;
    static final byte BYTE = 3;
    static final byte SHORT = 4;
    static final byte CHAR = 5;
    static final byte INT = 6;
    static final byte LONG = 7;
    static final byte FLOAT = 8;
    static final byte DOUBLE = 9;
    static final byte STRING = 10;
    static final byte BYTES = 11;
    static final byte INTS = 12;
    static final byte LONGS = 13;
    static final byte DOUBLES = 14;
    static final byte OBJECTS = 15;
    static final byte TYPED_ARRAY = 16;
    static final byte LIST = 17;
    static final byte SET = 18;
    static final byte MAP = 19;
    static final byte OPTIONAL_EMPTY = 20;
    static final byte OPTIONAL = 21;
    static final byte RECORD = 22;
    static final byte ENUM = 23;
    static final byte SERIALIZED = 24;
    static final byte LAMBDA = 25;

    /** A serializable lambda class's {@code writeReplace}, made accessible; empty if it cannot be. */
    private static final ClassValue<Optional<Method>> LAMBDA_FORMS = new ClassValue<>() {
        @Override
        protected Optional<Method> computeValue(Class<?> type) {
            return accessibleMethod(type, "writeReplace");
        }
    };

    /** A capturing class's {@code $deserializeLambda$}, made accessible; empty if it cannot be. */
    private static final ClassValue<Optional<Method>> LAMBDA_FACTORIES = new ClassValue<>() {
        @Override
        protected Optional<Method> computeValue(Class<?> type) {
            return accessibleMethod(type, "$deserializeLambda$", SerializedLambda.class);
        }
    };

    /**
     * {@return the serialized form of {@code value} if it is a serializable lambda whose form this
     * module can reach (its class's package is open to it, as the unnamed module's are), else null}
     */
    public static SerializedLambda lambdaForm(Object value) {
        if (!(value instanceof Serializable) || !value.getClass().isHidden()) {
            return null;
        }
        Optional<Method> writeReplace = LAMBDA_FORMS.get(value.getClass());
        if (writeReplace.isEmpty()) {
            return null;
        }
        try {
            return writeReplace.get().invoke(value) instanceof SerializedLambda form ? form : null;
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    private static Optional<Method> accessibleMethod(Class<?> type, String name, Class<?>... parameters) {
        try {
            Method m = type.getDeclaredMethod(name, parameters);
            m.setAccessible(true);
            return Optional.of(m);
        } catch (NoSuchMethodException | RuntimeException e) {
            // RuntimeException: InaccessibleObjectException, a module that does not open the package
            return Optional.empty();
        }
    }

    private static final ClassValue<RecordInfo> RECORDS = new ClassValue<>() {
        @Override
        protected RecordInfo computeValue(Class<?> type) {
            return RecordInfo.of(type);
        }
    };

    private final ClassAllowlist allowlist;
    private final ClassLoader loader;

    /**
     * A codec that decodes classes allowed by {@code allowlist}, loading them through the calling
     * thread's context class loader (or this class's loader when there is none).
     *
     * @throws NullPointerException if {@code allowlist} is null
     */
    public Codec(ClassAllowlist allowlist) {
        this(allowlist, defaultLoader());
    }

    /**
     * A codec that decodes classes allowed by {@code allowlist}, loading them through {@code loader}.
     *
     * @throws NullPointerException if an argument is null
     */
    public Codec(ClassAllowlist allowlist, ClassLoader loader) {
        this.allowlist = Objects.requireNonNull(allowlist, "allowlist");
        this.loader = Objects.requireNonNull(loader, "loader");
    }

    private static ClassLoader defaultLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : Codec.class.getClassLoader();
    }

    /** Whether {@code name} may be decoded: by the allowlist, or as a throwable when it allows those. */
    private boolean allowed(String name) {
        if (allowlist.allows(name)) {
            return true;
        }
        if (!allowlist.allowsThrowables()) {
            return false;
        }
        try {
            return Throwable.class.isAssignableFrom(Class.forName(name, false, loader));
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The allowlist this codec decodes with. */
    public ClassAllowlist allowlist() {
        return allowlist;
    }

    /**
     * Appends the encoding of {@code value} to {@code out}. On failure {@code out} is left as it was
     * before the call. Runs the value's record accessors and, for other {@link Serializable}
     * objects, their serialization methods; does not block otherwise.
     *
     * @throws NotEncodableException if something inside {@code value} is neither codable nor
     *     {@link Serializable}, its serialization failed, it nests deeper than {@link #MAX_DEPTH}
     *     (a cycle, usually), the encoding would pass 2 GiB or a collection's iterator failed; the
     *     message names the class and, where known, the path to it
     * @throws NullPointerException if {@code out} is null
     */
    public void encode(Object value, GrowableBuffer out) throws NotEncodableException {
        int start = out.size();
        try {
            new Encoder(out).write(value, 0);
        } catch (NotEncodableException e) {
            out.truncate(start);
            throw e;
        } catch (RuntimeException e) {
            // Over 2 GiB (IllegalStateException from the buffer), or a collection whose iterator
            // failed (ConcurrentModificationException): still this value's failure to encode.
            out.truncate(start);
            String type = value == null ? "null" : value.getClass().getName();
            throw new NotEncodableException(type, "", "encoding failed: " + e, e);
        }
    }

    /**
     * The encoding of {@code value} in a new buffer (position 0, limit its length).
     *
     * @throws NotEncodableException as {@link #encode(Object, GrowableBuffer)} does
     */
    public ByteBuffer encode(Object value) throws NotEncodableException {
        GrowableBuffer out = new GrowableBuffer();
        encode(value, out);
        return out.contents();
    }

    /**
     * Decodes one value from {@code in}, starting at its position and advancing it past the value;
     * bytes after the value are left for the caller (who may treat them as an error). Reads
     * big-endian whatever {@code in}'s byte order, which is restored. Runs the canonical
     * constructors of allowed records and, inside Java serialization, the deserialization methods
     * of allowed classes; does not block otherwise.
     *
     * @return the value: lists come back as {@link ArrayList}, sets as {@link LinkedHashSet} and maps
     *     as {@link LinkedHashMap}, in the order they were written
     * @throws ClassNotAllowedException if the value names a class the allowlist does not allow; the
     *     class is neither loaded nor initialized
     * @throws ProtocolException if the bytes are not a valid encoding: unknown tag, a length larger
     *     than the bytes left, nesting deeper than {@link #MAX_DEPTH}, the encoding ending inside a
     *     value, a corrupt or over-limit Java serialization stream, a class that cannot be found or
     *     is not of the expected kind, or a record constructor that refused its components
     * @throws NullPointerException if {@code in} is null
     */
    public Object decode(ByteBuffer in) throws ProtocolException, ClassNotAllowedException {
        ByteOrder order = in.order();
        in.order(ByteOrder.BIG_ENDIAN);
        try {
            return new Decoder(in).read(0);
        } catch (BufferUnderflowException e) {
            // Lengths are checked before reading, so this is a safety net, not a code path.
            throw new ProtocolException("encoding ends inside a value at offset " + in.position(), e);
        } finally {
            in.order(order);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Encoding

    /** The state of one {@code encode} call: the output and the class names written so far. */
    private static final class Encoder {
        private final GrowableBuffer out;
        /** Class name table: a class's name goes out once, later uses refer to it by index. */
        private Map<Class<?>, Integer> classIds;

        Encoder(GrowableBuffer out) {
            this.out = out;
        }

        void write(Object value, int depth) throws NotEncodableException {
            if (depth > MAX_DEPTH) {
                throw new NotEncodableException(value.getClass().getName(), "",
                        "nesting deeper than " + MAX_DEPTH + " levels (is there a cycle?)", null);
            }
            switch (value) {
                case null -> out.ensure(1).put(NULL);
                case String s -> {
                    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
                    ByteBuffer b = out.ensure(1 + 5 + bytes.length);
                    b.put(STRING);
                    putVarint(b, bytes.length);
                    b.put(bytes);
                }
                case Integer i -> putVarint(out.ensure(1 + 5).put(INT), zigzag(i));
                case Long l -> putVarint(out.ensure(1 + 10).put(LONG), zigzag(l));
                case Double d -> out.ensure(1 + 8).put(DOUBLE).putDouble(d);
                case Boolean bool -> out.ensure(1).put(bool ? TRUE : FALSE);
                case Byte b -> out.ensure(2).put(BYTE).put(b);
                case Short s -> out.ensure(3).put(SHORT).putShort(s);
                case Character c -> out.ensure(3).put(CHAR).putChar(c);
                case Float f -> out.ensure(5).put(FLOAT).putFloat(f);
                case byte[] a -> {
                    ByteBuffer b = out.ensure(arrayBytes(a.length, 1));
                    putVarint(b.put(BYTES), a.length);
                    b.put(a);
                }
                case int[] a -> {
                    ByteBuffer b = out.ensure(arrayBytes(a.length, 4));
                    putVarint(b.put(INTS), a.length);
                    b.asIntBuffer().put(a);
                    b.position(b.position() + 4 * a.length);
                }
                case long[] a -> {
                    ByteBuffer b = out.ensure(arrayBytes(a.length, 8));
                    putVarint(b.put(LONGS), a.length);
                    b.asLongBuffer().put(a);
                    b.position(b.position() + 8 * a.length);
                }
                case double[] a -> {
                    ByteBuffer b = out.ensure(arrayBytes(a.length, 8));
                    putVarint(b.put(DOUBLES), a.length);
                    b.asDoubleBuffer().put(a);
                    b.position(b.position() + 8 * a.length);
                }
                case Object[] a -> writeArray(a, depth);
                case List<?> list -> writeElements(LIST, list, list.size(), "list element ", depth);
                case Set<?> set -> writeElements(SET, set, set.size(), "set element ", depth);
                case Map<?, ?> map -> writeMap(map, depth);
                case Optional<?> optional -> {
                    if (optional.isEmpty()) {
                        out.ensure(1).put(OPTIONAL_EMPTY);
                    } else {
                        out.ensure(1).put(OPTIONAL);
                        try {
                            write(optional.get(), depth + 1);
                        } catch (NotEncodableException e) {
                            throw e.within("Optional value");
                        }
                    }
                }
                case Record r -> writeRecord(r, depth);
                case Enum<?> e -> {
                    out.ensure(1).put(ENUM);
                    writeClass(e.getDeclaringClass());
                    writeRawString(e.name());
                }
                case Serializable s -> {
                    if (!writeLambda(s, depth)) {
                        writeSerialized(s);
                    }
                }
                default -> throw notCodable(value);
            }
        }

        private static NotEncodableException notCodable(Object value) {
            Class<?> type = value.getClass();
            String reason = type.isHidden() && type.getName().contains("$$Lambda")
                    ? "it is a lambda whose functional interface is not Serializable; use one that is"
                            + " (dev.weft.function.ThrowingFunction and friends) or cast to"
                            + " (YourInterface & Serializable)"
                    : "it is neither a type the codec encodes (primitives, strings, arrays, lists, sets,"
                            + " maps, Optional, records, enums) nor java.io.Serializable";
            return new NotEncodableException(type.getName(), "", reason, null);
        }

        private void writeArray(Object[] array, int depth) throws NotEncodableException {
            if (array.getClass() == Object[].class) {
                out.ensure(1).put(OBJECTS);
            } else {
                // Keep the element type (String[] stays String[]) so typed parameters still fit.
                out.ensure(1).put(TYPED_ARRAY);
                writeClass(array.getClass().getComponentType());
            }
            putVarint(out.ensure(5), array.length);
            for (int i = 0; i < array.length; i++) {
                try {
                    write(array[i], depth + 1);
                } catch (NotEncodableException e) {
                    throw e.within("array element " + i);
                }
            }
        }

        private void writeElements(byte tag, Iterable<?> elements, int size, String segment, int depth)
                throws NotEncodableException {
            putVarint(out.ensure(1 + 5).put(tag), size);
            int i = 0;
            for (Object element : elements) {
                if (i == size) {
                    break; // grew meanwhile: the check below reports it
                }
                try {
                    write(element, depth + 1);
                } catch (NotEncodableException e) {
                    throw e.within(segment + i);
                }
                i++;
            }
            if (i != size) {
                throw changedWhileEncoding(elements);
            }
        }

        private void writeMap(Map<?, ?> map, int depth) throws NotEncodableException {
            int size = map.size();
            putVarint(out.ensure(1 + 5).put(MAP), size);
            int i = 0;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (i == size) {
                    break;
                }
                try {
                    write(entry.getKey(), depth + 1);
                } catch (NotEncodableException e) {
                    throw e.within("map key " + i);
                }
                try {
                    write(entry.getValue(), depth + 1);
                } catch (NotEncodableException e) {
                    throw e.within("map value " + i + " (key " + shortly(entry.getKey()) + ")");
                }
                i++;
            }
            if (i != size) {
                throw changedWhileEncoding(map);
            }
        }

        private static NotEncodableException changedWhileEncoding(Object collection) {
            return new NotEncodableException(collection.getClass().getName(), "",
                    "it changed size while it was being encoded (is another thread modifying it?)", null);
        }

        private static String shortly(Object key) {
            String s;
            try {
                s = String.valueOf(key);
            } catch (RuntimeException e) {
                s = "a " + key.getClass().getName();
            }
            return s.length() > 40 ? s.substring(0, 37) + "..." : s;
        }

        private void writeRecord(Record record, int depth) throws NotEncodableException {
            Class<?> type = record.getClass();
            RecordInfo info = RECORDS.get(type);
            if (info.failure() != null) {
                throw new NotEncodableException(type.getName(), "", info.failure(), null);
            }
            out.ensure(1).put(RECORD);
            writeClass(type);
            putVarint(out.ensure(5), info.names().length);
            for (int i = 0; i < info.names().length; i++) {
                Object component;
                try {
                    component = (Object) info.accessors()[i].invokeExact((Object) record);
                } catch (Throwable t) {
                    rethrowIfFatal(t);
                    throw new NotEncodableException(type.getName(), "",
                            "its accessor " + info.names()[i] + "() threw " + t, t);
                }
                try {
                    write(component, depth + 1);
                } catch (NotEncodableException e) {
                    throw e.within("record field `" + info.names()[i] + "`");
                }
            }
        }

        /**
         * Writes a serializable lambda (or a {@link SerializedLambda}, which Java serialization
         * turns back into its lambda as well) in the tagged format, when its serialized form can be
         * reached and every value it captured is one whose identity does not matter (null, a
         * string, a boxed primitive, an enum constant); otherwise writes nothing and returns false,
         * and the lambda goes through Java serialization, which keeps shared references between
         * its captured values. Why: decoding Java serialization's form of a lambda costs a fresh
         * JVM half a millisecond of interpreted stream parsing, the most of a process's start.
         */
        private boolean writeLambda(Serializable value, int depth) throws NotEncodableException {
            SerializedLambda form = value instanceof SerializedLambda given ? given : lambdaForm(value);
            if (form == null) {
                return false;
            }
            int captured = form.getCapturedArgCount();
            for (int i = 0; i < captured; i++) {
                if (!identityFree(form.getCapturedArg(i))) {
                    return false;
                }
            }
            out.ensure(1).put(LAMBDA);
            writeRawString(form.getCapturingClass().replace('/', '.'));
            writeRawString(form.getFunctionalInterfaceClass());
            writeRawString(form.getFunctionalInterfaceMethodName());
            writeRawString(form.getFunctionalInterfaceMethodSignature());
            putVarint(out.ensure(5), form.getImplMethodKind());
            writeRawString(form.getImplClass());
            writeRawString(form.getImplMethodName());
            writeRawString(form.getImplMethodSignature());
            writeRawString(form.getInstantiatedMethodType());
            putVarint(out.ensure(5), captured);
            for (int i = 0; i < captured; i++) {
                write(form.getCapturedArg(i), depth + 1);
            }
            return true;
        }

        private static boolean identityFree(Object v) {
            return switch (v) {
                case null -> true;
                case String s -> true;
                case Integer i -> true;
                case Long l -> true;
                case Double d -> true;
                case Float f -> true;
                case Short s -> true;
                case Byte b -> true;
                case Character c -> true;
                case Boolean b -> true;
                case Enum<?> e -> true;
                default -> false;
            };
        }

        private void writeSerialized(Serializable value) throws NotEncodableException {
            out.ensure(1).put(SERIALIZED);
            int lengthAt = out.reserve(4);
            int start = out.size();
            try (ObjectOutputStream oos = new ObjectOutputStream(out.asOutputStream())) {
                oos.writeObject(value);
            } catch (NotSerializableException e) {
                // Java serialization names only the class; say where it was found.
                throw new NotEncodableException(e.getMessage(), "", "it is not Serializable", e)
                        .within("inside " + value.getClass().getName() + " (Java serialization)");
            } catch (IOException | RuntimeException e) {
                throw new NotEncodableException(value.getClass().getName(), "",
                        "its Java serialization failed: " + e, e);
            }
            ByteBuffer b = out.ensure(0);
            b.putInt(lengthAt, b.position() - start);
        }

        private void writeClass(Class<?> type) {
            if (classIds == null) {
                classIds = new HashMap<>();
            }
            Integer id = classIds.get(type);
            if (id != null) {
                putVarint(out.ensure(5), id + 1);
            } else {
                classIds.put(type, classIds.size());
                putVarint(out.ensure(5), 0);
                writeRawString(type.getName());
            }
        }

        private void writeRawString(String s) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            ByteBuffer b = out.ensure(5 + bytes.length);
            putVarint(b, bytes.length);
            b.put(bytes);
        }

        /** Bytes for a tag, a length and {@code length} elements of {@code width} bytes each. */
        private static int arrayBytes(int length, int width) {
            long bytes = 1 + 5 + (long) length * width;
            if (bytes > Integer.MAX_VALUE) {
                throw new IllegalStateException("an array of " + length + " elements does not fit in one message");
            }
            return (int) bytes;
        }

        private static long zigzag(long v) {
            return (v << 1) ^ (v >> 63);
        }

        private static long zigzag(int v) {
            return ((v << 1) ^ (v >> 31)) & 0xFFFF_FFFFL;
        }

        /** Writes {@code v} as an unsigned LEB128 varint: 7 bits a byte, high bit set on all but the last. */
        private static void putVarint(ByteBuffer b, long v) {
            while ((v & ~0x7FL) != 0) {
                b.put((byte) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            b.put((byte) v);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Decoding

    /** The state of one {@code decode} call: the input and the class table read so far. */
    private final class Decoder {
        private final ByteBuffer in;
        private List<Class<?>> classes;

        Decoder(ByteBuffer in) {
            this.in = in;
        }

        Object read(int depth) throws ProtocolException, ClassNotAllowedException {
            if (depth > MAX_DEPTH) {
                throw new ProtocolException("nesting deeper than " + MAX_DEPTH + " levels at offset " + in.position());
            }
            need(1);
            int at = in.position();
            byte tag = in.get();
            return switch (tag) {
                case NULL -> null;
                case FALSE -> Boolean.FALSE;
                case TRUE -> Boolean.TRUE;
                case BYTE -> need(1).get();
                case SHORT -> need(2).getShort();
                case CHAR -> need(2).getChar();
                case INT -> {
                    long v = readVarint(5);
                    if (v > 0xFFFF_FFFFL) {
                        throw new ProtocolException("int out of range at offset " + at);
                    }
                    int n = (int) v;
                    yield (n >>> 1) ^ -(n & 1);
                }
                case LONG -> {
                    long v = readVarint(10);
                    yield (v >>> 1) ^ -(v & 1);
                }
                case FLOAT -> need(4).getFloat();
                case DOUBLE -> need(8).getDouble();
                case STRING -> readRawString();
                case BYTES -> {
                    byte[] a = new byte[readLength(1)];
                    in.get(a);
                    yield a;
                }
                case INTS -> {
                    int[] a = new int[readLength(4)];
                    in.asIntBuffer().get(a);
                    in.position(in.position() + 4 * a.length);
                    yield a;
                }
                case LONGS -> {
                    long[] a = new long[readLength(8)];
                    in.asLongBuffer().get(a);
                    in.position(in.position() + 8 * a.length);
                    yield a;
                }
                case DOUBLES -> {
                    double[] a = new double[readLength(8)];
                    in.asDoubleBuffer().get(a);
                    in.position(in.position() + 8 * a.length);
                    yield a;
                }
                case OBJECTS -> readElements(new Object[readLength(1)], depth);
                case TYPED_ARRAY -> readTypedArray(depth);
                case LIST -> {
                    int n = readLength(1);
                    ArrayList<Object> list = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        list.add(read(depth + 1));
                    }
                    yield list;
                }
                case SET -> {
                    int n = readLength(1);
                    Set<Object> set = LinkedHashSet.newLinkedHashSet(n);
                    for (int i = 0; i < n; i++) {
                        Object element = read(depth + 1);
                        try {
                            set.add(element);
                        } catch (RuntimeException e) {
                            throw userCodeFailed("a set element's hashCode or equals", e);
                        }
                    }
                    yield set;
                }
                case MAP -> {
                    int n = readLength(2);
                    Map<Object, Object> map = LinkedHashMap.newLinkedHashMap(n);
                    for (int i = 0; i < n; i++) {
                        Object key = read(depth + 1);
                        Object value = read(depth + 1);
                        try {
                            map.put(key, value);
                        } catch (RuntimeException e) {
                            throw userCodeFailed("a map key's hashCode or equals", e);
                        }
                    }
                    yield map;
                }
                case OPTIONAL_EMPTY -> Optional.empty();
                case OPTIONAL -> {
                    Object value = read(depth + 1);
                    if (value == null) {
                        throw new ProtocolException("Optional holding null at offset " + at);
                    }
                    yield Optional.of(value);
                }
                case RECORD -> readRecord(at, depth);
                case ENUM -> readEnum(at);
                case SERIALIZED -> {
                    int n = need(4).getInt();
                    if (n < 0 || n > in.remaining()) {
                        throw new ProtocolException("Java serialization stream of " + n + " bytes at offset "
                                + at + " but only " + in.remaining() + " bytes left");
                    }
                    ByteBuffer stream = in.slice(in.position(), n);
                    in.position(in.position() + n);
                    yield readJava(stream);
                }
                case LAMBDA -> readLambda(at, depth);
                default -> throw new ProtocolException("unknown tag " + (tag & 0xFF) + " at offset " + at);
            };
        }

        private Object[] readElements(Object[] array, int depth) throws ProtocolException, ClassNotAllowedException {
            for (int i = 0; i < array.length; i++) {
                Object element = read(depth + 1);
                try {
                    array[i] = element;
                } catch (ArrayStoreException e) {
                    throw new ProtocolException("a " + element.getClass().getName() + " cannot be stored in a "
                            + array.getClass().getComponentType().getName() + "[]", e);
                }
            }
            return array;
        }

        private Object[] readTypedArray(int depth) throws ProtocolException, ClassNotAllowedException {
            int at = in.position();
            Class<?> component = readClass();
            if (component.isPrimitive()) {
                throw new ProtocolException("array of primitive type " + component + " tagged as an object array at offset " + at);
            }
            int n = readLength(1);
            Object[] array;
            try {
                array = (Object[]) Array.newInstance(component, n);
            } catch (IllegalArgumentException e) { // more than 255 dimensions
                throw new ProtocolException("cannot make an array of " + component.getName(), e);
            }
            return readElements(array, depth);
        }

        private Object readRecord(int at, int depth) throws ProtocolException, ClassNotAllowedException {
            Class<?> type = readClass();
            if (!type.isRecord()) {
                throw new ProtocolException(type.getName() + " is not a record (offset " + at + ")");
            }
            RecordInfo info = RECORDS.get(type);
            if (info.failure() != null) {
                throw new ProtocolException(info.failure());
            }
            int n = readLength(1);
            if (n != info.names().length) {
                throw new ProtocolException("record " + type.getName() + " has " + info.names().length
                        + " components, the message has " + n + " (offset " + at + ")");
            }
            Object[] components = new Object[n];
            for (int i = 0; i < n; i++) {
                components[i] = read(depth + 1);
            }
            try {
                return (Object) info.constructor().invokeExact(components);
            } catch (Throwable t) {
                rethrowIfFatal(t);
                // A wrong component type (ClassCastException, NullPointerException for a primitive)
                // or the constructor's own validation.
                throw new ProtocolException("record " + type.getName() + " could not be built from the"
                        + " message's components: " + t, t);
            }
        }

        private Object readEnum(int at) throws ProtocolException, ClassNotAllowedException {
            Class<?> type = readClass();
            if (!type.isEnum()) {
                throw new ProtocolException(type.getName() + " is not an enum (offset " + at + ")");
            }
            String name = readRawString();
            try {
                @SuppressWarnings({"unchecked", "rawtypes"})
                Object constant = Enum.valueOf((Class) type, name);
                return constant;
            } catch (IllegalArgumentException e) {
                throw new ProtocolException("enum " + type.getName() + " has no constant " + name, e);
            }
        }

        /**
         * Reads a lambda written by {@code writeLambda} and makes it as Java serialization would:
         * through its capturing class's {@code $deserializeLambda$}, which accepts only the lambdas
         * that class's source has. The capturing class must be allowed.
         */
        private Object readLambda(int at, int depth) throws ProtocolException, ClassNotAllowedException {
            Class<?> capturing = loadAllowed(readRawString());
            String interfaceClass = readRawString();
            String interfaceMethod = readRawString();
            String interfaceSignature = readRawString();
            long kind = readVarint(5);
            String implClass = readRawString();
            String implMethod = readRawString();
            String implSignature = readRawString();
            String instantiated = readRawString();
            Object[] captured = new Object[readLength(1)];
            for (int i = 0; i < captured.length; i++) {
                captured[i] = read(depth + 1);
            }
            SerializedLambda form;
            try {
                form = new SerializedLambda(capturing, interfaceClass, interfaceMethod, interfaceSignature,
                        (int) kind, implClass, implMethod, implSignature, instantiated, captured);
            } catch (RuntimeException e) {
                throw new ProtocolException("malformed lambda at offset " + at + ": " + e, e);
            }
            Optional<Method> factory = LAMBDA_FACTORIES.get(capturing);
            if (factory.isEmpty()) {
                // Not reachable by reflection here (a module that does not open its package):
                // let Java serialization's own readResolve do it.
                return readJava(javaSerialization(form));
            }
            try {
                return factory.get().invoke(null, form);
            } catch (java.lang.reflect.InvocationTargetException e) {
                rethrowIfFatal(e.getCause());
                throw new ProtocolException("lambda " + implMethod + " of " + capturing.getName()
                        + " could not be rebuilt (offset " + at + "): " + e.getCause(), e.getCause());
            } catch (IllegalAccessException e) {
                throw new ProtocolException("lambda of " + capturing.getName() + " could not be rebuilt: " + e, e);
            }
        }

        private static ByteBuffer javaSerialization(SerializedLambda form) throws ProtocolException {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(form);
            } catch (IOException e) {
                throw new ProtocolException("lambda of " + form.getCapturingClass() + " could not be rebuilt: " + e, e);
            }
            return ByteBuffer.wrap(bytes.toByteArray());
        }

        /** Reads a class reference: 0 then a new name, or 1 + the index of a name already read. */
        private Class<?> readClass() throws ProtocolException, ClassNotAllowedException {
            int at = in.position();
            long ref = readVarint(5);
            if (ref != 0) {
                if (classes == null || ref > classes.size()) {
                    throw new ProtocolException("reference to unknown class #" + ref + " at offset " + at);
                }
                return classes.get((int) ref - 1);
            }
            Class<?> type = loadAllowed(readRawString());
            if (classes == null) {
                classes = new ArrayList<>();
            }
            classes.add(type);
            return type;
        }

        /** Loads class {@code name} if the allowlist allows it; it decides before anything is loaded. */
        private Class<?> loadAllowed(String name) throws ProtocolException, ClassNotAllowedException {
            if (!allowed(name)) {
                throw new ClassNotAllowedException(name);
            }
            try {
                return Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                throw new ProtocolException("class " + name + " is allowed but cannot be loaded: " + e, e);
            }
        }

        private String readRawString() throws ProtocolException {
            int n = readLength(1);
            String s;
            if (in.hasArray()) {
                s = new String(in.array(), in.arrayOffset() + in.position(), n, StandardCharsets.UTF_8);
                in.position(in.position() + n);
            } else {
                byte[] bytes = new byte[n];
                in.get(bytes);
                s = new String(bytes, StandardCharsets.UTF_8);
            }
            return s;
        }

        /**
         * Reads a length and checks, before anything is allocated, that the bytes left can hold
         * that many elements of at least {@code minBytes} bytes each.
         */
        private int readLength(int minBytes) throws ProtocolException {
            int at = in.position();
            long n = readVarint(5);
            if (n > Integer.MAX_VALUE || n * minBytes > in.remaining()) {
                throw new ProtocolException("declared length " + n + " at offset " + at + " needs at least "
                        + n * minBytes + " bytes but only " + in.remaining() + " are left");
            }
            return (int) n;
        }

        private long readVarint(int maxBytes) throws ProtocolException {
            int at = in.position();
            long result = 0;
            for (int i = 0; i < maxBytes; i++) {
                byte b = need(1).get();
                result |= (long) (b & 0x7F) << (7 * i);
                if (b >= 0) {
                    return result;
                }
            }
            throw new ProtocolException("variable-length integer longer than " + maxBytes + " bytes at offset " + at);
        }

        private ByteBuffer need(int bytes) throws ProtocolException {
            if (in.remaining() < bytes) {
                throw new ProtocolException("encoding ends inside a value at offset " + in.position()
                        + ": " + bytes + " more bytes needed, " + in.remaining() + " left");
            }
            return in;
        }

        private ProtocolException userCodeFailed(String what, RuntimeException e) {
            return new ProtocolException(what + " threw " + e + " at offset " + in.position(), e);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Java serialization, behind the allowlist

    private Object readJava(ByteBuffer stream) throws ProtocolException, ClassNotAllowedException {
        JavaFilter filter = new JavaFilter(stream.remaining());
        try (GuardedInput input = new GuardedInput(new ByteBufferInput(stream), filter)) {
            return input.readObject();
        } catch (ClassNotAllowedException e) {
            throw e;
        } catch (InvalidClassException e) {
            if (filter.refusedClass != null) {
                ClassNotAllowedException refused = new ClassNotAllowedException(filter.refusedClass);
                refused.initCause(e);
                throw refused;
            }
            if (filter.brokenLimit != null) {
                throw new ProtocolException("Java serialization stream refused: " + filter.brokenLimit, e);
            }
            throw new ProtocolException("corrupt Java serialization stream: " + e, e);
        } catch (ClassNotFoundException e) {
            throw new ProtocolException("class in a Java serialization stream is allowed but cannot be loaded: "
                    + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            // Custom readObject methods may throw anything on corrupt input; all of it means "corrupt".
            throw new ProtocolException("corrupt Java serialization stream: " + e, e);
        }
    }

    /**
     * The per-stream filter: classes by the allowlist (again, for arrays and anything
     * {@link GuardedInput#resolveClass} does not see), and limits that tie every allocation to the
     * stream's length, so a stream of n bytes cannot make the receiver allocate much more than 8n.
     */
    private final class JavaFilter implements ObjectInputFilter {
        private final long streamLength;
        String refusedClass;
        String brokenLimit;

        JavaFilter(long streamLength) {
            this.streamLength = streamLength;
        }

        @Override
        public Status checkInput(FilterInfo info) {
            Class<?> type = info.serialClass();
            // A hidden class cannot be named in a stream: it is what an allowed class's readResolve
            // returned (a lambda from SerializedLambda, whose capturing class was checked by name).
            if (type != null && !type.isHidden() && !allowlist.allows(type.getName())
                    && !(allowlist.allowsThrowables() && Throwable.class.isAssignableFrom(type))) {
                refusedClass = type.getName();
                return Status.REJECTED;
            }
            if (info.depth() > MAX_JAVA_SERIALIZATION_DEPTH) {
                brokenLimit = "objects nested deeper than " + MAX_JAVA_SERIALIZATION_DEPTH + " levels";
                return Status.REJECTED;
            }
            // Every array element and every reference takes at least one byte of the stream.
            if (info.arrayLength() > streamLength) {
                brokenLimit = "an array of " + info.arrayLength() + " elements in a stream of " + streamLength + " bytes";
                return Status.REJECTED;
            }
            if (info.references() > streamLength || info.streamBytes() > streamLength) {
                brokenLimit = "more references or bytes than the stream's " + streamLength + " bytes";
                return Status.REJECTED;
            }
            return type != null ? Status.ALLOWED : Status.UNDECIDED;
        }
    }

    /** An object input stream that loads only allowed classes, through the codec's loader, and no proxies. */
    private final class GuardedInput extends ObjectInputStream {
        GuardedInput(InputStream in, ObjectInputFilter filter) throws IOException {
            super(in);
            setObjectInputFilter(filter);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            String name = desc.getName();
            // Refuse by name, before the class is loaded, as the tagged format does.
            if (!allowed(name)) {
                throw new ClassNotAllowedException(name);
            }
            try {
                return Class.forName(name, false, loader);
            } catch (ClassNotFoundException e) {
                return super.resolveClass(desc); // knows the primitive types' names
            } catch (LinkageError e) {
                // A name that maps to a class file of another name, or a class that fails to link.
                throw new ClassNotFoundException(name, e);
            }
        }

        @Override
        protected Class<?> resolveProxyClass(String[] interfaces) throws ClassNotAllowedException {
            throw new ClassNotAllowedException("java.lang.reflect.Proxy",
                    "a dynamic proxy (for " + String.join(", ", interfaces) + ") is never deserialized:"
                            + " proxies are the usual vehicle of deserialization gadget chains");
        }
    }

    /** An input stream over a byte buffer, advancing its position. */
    private static final class ByteBufferInput extends InputStream {
        private final ByteBuffer buffer;

        ByteBufferInput(ByteBuffer buffer) {
            this.buffer = buffer;
        }

        @Override
        public int read() {
            return buffer.hasRemaining() ? buffer.get() & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            if (!buffer.hasRemaining()) {
                return -1;
            }
            int n = Math.min(len, buffer.remaining());
            buffer.get(b, off, n);
            return n;
        }

        @Override
        public int available() {
            return buffer.remaining();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Records

    /**
     * How to take a record class apart and put it back together, computed once per class.
     *
     * @param names component names in declaration order
     * @param accessors {@code (Object) -> Object} handles, one per component
     * @param constructor an {@code (Object[]) -> Object} handle on the canonical constructor
     * @param failure why the record cannot be handled (not accessible), or null
     */
    private record RecordInfo(String[] names, MethodHandle[] accessors, MethodHandle constructor, String failure) {
        static RecordInfo of(Class<?> type) {
            try {
                RecordComponent[] components = type.getRecordComponents();
                int n = components.length;
                String[] names = new String[n];
                Class<?>[] types = new Class<?>[n];
                MethodHandle[] accessors = new MethodHandle[n];
                MethodHandles.Lookup lookup = MethodHandles.lookup();
                for (int i = 0; i < n; i++) {
                    names[i] = components[i].getName();
                    types[i] = components[i].getType();
                    Method accessor = components[i].getAccessor();
                    accessor.setAccessible(true); // records are often private nested classes
                    accessors[i] = lookup.unreflect(accessor).asType(MethodType.methodType(Object.class, Object.class));
                }
                Constructor<?> canonical = type.getDeclaredConstructor(types);
                canonical.setAccessible(true);
                MethodHandle constructor = lookup.unreflectConstructor(canonical)
                        .asSpreader(Object[].class, n)
                        .asType(MethodType.methodType(Object.class, Object[].class));
                return new RecordInfo(names, accessors, constructor, null);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // InaccessibleObjectException: a record in a module that does not open its package.
                return new RecordInfo(null, null, null, "record " + type.getName() + " cannot be accessed: " + e);
            }
        }
    }

    private static void rethrowIfFatal(Throwable t) {
        if (t instanceof VirtualMachineError e) {
            throw e;
        }
    }
}
