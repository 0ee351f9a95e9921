package dev.weft.process;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.weft.process.internal.shm.Segment;
import dev.weft.process.internal.shm.ShmRef;
import dev.weft.sync.Guard;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An array of primitives in memory shared by processes on one machine: Python's
 * {@code multiprocessing.Array} (and {@code RawArray}), in one class per element type
 * ({@link OfInt}, {@link OfLong}, {@link OfDouble}, {@link OfBoolean}, {@link OfByte},
 * {@link OfChar}), so that elements are read and written without boxing. Hand it to a child process
 * or a pool task by passing it as an argument: the receiving process maps the same memory, and a
 * write in one process is seen by the others.
 *
 * <h2>Atomicity and the lock</h2>
 * Each element is read and written with volatile semantics, and {@code getAndSet},
 * {@code compareAndSet} and (for the numeric types) {@code addAndGet} are atomic across processes,
 * with no lock. Compound updates over several elements, or a read followed by a write, need the
 * array's lock ({@link #getLock()}: a new {@link ProcessRLock} unless you gave one or made the
 * array {@code raw}), as in Python. {@code boolean}, {@code byte} and {@code char} elements take 4
 * bytes each, so that they too can be updated atomically.
 *
 * <h2>Bulk reads and writes</h2>
 * {@code toArray(from, to)}, {@code get(index, dst)} and {@code set(index, values)} read or write
 * a run of elements holding the array's lock, if it has one: a bulk write and a bulk read, or two
 * bulk writes, of any processes do not interleave, nor do they with code that holds the lock. They
 * wait for the lock without limit and do not give up on an interrupt (the status is kept), as
 * {@link SharedLock#lock()}; a thread that holds the lock already does not take it again (so a
 * non-reentrant {@link ProcessLock} given as the lock is fine too). A raw array has no lock: its
 * bulk operations read and write each element with volatile semantics, one at a time, and other
 * processes may see a write half done. {@code toArray()} with no range never takes the lock.
 *
 * <h2>Lifetime</h2>
 * The memory has no name in any file system ({@code memfd_create}): it is freed when every process
 * that holds it has closed its handle ({@link #close()}, which also closes the handle on its lock)
 * or exited, crashed included, and nothing is ever left in {@code /dev/shm} or the temp directory.
 * A handle is opened in the receiving process through the sending process's descriptor, so the
 * sender must still hold the array when the receiver decodes it (Python's {@code Array} has the
 * same rule); if it does not, decoding fails with {@link ProcessException} saying so. Using a
 * closed handle throws {@link IllegalStateException}.
 *
 * <p>Thread-safe.
 */
public abstract sealed class SharedArray implements AutoCloseable, Serializable permits SharedArray.OfInt, SharedArray.OfLong, SharedArray.OfDouble, SharedArray.OfBoolean, SharedArray.OfByte, SharedArray.OfChar {
    @Serial
    private static final long serialVersionUID = 1L;

    static final String KIND = "SharedArray";
    static final VarHandle INT = JAVA_INT.varHandle();
    static final VarHandle LONG = JAVA_LONG.varHandle();

    @SuppressWarnings("serial") // never serialized: writeReplace sends a ShmRef
    private final transient Segment segment;
    @SuppressWarnings("serial")
    private final transient MemorySegment data;
    private final transient int length;
    @SuppressWarnings("serial")
    private final transient SharedLock lock;

    SharedArray(Segment segment, int length, SharedLock lock) {
        this.segment = segment;
        this.data = segment.data();
        this.length = length;
        this.lock = lock;
    }

    static Segment make(int length, int stride) {
        if (length < 0) {
            throw new IllegalArgumentException("length must not be negative: " + length);
        }
        return Segment.create((long) length * stride);
    }

    /**
     * {@return a new array of {@code length} {@code int}s, all zero, with a new {@link ProcessRLock}:
     * Python's {@code Array(typecode, length)}}
     *
     * @param length the number of elements
     */
    public static OfInt ofInt(int length) {
        return new OfInt(make(length, 4), length, new ProcessRLock());
    }

    /**
     * {@return a new array holding a copy of {@code values}, with a new {@link ProcessRLock}: Python's
     * {@code Array(typecode, values)}}
     *
     * @param values the elements, copied
     */
    public static OfInt of(int[] values) {
        return of(values, new ProcessRLock());
    }

    /**
     * {@return a new array holding a copy of {@code values}, guarded by {@code lock}: Python's
     * {@code Array(typecode, values, lock=lock)}}
     *
     * @param values the elements, copied
     * @param lock the lock that guards it, which other shared values and arrays may share
     */
    public static OfInt of(int[] values, SharedLock lock) {
        Objects.requireNonNull(lock, "lock");
        OfInt a = new OfInt(make(values.length, 4), values.length, lock);
        for (int i = 0; i < values.length; i++) {
            a.set(i, values[i]);
        }
        return a;
    }

    /**
     * {@return a new array holding a copy of {@code values}, without a lock: Python's {@code RawArray}}
     *
     * @param values the elements, copied
     */
    public static OfInt raw(int[] values) {
        OfInt a = new OfInt(make(values.length, 4), values.length, null);
        for (int i = 0; i < values.length; i++) {
            a.set(i, values[i]);
        }
        return a;
    }

    /**
     * {@return a new array of {@code length} {@code long}s, all zero, with a new {@link ProcessRLock}:
     * Python's {@code Array(typecode, length)}}
     *
     * @param length the number of elements
     */
    public static OfLong ofLong(int length) {
        return new OfLong(make(length, 8), length, new ProcessRLock());
    }

    /**
     * {@return a new array holding a copy of {@code values}, with a new {@link ProcessRLock}: Python's
     * {@code Array(typecode, values)}}
     *
     * @param values the elements, copied
     */
    public static OfLong of(long[] values) {
        return of(values, new ProcessRLock());
    }

    /**
     * {@return a new array holding a copy of {@code values}, guarded by {@code lock}: Python's
     * {@code Array(typecode, values, lock=lock)}}
     *
     * @param values the elements, copied
     * @param lock the lock that guards it, which other shared values and arrays may share
     */
    public static OfLong of(long[] values, SharedLock lock) {
        Objects.requireNonNull(lock, "lock");
        OfLong a = new OfLong(make(values.length, 8), values.length, lock);
        for (int i = 0; i < values.length; i++) {
            a.set(i, values[i]);
        }
        return a;
    }

    /**
     * {@return a new array holding a copy of {@code values}, without a lock: Python's {@code RawArray}}
     *
     * @param values the elements, copied
     */
    public static OfLong raw(long[] values) {
        OfLong a = new OfLong(make(values.length, 8), values.length, null);
        for (int i = 0; i < values.length; i++) {
            a.set(i, values[i]);
        }
        return a;
    }

    /**
     * {@return a new array of {@code length} {@code double}s, all zero, with a new {@link ProcessRLock}:
     * Python's {@code Array(typecode, length)}}
     *
     * @param length the number of elements
     */
    public static OfDouble ofDouble(int length) {
        return new OfDouble(make(length, 8), length, new ProcessRLock());
    }

    /**
     * {@return a new array holding a copy of {@code values}, with a new {@link ProcessRLock}: Python's
     * {@code Array(typecode, values)}}
     *
     * @param values the elements, copied
     */
    public static OfDouble of(double[] values) {
        return of(values, new ProcessRLock());
    }

    /**
     * {@return a new array holding a copy of {@code values}, guarded by {@code lock}: Python's
     * {@code Array(typecode, values, lock=lock)}}
     *
     * @param values the elements, copied
     * @param lock the lock that guards it, which other shared values and arrays may share
     */
    public static OfDouble of(double[] values, SharedLock lock) {
        Objects.requireNonNull(lock, "lock");
        OfDouble a = new OfDouble(make(values.length, 8), values.length, lock);
        for (int i = 0; i < values.length; i++) {
            a.set(i, values[i]);
        }
        return a;
    }

    /**
     * {@return a new array holding a copy of {@code values}, without a lock: Python's {@code RawArray}}
     *
     * @param values the elements, copied
     */
    public static OfDouble raw(double[] values) {
        OfDouble a = new OfDouble(make(values.length, 8), values.length, null);
        for (int i = 0; i < values.length; i++) {
            a.set(i, values[i]);
        }
        return a;
    }

    /**
     * {@return a new array of {@code length} {@code boolean}s, all false, with a new {@link ProcessRLock}:
     * Python's {@code Array(typecode, length)}}
     *
     * @param length the number of elements
     */
    public static OfBoolean ofBoolean(int length) {
        return new OfBoolean(make(length, 4), length, new ProcessRLock());
    }

    /**
     * {@return a new array holding a copy of {@code values}, with a new {@link ProcessRLock}: Python's
     * {@code Array(typecode, values)}}
     *
     * @param values the elements, copied
     */
    public static OfBoolean of(boolean[] values) {
        return of(values, new ProcessRLock());
    }

    /**
     * {@return a new array holding a copy of {@code values}, guarded by {@code lock}: Python's
     * {@code Array(typecode, values, lock=lock)}}
     *
     * @param values the elements, copied
     * @param lock the lock that guards it, which other shared values and arrays may share
     */
    public static OfBoolean of(boolean[] values, SharedLock lock) {
        Objects.requireNonNull(lock, "lock");
        OfBoolean a = new OfBoolean(make(values.length, 4), values.length, lock);
        for (int i = 0; i < values.length; i++) {
            a.set(i, values[i]);
        }
        return a;
    }

    /**
     * {@return a new array holding a copy of {@code values}, without a lock: Python's {@code RawArray}}
     *
     * @param values the elements, copied
     */
    public static OfBoolean raw(boolean[] values) {
        OfBoolean a = new OfBoolean(make(values.length, 4), values.length, null);
        for (int i = 0; i < values.length; i++) {
            a.set(i, values[i]);
        }
        return a;
    }

    /**
     * {@return a new array of {@code length} {@code byte}s, all zero, with a new {@link ProcessRLock}:
     * Python's {@code Array(typecode, length)}}
     *
     * @param length the number of elements
     */
    public static OfByte ofByte(int length) {
        return new OfByte(make(length, 4), length, new ProcessRLock());
    }

    /**
     * {@return a new array holding a copy of {@code values}, with a new {@link ProcessRLock}: Python's
     * {@code Array(typecode, values)}}
     *
     * @param values the elements, copied
     */
    public static OfByte of(byte[] values) {
        return of(values, new ProcessRLock());
    }

    /**
     * {@return a new array holding a copy of {@code values}, guarded by {@code lock}: Python's
     * {@code Array(typecode, values, lock=lock)}}
     *
     * @param values the elements, copied
     * @param lock the lock that guards it, which other shared values and arrays may share
     */
    public static OfByte of(byte[] values, SharedLock lock) {
        Objects.requireNonNull(lock, "lock");
        OfByte a = new OfByte(make(values.length, 4), values.length, lock);
        for (int i = 0; i < values.length; i++) {
            a.set(i, values[i]);
        }
        return a;
    }

    /**
     * {@return a new array holding a copy of {@code values}, without a lock: Python's {@code RawArray}}
     *
     * @param values the elements, copied
     */
    public static OfByte raw(byte[] values) {
        OfByte a = new OfByte(make(values.length, 4), values.length, null);
        for (int i = 0; i < values.length; i++) {
            a.set(i, values[i]);
        }
        return a;
    }

    /**
     * {@return a new array of {@code length} {@code char}s, all zero, with a new {@link ProcessRLock}:
     * Python's {@code Array(typecode, length)}}
     *
     * @param length the number of elements
     */
    public static OfChar ofChar(int length) {
        return new OfChar(make(length, 4), length, new ProcessRLock());
    }

    /**
     * {@return a new array holding a copy of {@code values}, with a new {@link ProcessRLock}: Python's
     * {@code Array(typecode, values)}}
     *
     * @param values the elements, copied
     */
    public static OfChar of(char[] values) {
        return of(values, new ProcessRLock());
    }

    /**
     * {@return a new array holding a copy of {@code values}, guarded by {@code lock}: Python's
     * {@code Array(typecode, values, lock=lock)}}
     *
     * @param values the elements, copied
     * @param lock the lock that guards it, which other shared values and arrays may share
     */
    public static OfChar of(char[] values, SharedLock lock) {
        Objects.requireNonNull(lock, "lock");
        OfChar a = new OfChar(make(values.length, 4), values.length, lock);
        for (int i = 0; i < values.length; i++) {
            a.set(i, values[i]);
        }
        return a;
    }

    /**
     * {@return a new array holding a copy of {@code values}, without a lock: Python's {@code RawArray}}
     *
     * @param values the elements, copied
     */
    public static OfChar raw(char[] values) {
        OfChar a = new OfChar(make(values.length, 4), values.length, null);
        for (int i = 0; i < values.length; i++) {
            a.set(i, values[i]);
        }
        return a;
    }

    /** {@return the number of elements: Python's {@code len(a)}} */
    public final int length() {
        return length;
    }

    /**
     * {@return the lock that guards compound updates: Python's {@code get_lock()}}
     *
     * @throws IllegalStateException if the array was made without one (raw)
     */
    public final SharedLock getLock() {
        if (lock == null) {
            throw new IllegalStateException("this shared " + type() + " array was made without a lock (raw)");
        }
        return lock;
    }

    /** {@return whether it has a lock (it was not made raw)} */
    public final boolean hasLock() {
        return lock != null;
    }

    /** {@return the elements now, boxed: for printing and comparing} */
    public final List<Object> toList() {
        List<Object> out = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            out.add(boxed(i));
        }
        return out;
    }

    /** Unmaps this process's handle, and its handle on the lock. Idempotent. */
    @Override
    public final void close() {
        segment.close();
        if (lock != null) {
            lock.close();
        }
    }

    /** {@return whether this handle is closed} */
    public final boolean isClosed() {
        return segment.isClosed();
    }

    @Override
    public String toString() {
        return "SharedArray." + type() + (isClosed() ? "[closed]" : toList().toString());
    }

    abstract String type();

    abstract Object boxed(int i);

    abstract long stride();

    final MemorySegment memory() {
        if (segment.isClosed()) {
            throw new IllegalStateException("this handle on a shared " + type() + " array is closed");
        }
        return data;
    }

    final long offset(int i) {
        return stride() * Objects.checkIndex(i, length);
    }

    private static final Guard NOTHING = () -> {};

    /**
     * For a bulk operation on elements {@code index} to {@code index + count}: checks the range and
     * takes the lock if there is one and this thread does not hold it.
     */
    final Guard bulk(int index, int count) {
        Objects.checkFromIndexSize(index, count, length);
        memory(); // fails on a closed handle before waiting for the lock
        return lock == null || lock.isHeldByCurrentThread() ? NOTHING : lock.hold();
    }

    /**
     * Travels to another process as a reference to the object, never by content.
     *
     * @return the reference that the receiving process turns back into a handle
     */
    @Serial
    final Object writeReplace() {
        return ref(KIND);
    }

    /** What this array travels as, under {@code kind} (a {@link SharedValue} travels as its array). */
    final ShmRef ref(String kind) {
        return segment.ref(kind + "." + type(), length, lock == null ? null : lock.ref());
    }

    /**
     * Refuses to be read by content: only the reference {@code writeReplace} writes ever travels.
     *
     * @param in the stream, not read
     * @throws InvalidObjectException always
     */
    @Serial
    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a shared array travels as a reference to its shared memory");
    }

    static Object resolve(ShmRef ref) {
        SharedLock lock = ref.lock() == null ? null : (SharedLock) SharedLock.resolve(ref.lockRef());
        Segment segment;
        try {
            segment = Segment.open(ref);
        } catch (RuntimeException e) {
            if (lock != null) {
                lock.close();
            }
            throw e;
        }
        return switch (ref.kind().substring(ref.kind().lastIndexOf('.') + 1)) {
            case "int" -> new OfInt(segment, ref.length(), lock);
            case "long" -> new OfLong(segment, ref.length(), lock);
            case "double" -> new OfDouble(segment, ref.length(), lock);
            case "boolean" -> new OfBoolean(segment, ref.length(), lock);
            case "byte" -> new OfByte(segment, ref.length(), lock);
            case "char" -> new OfChar(segment, ref.length(), lock);
            default -> throw new IllegalArgumentException("unknown shared array type: " + ref.kind());
        };
    }

    /** A shared array of {@code int}. */
    public static final class OfInt extends SharedArray {
        @Serial
        private static final long serialVersionUID = 1L;

        OfInt(Segment segment, int length, SharedLock lock) {
            super(segment, length, lock);
        }

        @Override
        String type() {
            return "int";
        }

        /**
         * Element {@code i}, read with volatile semantics.
         *
         * @param i the element's index
         * @return the element
         */
        public int get(int i) {
            int s = (int) INT.getVolatile(memory(), offset(i));
            return s;
        }

        /**
         * Sets element {@code i} with volatile semantics.
         *
         * @param i the element's index
         * @param v the new value
         */
        public void set(int i, int v) {
            INT.setVolatile(memory(), offset(i), (int) v);
        }

        /**
         * Sets element {@code i} to {@code v} atomically; returns the old value.
         *
         * @param i the element's index
         * @param v the new value
         * @return the value it held before
         */
        public int getAndSet(int i, int v) {
            int s = (int) INT.getAndSet(memory(), offset(i), (int) v);
            return s;
        }

        /**
         * Sets element {@code i} to {@code v} if it holds {@code expected}, atomically.
         *
         * @param i the element's index
         * @param expected the value it must hold now
         * @param v the new value
         * @return whether it held {@code expected}, and so was set
         */
        public boolean compareAndSet(int i, int expected, int v) {
            return INT.compareAndSet(memory(), offset(i), (int) expected, (int) v);
        }

        /**
         * Adds {@code delta} to element {@code i} atomically; returns the new value.
         *
         * @param i the element's index
         * @param delta what to add (negative to subtract)
         * @return the new value
         */
        public int addAndGet(int i, int delta) {
            return (int) INT.getAndAdd(memory(), offset(i), delta) + delta;
        }

        /**
         * Adds {@code delta} to element {@code i} atomically; returns the old value.
         *
         * @param i the element's index
         * @param delta what to add (negative to subtract)
         * @return the value it held before
         */
        public int getAndAdd(int i, int delta) {
            return (int) INT.getAndAdd(memory(), offset(i), delta);
        }

        /**
         * {@return the elements now (each read with volatile semantics; not one instant's snapshot of all)}
         */
        public int[] toArray() {
            int[] out = new int[length()];
            for (int i = 0; i < out.length; i++) {
                out[i] = get(i);
            }
            return out;
        }

        /**
         * Elements {@code from} (inclusive) to {@code to} (exclusive), read holding the array's lock
         * if it has one (see the class comment: waits for the lock without limit).
         *
         * @param from the index of the first element
         * @param to the index after the last element
         * @return a copy of the elements
         * @throws IndexOutOfBoundsException if the range is not within the array
         * @throws IllegalStateException if this handle is closed
         */
        public int[] toArray(int from, int to) {
            Objects.checkFromToIndex(from, to, length());
            int[] out = new int[to - from];
            get(from, out);
            return out;
        }

        /**
         * Copies elements {@code index} to {@code index + dst.length} into {@code dst}, holding the
         * array's lock if it has one (see the class comment: waits for the lock without limit).
         *
         * @param index the index of the first element
         * @param dst where the elements go; its length says how many
         * @throws IndexOutOfBoundsException if the run is not within the array
         * @throws IllegalStateException if this handle is closed
         */
        public void get(int index, int[] dst) {
            try (Guard _ = bulk(index, dst.length)) {
                for (int i = 0; i < dst.length; i++) {
                    dst[i] = get(index + i);
                }
            }
        }

        /**
         * Sets elements {@code index} to {@code index + values.length} to {@code values}, holding the
         * array's lock if it has one (see the class comment: waits for the lock without limit).
         *
         * @param index the index of the first element
         * @param values the new values, in order
         * @throws IndexOutOfBoundsException if the run is not within the array (nothing is written)
         * @throws IllegalStateException if this handle is closed
         */
        public void set(int index, int[] values) {
            try (Guard _ = bulk(index, values.length)) {
                for (int i = 0; i < values.length; i++) {
                    set(index + i, values[i]);
                }
            }
        }

        @Override
        Object boxed(int i) {
            return get(i);
        }

        @Override
        long stride() {
            return 4;
        }
    }

    /** A shared array of {@code long}. */
    public static final class OfLong extends SharedArray {
        @Serial
        private static final long serialVersionUID = 1L;

        OfLong(Segment segment, int length, SharedLock lock) {
            super(segment, length, lock);
        }

        @Override
        String type() {
            return "long";
        }

        /**
         * Element {@code i}, read with volatile semantics.
         *
         * @param i the element's index
         * @return the element
         */
        public long get(int i) {
            long s = (long) LONG.getVolatile(memory(), offset(i));
            return s;
        }

        /**
         * Sets element {@code i} with volatile semantics.
         *
         * @param i the element's index
         * @param v the new value
         */
        public void set(int i, long v) {
            LONG.setVolatile(memory(), offset(i), (long) v);
        }

        /**
         * Sets element {@code i} to {@code v} atomically; returns the old value.
         *
         * @param i the element's index
         * @param v the new value
         * @return the value it held before
         */
        public long getAndSet(int i, long v) {
            long s = (long) LONG.getAndSet(memory(), offset(i), (long) v);
            return s;
        }

        /**
         * Sets element {@code i} to {@code v} if it holds {@code expected}, atomically.
         *
         * @param i the element's index
         * @param expected the value it must hold now
         * @param v the new value
         * @return whether it held {@code expected}, and so was set
         */
        public boolean compareAndSet(int i, long expected, long v) {
            return LONG.compareAndSet(memory(), offset(i), (long) expected, (long) v);
        }

        /**
         * Adds {@code delta} to element {@code i} atomically; returns the new value.
         *
         * @param i the element's index
         * @param delta what to add (negative to subtract)
         * @return the new value
         */
        public long addAndGet(int i, long delta) {
            return (long) LONG.getAndAdd(memory(), offset(i), delta) + delta;
        }

        /**
         * Adds {@code delta} to element {@code i} atomically; returns the old value.
         *
         * @param i the element's index
         * @param delta what to add (negative to subtract)
         * @return the value it held before
         */
        public long getAndAdd(int i, long delta) {
            return (long) LONG.getAndAdd(memory(), offset(i), delta);
        }

        /**
         * {@return the elements now (each read with volatile semantics; not one instant's snapshot of all)}
         */
        public long[] toArray() {
            long[] out = new long[length()];
            for (int i = 0; i < out.length; i++) {
                out[i] = get(i);
            }
            return out;
        }

        /**
         * Elements {@code from} (inclusive) to {@code to} (exclusive), read holding the array's lock
         * if it has one (see the class comment: waits for the lock without limit).
         *
         * @param from the index of the first element
         * @param to the index after the last element
         * @return a copy of the elements
         * @throws IndexOutOfBoundsException if the range is not within the array
         * @throws IllegalStateException if this handle is closed
         */
        public long[] toArray(int from, int to) {
            Objects.checkFromToIndex(from, to, length());
            long[] out = new long[to - from];
            get(from, out);
            return out;
        }

        /**
         * Copies elements {@code index} to {@code index + dst.length} into {@code dst}, holding the
         * array's lock if it has one (see the class comment: waits for the lock without limit).
         *
         * @param index the index of the first element
         * @param dst where the elements go; its length says how many
         * @throws IndexOutOfBoundsException if the run is not within the array
         * @throws IllegalStateException if this handle is closed
         */
        public void get(int index, long[] dst) {
            try (Guard _ = bulk(index, dst.length)) {
                for (int i = 0; i < dst.length; i++) {
                    dst[i] = get(index + i);
                }
            }
        }

        /**
         * Sets elements {@code index} to {@code index + values.length} to {@code values}, holding the
         * array's lock if it has one (see the class comment: waits for the lock without limit).
         *
         * @param index the index of the first element
         * @param values the new values, in order
         * @throws IndexOutOfBoundsException if the run is not within the array (nothing is written)
         * @throws IllegalStateException if this handle is closed
         */
        public void set(int index, long[] values) {
            try (Guard _ = bulk(index, values.length)) {
                for (int i = 0; i < values.length; i++) {
                    set(index + i, values[i]);
                }
            }
        }

        @Override
        Object boxed(int i) {
            return get(i);
        }

        @Override
        long stride() {
            return 8;
        }
    }

    /** A shared array of {@code double}. */
    public static final class OfDouble extends SharedArray {
        @Serial
        private static final long serialVersionUID = 1L;

        OfDouble(Segment segment, int length, SharedLock lock) {
            super(segment, length, lock);
        }

        @Override
        String type() {
            return "double";
        }

        /**
         * Element {@code i}, read with volatile semantics.
         *
         * @param i the element's index
         * @return the element
         */
        public double get(int i) {
            long s = (long) LONG.getVolatile(memory(), offset(i));
            return Double.longBitsToDouble(s);
        }

        /**
         * Sets element {@code i} with volatile semantics.
         *
         * @param i the element's index
         * @param v the new value
         */
        public void set(int i, double v) {
            LONG.setVolatile(memory(), offset(i), (long) Double.doubleToRawLongBits(v));
        }

        /**
         * Sets element {@code i} to {@code v} atomically; returns the old value.
         *
         * @param i the element's index
         * @param v the new value
         * @return the value it held before
         */
        public double getAndSet(int i, double v) {
            long s = (long) LONG.getAndSet(memory(), offset(i), (long) Double.doubleToRawLongBits(v));
            return Double.longBitsToDouble(s);
        }

        /**
         * Sets element {@code i} to {@code v} if it holds {@code expected} (compared bit for bit), atomically.
         *
         * @param i the element's index
         * @param expected the value it must hold now
         * @param v the new value
         * @return whether it held {@code expected}, and so was set
         */
        public boolean compareAndSet(int i, double expected, double v) {
            return LONG.compareAndSet(memory(), offset(i), (long) Double.doubleToRawLongBits(expected), (long) Double.doubleToRawLongBits(v));
        }

        /**
         * Adds {@code delta} to element {@code i} atomically (a compare-and-set loop); returns the new value.
         *
         * @param i the element's index
         * @param delta what to add (negative to subtract)
         * @return the new value
         */
        public double addAndGet(int i, double delta) {
            while (true) {
                long old = (long) LONG.getVolatile(memory(), offset(i));
                double next = Double.longBitsToDouble(old) + delta;
                if (LONG.compareAndSet(memory(), offset(i), old, Double.doubleToRawLongBits(next))) {
                    return next;
                }
            }
        }

        /**
         * {@return the elements now (each read with volatile semantics; not one instant's snapshot of all)}
         */
        public double[] toArray() {
            double[] out = new double[length()];
            for (int i = 0; i < out.length; i++) {
                out[i] = get(i);
            }
            return out;
        }

        /**
         * Elements {@code from} (inclusive) to {@code to} (exclusive), read holding the array's lock
         * if it has one (see the class comment: waits for the lock without limit).
         *
         * @param from the index of the first element
         * @param to the index after the last element
         * @return a copy of the elements
         * @throws IndexOutOfBoundsException if the range is not within the array
         * @throws IllegalStateException if this handle is closed
         */
        public double[] toArray(int from, int to) {
            Objects.checkFromToIndex(from, to, length());
            double[] out = new double[to - from];
            get(from, out);
            return out;
        }

        /**
         * Copies elements {@code index} to {@code index + dst.length} into {@code dst}, holding the
         * array's lock if it has one (see the class comment: waits for the lock without limit).
         *
         * @param index the index of the first element
         * @param dst where the elements go; its length says how many
         * @throws IndexOutOfBoundsException if the run is not within the array
         * @throws IllegalStateException if this handle is closed
         */
        public void get(int index, double[] dst) {
            try (Guard _ = bulk(index, dst.length)) {
                for (int i = 0; i < dst.length; i++) {
                    dst[i] = get(index + i);
                }
            }
        }

        /**
         * Sets elements {@code index} to {@code index + values.length} to {@code values}, holding the
         * array's lock if it has one (see the class comment: waits for the lock without limit).
         *
         * @param index the index of the first element
         * @param values the new values, in order
         * @throws IndexOutOfBoundsException if the run is not within the array (nothing is written)
         * @throws IllegalStateException if this handle is closed
         */
        public void set(int index, double[] values) {
            try (Guard _ = bulk(index, values.length)) {
                for (int i = 0; i < values.length; i++) {
                    set(index + i, values[i]);
                }
            }
        }

        @Override
        Object boxed(int i) {
            return get(i);
        }

        @Override
        long stride() {
            return 8;
        }
    }

    /** A shared array of {@code boolean}. */
    public static final class OfBoolean extends SharedArray {
        @Serial
        private static final long serialVersionUID = 1L;

        OfBoolean(Segment segment, int length, SharedLock lock) {
            super(segment, length, lock);
        }

        @Override
        String type() {
            return "boolean";
        }

        /**
         * Element {@code i}, read with volatile semantics.
         *
         * @param i the element's index
         * @return the element
         */
        public boolean get(int i) {
            int s = (int) INT.getVolatile(memory(), offset(i));
            return s != 0;
        }

        /**
         * Sets element {@code i} with volatile semantics.
         *
         * @param i the element's index
         * @param v the new value
         */
        public void set(int i, boolean v) {
            INT.setVolatile(memory(), offset(i), (int) (v ? 1 : 0));
        }

        /**
         * Sets element {@code i} to {@code v} atomically; returns the old value.
         *
         * @param i the element's index
         * @param v the new value
         * @return the value it held before
         */
        public boolean getAndSet(int i, boolean v) {
            int s = (int) INT.getAndSet(memory(), offset(i), (int) (v ? 1 : 0));
            return s != 0;
        }

        /**
         * Sets element {@code i} to {@code v} if it holds {@code expected}, atomically.
         *
         * @param i the element's index
         * @param expected the value it must hold now
         * @param v the new value
         * @return whether it held {@code expected}, and so was set
         */
        public boolean compareAndSet(int i, boolean expected, boolean v) {
            return INT.compareAndSet(memory(), offset(i), (int) (expected ? 1 : 0), (int) (v ? 1 : 0));
        }

        /**
         * {@return the elements now (each read with volatile semantics; not one instant's snapshot of all)}
         */
        public boolean[] toArray() {
            boolean[] out = new boolean[length()];
            for (int i = 0; i < out.length; i++) {
                out[i] = get(i);
            }
            return out;
        }

        /**
         * Elements {@code from} (inclusive) to {@code to} (exclusive), read holding the array's lock
         * if it has one (see the class comment: waits for the lock without limit).
         *
         * @param from the index of the first element
         * @param to the index after the last element
         * @return a copy of the elements
         * @throws IndexOutOfBoundsException if the range is not within the array
         * @throws IllegalStateException if this handle is closed
         */
        public boolean[] toArray(int from, int to) {
            Objects.checkFromToIndex(from, to, length());
            boolean[] out = new boolean[to - from];
            get(from, out);
            return out;
        }

        /**
         * Copies elements {@code index} to {@code index + dst.length} into {@code dst}, holding the
         * array's lock if it has one (see the class comment: waits for the lock without limit).
         *
         * @param index the index of the first element
         * @param dst where the elements go; its length says how many
         * @throws IndexOutOfBoundsException if the run is not within the array
         * @throws IllegalStateException if this handle is closed
         */
        public void get(int index, boolean[] dst) {
            try (Guard _ = bulk(index, dst.length)) {
                for (int i = 0; i < dst.length; i++) {
                    dst[i] = get(index + i);
                }
            }
        }

        /**
         * Sets elements {@code index} to {@code index + values.length} to {@code values}, holding the
         * array's lock if it has one (see the class comment: waits for the lock without limit).
         *
         * @param index the index of the first element
         * @param values the new values, in order
         * @throws IndexOutOfBoundsException if the run is not within the array (nothing is written)
         * @throws IllegalStateException if this handle is closed
         */
        public void set(int index, boolean[] values) {
            try (Guard _ = bulk(index, values.length)) {
                for (int i = 0; i < values.length; i++) {
                    set(index + i, values[i]);
                }
            }
        }

        @Override
        Object boxed(int i) {
            return get(i);
        }

        @Override
        long stride() {
            return 4;
        }
    }

    /** A shared array of {@code byte}. */
    public static final class OfByte extends SharedArray {
        @Serial
        private static final long serialVersionUID = 1L;

        OfByte(Segment segment, int length, SharedLock lock) {
            super(segment, length, lock);
        }

        @Override
        String type() {
            return "byte";
        }

        /**
         * Element {@code i}, read with volatile semantics.
         *
         * @param i the element's index
         * @return the element
         */
        public byte get(int i) {
            int s = (int) INT.getVolatile(memory(), offset(i));
            return (byte) s;
        }

        /**
         * Sets element {@code i} with volatile semantics.
         *
         * @param i the element's index
         * @param v the new value
         */
        public void set(int i, byte v) {
            INT.setVolatile(memory(), offset(i), (int) v);
        }

        /**
         * Sets element {@code i} to {@code v} atomically; returns the old value.
         *
         * @param i the element's index
         * @param v the new value
         * @return the value it held before
         */
        public byte getAndSet(int i, byte v) {
            int s = (int) INT.getAndSet(memory(), offset(i), (int) v);
            return (byte) s;
        }

        /**
         * Sets element {@code i} to {@code v} if it holds {@code expected}, atomically.
         *
         * @param i the element's index
         * @param expected the value it must hold now
         * @param v the new value
         * @return whether it held {@code expected}, and so was set
         */
        public boolean compareAndSet(int i, byte expected, byte v) {
            return INT.compareAndSet(memory(), offset(i), (int) expected, (int) v);
        }

        /**
         * Adds {@code delta} to element {@code i} atomically, wrapping as {@code byte} arithmetic does; returns the new value.
         *
         * @param i the element's index
         * @param delta what to add (negative to subtract)
         * @return the new value
         */
        public byte addAndGet(int i, byte delta) {
            while (true) {
                int old = (int) INT.getVolatile(memory(), offset(i));
                byte next = (byte) (old + delta);
                if (INT.compareAndSet(memory(), offset(i), old, (int) next)) {
                    return next;
                }
            }
        }

        /**
         * {@return the elements now (each read with volatile semantics; not one instant's snapshot of all)}
         */
        public byte[] toArray() {
            byte[] out = new byte[length()];
            for (int i = 0; i < out.length; i++) {
                out[i] = get(i);
            }
            return out;
        }

        /**
         * Elements {@code from} (inclusive) to {@code to} (exclusive), read holding the array's lock
         * if it has one (see the class comment: waits for the lock without limit).
         *
         * @param from the index of the first element
         * @param to the index after the last element
         * @return a copy of the elements
         * @throws IndexOutOfBoundsException if the range is not within the array
         * @throws IllegalStateException if this handle is closed
         */
        public byte[] toArray(int from, int to) {
            Objects.checkFromToIndex(from, to, length());
            byte[] out = new byte[to - from];
            get(from, out);
            return out;
        }

        /**
         * Copies elements {@code index} to {@code index + dst.length} into {@code dst}, holding the
         * array's lock if it has one (see the class comment: waits for the lock without limit).
         *
         * @param index the index of the first element
         * @param dst where the elements go; its length says how many
         * @throws IndexOutOfBoundsException if the run is not within the array
         * @throws IllegalStateException if this handle is closed
         */
        public void get(int index, byte[] dst) {
            try (Guard _ = bulk(index, dst.length)) {
                for (int i = 0; i < dst.length; i++) {
                    dst[i] = get(index + i);
                }
            }
        }

        /**
         * Sets elements {@code index} to {@code index + values.length} to {@code values}, holding the
         * array's lock if it has one (see the class comment: waits for the lock without limit).
         *
         * @param index the index of the first element
         * @param values the new values, in order
         * @throws IndexOutOfBoundsException if the run is not within the array (nothing is written)
         * @throws IllegalStateException if this handle is closed
         */
        public void set(int index, byte[] values) {
            try (Guard _ = bulk(index, values.length)) {
                for (int i = 0; i < values.length; i++) {
                    set(index + i, values[i]);
                }
            }
        }

        @Override
        Object boxed(int i) {
            return get(i);
        }

        @Override
        long stride() {
            return 4;
        }
    }

    /** A shared array of {@code char}. */
    public static final class OfChar extends SharedArray {
        @Serial
        private static final long serialVersionUID = 1L;

        OfChar(Segment segment, int length, SharedLock lock) {
            super(segment, length, lock);
        }

        @Override
        String type() {
            return "char";
        }

        /**
         * Element {@code i}, read with volatile semantics.
         *
         * @param i the element's index
         * @return the element
         */
        public char get(int i) {
            int s = (int) INT.getVolatile(memory(), offset(i));
            return (char) s;
        }

        /**
         * Sets element {@code i} with volatile semantics.
         *
         * @param i the element's index
         * @param v the new value
         */
        public void set(int i, char v) {
            INT.setVolatile(memory(), offset(i), (int) v);
        }

        /**
         * Sets element {@code i} to {@code v} atomically; returns the old value.
         *
         * @param i the element's index
         * @param v the new value
         * @return the value it held before
         */
        public char getAndSet(int i, char v) {
            int s = (int) INT.getAndSet(memory(), offset(i), (int) v);
            return (char) s;
        }

        /**
         * Sets element {@code i} to {@code v} if it holds {@code expected}, atomically.
         *
         * @param i the element's index
         * @param expected the value it must hold now
         * @param v the new value
         * @return whether it held {@code expected}, and so was set
         */
        public boolean compareAndSet(int i, char expected, char v) {
            return INT.compareAndSet(memory(), offset(i), (int) expected, (int) v);
        }

        /**
         * {@return the elements now (each read with volatile semantics; not one instant's snapshot of all)}
         */
        public char[] toArray() {
            char[] out = new char[length()];
            for (int i = 0; i < out.length; i++) {
                out[i] = get(i);
            }
            return out;
        }

        /**
         * Elements {@code from} (inclusive) to {@code to} (exclusive), read holding the array's lock
         * if it has one (see the class comment: waits for the lock without limit).
         *
         * @param from the index of the first element
         * @param to the index after the last element
         * @return a copy of the elements
         * @throws IndexOutOfBoundsException if the range is not within the array
         * @throws IllegalStateException if this handle is closed
         */
        public char[] toArray(int from, int to) {
            Objects.checkFromToIndex(from, to, length());
            char[] out = new char[to - from];
            get(from, out);
            return out;
        }

        /**
         * Copies elements {@code index} to {@code index + dst.length} into {@code dst}, holding the
         * array's lock if it has one (see the class comment: waits for the lock without limit).
         *
         * @param index the index of the first element
         * @param dst where the elements go; its length says how many
         * @throws IndexOutOfBoundsException if the run is not within the array
         * @throws IllegalStateException if this handle is closed
         */
        public void get(int index, char[] dst) {
            try (Guard _ = bulk(index, dst.length)) {
                for (int i = 0; i < dst.length; i++) {
                    dst[i] = get(index + i);
                }
            }
        }

        /**
         * Sets elements {@code index} to {@code index + values.length} to {@code values}, holding the
         * array's lock if it has one (see the class comment: waits for the lock without limit).
         *
         * @param index the index of the first element
         * @param values the new values, in order
         * @throws IndexOutOfBoundsException if the run is not within the array (nothing is written)
         * @throws IllegalStateException if this handle is closed
         */
        public void set(int index, char[] values) {
            try (Guard _ = bulk(index, values.length)) {
                for (int i = 0; i < values.length; i++) {
                    set(index + i, values[i]);
                }
            }
        }

        @Override
        Object boxed(int i) {
            return get(i);
        }

        @Override
        long stride() {
            return 4;
        }
    }
}
