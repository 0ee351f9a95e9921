package dev.weft.process;

import dev.weft.process.internal.shm.ShmRef;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;

/**
 * One primitive in memory shared by processes on one machine: Python's
 * {@code multiprocessing.Value} (and {@code RawValue}), in one class per type ({@link OfInt},
 * {@link OfLong}, {@link OfDouble}, {@link OfBoolean}, {@link OfByte}, {@link OfChar}), so that it is
 * read and written without boxing. Hand it to a child process or a pool task by passing it as an
 * argument: the receiving process maps the same memory.
 *
 * <h2>Atomicity and the lock</h2>
 * {@code get} and {@code set} are volatile reads and writes, and {@code getAndSet},
 * {@code compareAndSet} and (for the numeric types) {@code addAndGet} are atomic across processes
 * without a lock. As in Python, {@code v.set(v.get() + 1)} is not: do it holding
 * {@link #getLock()} (a new {@link ProcessRLock} unless you gave one or made the value raw), or
 * use {@code addAndGet}.
 *
 * <pre>{@code
 * SharedValue.OfInt counter = SharedValue.ofInt(0);      // Value('i', 0)
 * try (var _ = counter.getLock().hold()) {               // with counter.get_lock():
 *     counter.set(counter.get() + 1);                    //     counter.value += 1
 * }
 * }</pre>
 *
 * <p>The lock is robust: if a process dies holding it, the next acquirer gets it and
 * {@link SharedLock#ownerDied()} says so. Lifetime, failures and visibility are those of
 * {@link SharedArray}: a value is an array of one element.
 */
public abstract sealed class SharedValue implements AutoCloseable, Serializable permits SharedValue.OfInt, SharedValue.OfLong, SharedValue.OfDouble, SharedValue.OfBoolean, SharedValue.OfByte, SharedValue.OfChar {
    @Serial
    private static final long serialVersionUID = 1L;

    static final String KIND = "SharedValue";

    @SuppressWarnings("serial") // never serialized: writeReplace sends a ShmRef
    private final transient SharedArray storage;

    SharedValue(SharedArray storage) {
        this.storage = storage;
    }

    /**
     * {@return a new shared {@code int} holding {@code initial}, with a new {@link ProcessRLock}: Python's
     * {@code Value(typecode, initial)}}
     *
     * @param initial the value it starts with
     */
    public static OfInt ofInt(int initial) {
        return new OfInt(SharedArray.of(new int[] {initial}));
    }

    /**
     * {@return a new shared {@code int} holding {@code initial}, guarded by {@code lock}: Python's
     * {@code Value(typecode, initial, lock=lock)}}
     *
     * @param initial the value it starts with
     * @param lock the lock that guards it, which other shared values and arrays may share
     */
    public static OfInt ofInt(int initial, SharedLock lock) {
        return new OfInt(SharedArray.of(new int[] {initial}, lock));
    }

    /**
     * {@return a new shared {@code int} holding {@code initial}, without a lock: Python's {@code RawValue}
     * ({@code lock=False})}
     *
     * @param initial the value it starts with
     */
    public static OfInt rawInt(int initial) {
        return new OfInt(SharedArray.raw(new int[] {initial}));
    }

    /**
     * {@return a new shared {@code long} holding {@code initial}, with a new {@link ProcessRLock}: Python's
     * {@code Value(typecode, initial)}}
     *
     * @param initial the value it starts with
     */
    public static OfLong ofLong(long initial) {
        return new OfLong(SharedArray.of(new long[] {initial}));
    }

    /**
     * {@return a new shared {@code long} holding {@code initial}, guarded by {@code lock}: Python's
     * {@code Value(typecode, initial, lock=lock)}}
     *
     * @param initial the value it starts with
     * @param lock the lock that guards it, which other shared values and arrays may share
     */
    public static OfLong ofLong(long initial, SharedLock lock) {
        return new OfLong(SharedArray.of(new long[] {initial}, lock));
    }

    /**
     * {@return a new shared {@code long} holding {@code initial}, without a lock: Python's {@code RawValue}
     * ({@code lock=False})}
     *
     * @param initial the value it starts with
     */
    public static OfLong rawLong(long initial) {
        return new OfLong(SharedArray.raw(new long[] {initial}));
    }

    /**
     * {@return a new shared {@code double} holding {@code initial}, with a new {@link ProcessRLock}: Python's
     * {@code Value(typecode, initial)}}
     *
     * @param initial the value it starts with
     */
    public static OfDouble ofDouble(double initial) {
        return new OfDouble(SharedArray.of(new double[] {initial}));
    }

    /**
     * {@return a new shared {@code double} holding {@code initial}, guarded by {@code lock}: Python's
     * {@code Value(typecode, initial, lock=lock)}}
     *
     * @param initial the value it starts with
     * @param lock the lock that guards it, which other shared values and arrays may share
     */
    public static OfDouble ofDouble(double initial, SharedLock lock) {
        return new OfDouble(SharedArray.of(new double[] {initial}, lock));
    }

    /**
     * {@return a new shared {@code double} holding {@code initial}, without a lock: Python's {@code RawValue}
     * ({@code lock=False})}
     *
     * @param initial the value it starts with
     */
    public static OfDouble rawDouble(double initial) {
        return new OfDouble(SharedArray.raw(new double[] {initial}));
    }

    /**
     * {@return a new shared {@code boolean} holding {@code initial}, with a new {@link ProcessRLock}:
     * Python's {@code Value(typecode, initial)}}
     *
     * @param initial the value it starts with
     */
    public static OfBoolean ofBoolean(boolean initial) {
        return new OfBoolean(SharedArray.of(new boolean[] {initial}));
    }

    /**
     * {@return a new shared {@code boolean} holding {@code initial}, guarded by {@code lock}: Python's
     * {@code Value(typecode, initial, lock=lock)}}
     *
     * @param initial the value it starts with
     * @param lock the lock that guards it, which other shared values and arrays may share
     */
    public static OfBoolean ofBoolean(boolean initial, SharedLock lock) {
        return new OfBoolean(SharedArray.of(new boolean[] {initial}, lock));
    }

    /**
     * {@return a new shared {@code boolean} holding {@code initial}, without a lock: Python's
     * {@code RawValue} ({@code lock=False})}
     *
     * @param initial the value it starts with
     */
    public static OfBoolean rawBoolean(boolean initial) {
        return new OfBoolean(SharedArray.raw(new boolean[] {initial}));
    }

    /**
     * {@return a new shared {@code byte} holding {@code initial}, with a new {@link ProcessRLock}: Python's
     * {@code Value(typecode, initial)}}
     *
     * @param initial the value it starts with
     */
    public static OfByte ofByte(byte initial) {
        return new OfByte(SharedArray.of(new byte[] {initial}));
    }

    /**
     * {@return a new shared {@code byte} holding {@code initial}, guarded by {@code lock}: Python's
     * {@code Value(typecode, initial, lock=lock)}}
     *
     * @param initial the value it starts with
     * @param lock the lock that guards it, which other shared values and arrays may share
     */
    public static OfByte ofByte(byte initial, SharedLock lock) {
        return new OfByte(SharedArray.of(new byte[] {initial}, lock));
    }

    /**
     * {@return a new shared {@code byte} holding {@code initial}, without a lock: Python's {@code RawValue}
     * ({@code lock=False})}
     *
     * @param initial the value it starts with
     */
    public static OfByte rawByte(byte initial) {
        return new OfByte(SharedArray.raw(new byte[] {initial}));
    }

    /**
     * {@return a new shared {@code char} holding {@code initial}, with a new {@link ProcessRLock}: Python's
     * {@code Value(typecode, initial)}}
     *
     * @param initial the value it starts with
     */
    public static OfChar ofChar(char initial) {
        return new OfChar(SharedArray.of(new char[] {initial}));
    }

    /**
     * {@return a new shared {@code char} holding {@code initial}, guarded by {@code lock}: Python's
     * {@code Value(typecode, initial, lock=lock)}}
     *
     * @param initial the value it starts with
     * @param lock the lock that guards it, which other shared values and arrays may share
     */
    public static OfChar ofChar(char initial, SharedLock lock) {
        return new OfChar(SharedArray.of(new char[] {initial}, lock));
    }

    /**
     * {@return a new shared {@code char} holding {@code initial}, without a lock: Python's {@code RawValue}
     * ({@code lock=False})}
     *
     * @param initial the value it starts with
     */
    public static OfChar rawChar(char initial) {
        return new OfChar(SharedArray.raw(new char[] {initial}));
    }

    /**
     * {@return the lock that guards compound updates: Python's {@code get_lock()}}
     *
     * @throws IllegalStateException if the value was made without one (raw)
     */
    public final SharedLock getLock() {
        return storage.getLock();
    }

    /** {@return whether it has a lock (it was not made raw)} */
    public final boolean hasLock() {
        return storage.hasLock();
    }

    /** Unmaps this process's handle, and its handle on the lock. Idempotent. */
    @Override
    public final void close() {
        storage.close();
    }

    /** {@return whether this handle is closed} */
    public final boolean isClosed() {
        return storage.isClosed();
    }

    @Override
    public String toString() {
        return "SharedValue." + storage.type() + (isClosed() ? "[closed]" : "[" + storage.boxed(0) + "]");
    }

    /**
     * Travels to another process as a reference to the object, never by content.
     *
     * @return the reference that the receiving process turns back into a handle
     */
    @Serial
    final Object writeReplace() {
        return storage.ref(KIND);
    }

    /**
     * Refuses to be read by content: only the reference {@code writeReplace} writes ever travels.
     *
     * @param in the stream, not read
     * @throws InvalidObjectException always
     */
    @Serial
    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a shared value travels as a reference to its shared memory");
    }

    static Object resolve(ShmRef ref) {
        return switch ((SharedArray) SharedArray.resolve(ref)) {
            case SharedArray.OfInt a -> new OfInt(a);
            case SharedArray.OfLong a -> new OfLong(a);
            case SharedArray.OfDouble a -> new OfDouble(a);
            case SharedArray.OfBoolean a -> new OfBoolean(a);
            case SharedArray.OfByte a -> new OfByte(a);
            case SharedArray.OfChar a -> new OfChar(a);
        };
    }

    /** A shared {@code int}. */
    public static final class OfInt extends SharedValue {
        @Serial
        private static final long serialVersionUID = 1L;

        @SuppressWarnings("serial")
        private final transient SharedArray.OfInt array;

        OfInt(SharedArray.OfInt array) {
            super(array);
            this.array = array;
        }

        /** {@return the value, read with volatile semantics: Python's {@code v.value}} */
        public int get() {
            return array.get(0);
        }

        /**
         * Sets the value with volatile semantics: Python's {@code v.value = x}.
         *
         * @param value the new value
         */
        public void set(int value) {
            array.set(0, value);
        }

        /**
         * Sets the value atomically; returns the old one.
         *
         * @param value the new value
         * @return the value it held before
         */
        public int getAndSet(int value) {
            return array.getAndSet(0, value);
        }

        /**
         * Sets the value to {@code value} if it is {@code expected}, atomically.
         *
         * @param expected the value it must hold now
         * @param value the new value
         * @return whether it held {@code expected}, and so was set
         */
        public boolean compareAndSet(int expected, int value) {
            return array.compareAndSet(0, expected, value);
        }

        /**
         * Adds {@code delta} atomically; returns the new value.
         *
         * @param delta what to add (negative to subtract)
         * @return the new value
         */
        public int addAndGet(int delta) {
            return array.addAndGet(0, delta);
        }

        /**
         * Adds one atomically; returns the new value.
         *
         * @return the new value
         */
        public int incrementAndGet() {
            return array.addAndGet(0, 1);
        }
    }

    /** A shared {@code long}. */
    public static final class OfLong extends SharedValue {
        @Serial
        private static final long serialVersionUID = 1L;

        @SuppressWarnings("serial")
        private final transient SharedArray.OfLong array;

        OfLong(SharedArray.OfLong array) {
            super(array);
            this.array = array;
        }

        /** {@return the value, read with volatile semantics: Python's {@code v.value}} */
        public long get() {
            return array.get(0);
        }

        /**
         * Sets the value with volatile semantics: Python's {@code v.value = x}.
         *
         * @param value the new value
         */
        public void set(long value) {
            array.set(0, value);
        }

        /**
         * Sets the value atomically; returns the old one.
         *
         * @param value the new value
         * @return the value it held before
         */
        public long getAndSet(long value) {
            return array.getAndSet(0, value);
        }

        /**
         * Sets the value to {@code value} if it is {@code expected}, atomically.
         *
         * @param expected the value it must hold now
         * @param value the new value
         * @return whether it held {@code expected}, and so was set
         */
        public boolean compareAndSet(long expected, long value) {
            return array.compareAndSet(0, expected, value);
        }

        /**
         * Adds {@code delta} atomically; returns the new value.
         *
         * @param delta what to add (negative to subtract)
         * @return the new value
         */
        public long addAndGet(long delta) {
            return array.addAndGet(0, delta);
        }

        /**
         * Adds one atomically; returns the new value.
         *
         * @return the new value
         */
        public long incrementAndGet() {
            return array.addAndGet(0, 1);
        }
    }

    /** A shared {@code double}. */
    public static final class OfDouble extends SharedValue {
        @Serial
        private static final long serialVersionUID = 1L;

        @SuppressWarnings("serial")
        private final transient SharedArray.OfDouble array;

        OfDouble(SharedArray.OfDouble array) {
            super(array);
            this.array = array;
        }

        /** {@return the value, read with volatile semantics: Python's {@code v.value}} */
        public double get() {
            return array.get(0);
        }

        /**
         * Sets the value with volatile semantics: Python's {@code v.value = x}.
         *
         * @param value the new value
         */
        public void set(double value) {
            array.set(0, value);
        }

        /**
         * Sets the value atomically; returns the old one.
         *
         * @param value the new value
         * @return the value it held before
         */
        public double getAndSet(double value) {
            return array.getAndSet(0, value);
        }

        /**
         * Sets the value to {@code value} if it is {@code expected} (bit for bit), atomically.
         *
         * @param expected the value it must hold now
         * @param value the new value
         * @return whether it held {@code expected}, and so was set
         */
        public boolean compareAndSet(double expected, double value) {
            return array.compareAndSet(0, expected, value);
        }

        /**
         * Adds {@code delta} atomically; returns the new value.
         *
         * @param delta what to add (negative to subtract)
         * @return the new value
         */
        public double addAndGet(double delta) {
            return array.addAndGet(0, delta);
        }
    }

    /** A shared {@code boolean}. */
    public static final class OfBoolean extends SharedValue {
        @Serial
        private static final long serialVersionUID = 1L;

        @SuppressWarnings("serial")
        private final transient SharedArray.OfBoolean array;

        OfBoolean(SharedArray.OfBoolean array) {
            super(array);
            this.array = array;
        }

        /** {@return the value, read with volatile semantics: Python's {@code v.value}} */
        public boolean get() {
            return array.get(0);
        }

        /**
         * Sets the value with volatile semantics: Python's {@code v.value = x}.
         *
         * @param value the new value
         */
        public void set(boolean value) {
            array.set(0, value);
        }

        /**
         * Sets the value atomically; returns the old one.
         *
         * @param value the new value
         * @return the value it held before
         */
        public boolean getAndSet(boolean value) {
            return array.getAndSet(0, value);
        }

        /**
         * Sets the value to {@code value} if it is {@code expected}, atomically.
         *
         * @param expected the value it must hold now
         * @param value the new value
         * @return whether it held {@code expected}, and so was set
         */
        public boolean compareAndSet(boolean expected, boolean value) {
            return array.compareAndSet(0, expected, value);
        }
    }

    /** A shared {@code byte}. */
    public static final class OfByte extends SharedValue {
        @Serial
        private static final long serialVersionUID = 1L;

        @SuppressWarnings("serial")
        private final transient SharedArray.OfByte array;

        OfByte(SharedArray.OfByte array) {
            super(array);
            this.array = array;
        }

        /** {@return the value, read with volatile semantics: Python's {@code v.value}} */
        public byte get() {
            return array.get(0);
        }

        /**
         * Sets the value with volatile semantics: Python's {@code v.value = x}.
         *
         * @param value the new value
         */
        public void set(byte value) {
            array.set(0, value);
        }

        /**
         * Sets the value atomically; returns the old one.
         *
         * @param value the new value
         * @return the value it held before
         */
        public byte getAndSet(byte value) {
            return array.getAndSet(0, value);
        }

        /**
         * Sets the value to {@code value} if it is {@code expected}, atomically.
         *
         * @param expected the value it must hold now
         * @param value the new value
         * @return whether it held {@code expected}, and so was set
         */
        public boolean compareAndSet(byte expected, byte value) {
            return array.compareAndSet(0, expected, value);
        }

        /**
         * Adds {@code delta} atomically, wrapping; returns the new value.
         *
         * @param delta what to add (negative to subtract)
         * @return the new value
         */
        public byte addAndGet(byte delta) {
            return array.addAndGet(0, delta);
        }
    }

    /** A shared {@code char}. */
    public static final class OfChar extends SharedValue {
        @Serial
        private static final long serialVersionUID = 1L;

        @SuppressWarnings("serial")
        private final transient SharedArray.OfChar array;

        OfChar(SharedArray.OfChar array) {
            super(array);
            this.array = array;
        }

        /** {@return the value, read with volatile semantics: Python's {@code v.value}} */
        public char get() {
            return array.get(0);
        }

        /**
         * Sets the value with volatile semantics: Python's {@code v.value = x}.
         *
         * @param value the new value
         */
        public void set(char value) {
            array.set(0, value);
        }

        /**
         * Sets the value atomically; returns the old one.
         *
         * @param value the new value
         * @return the value it held before
         */
        public char getAndSet(char value) {
            return array.getAndSet(0, value);
        }

        /**
         * Sets the value to {@code value} if it is {@code expected}, atomically.
         *
         * @param expected the value it must hold now
         * @param value the new value
         * @return whether it held {@code expected}, and so was set
         */
        public boolean compareAndSet(char expected, char value) {
            return array.compareAndSet(0, expected, value);
        }
    }
}
