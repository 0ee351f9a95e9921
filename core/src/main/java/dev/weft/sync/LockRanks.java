package dev.weft.sync;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;

/**
 * The global lock order: every lock gets a unique rank the first time Weft sees it (a
 * {@link NamedLock} when it is created), and locks are always taken in increasing rank. Python's
 * seed sorts by {@code id(lock)}; identity hash codes in Java are not unique, so ranks are handed
 * out from a counter and remembered in a weak identity map that never keeps a lock alive.
 */
final class LockRanks {
    private LockRanks() {}

    private static final AtomicLong NEXT = new AtomicLong();
    private static final ConcurrentHashMap<IdentityKey, Long> RANKS = new ConcurrentHashMap<>();
    private static final ReferenceQueue<Object> CLEARED = new ReferenceQueue<>();

    static long next() {
        return NEXT.incrementAndGet();
    }

    static long rank(Lock lock) {
        if (lock instanceof NamedLock named) {
            return named.rank();
        }
        Long rank = RANKS.get(new StrongKey(lock));
        if (rank != null) {
            return rank;
        }
        expungeCleared();
        Long mine = next();
        Long theirs = RANKS.putIfAbsent(new WeakKey(lock, CLEARED), mine);
        return theirs != null ? theirs : mine;
    }

    private static void expungeCleared() {
        for (Object cleared; (cleared = CLEARED.poll()) != null; ) {
            RANKS.remove(cleared);
        }
    }

    /** Equal when both refer to the same live object; hashed by identity. */
    private interface IdentityKey {
        Object referent();
    }

    private record StrongKey(Object referent) implements IdentityKey {
        @Override
        public boolean equals(Object o) {
            return o instanceof IdentityKey k && k.referent() == referent;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(referent);
        }
    }

    private static final class WeakKey extends WeakReference<Object> implements IdentityKey {
        private final int hash;

        WeakKey(Object referent, ReferenceQueue<Object> queue) {
            super(referent, queue);
            this.hash = System.identityHashCode(referent);
        }

        @Override
        public Object referent() {
            return get();
        }

        @Override
        public boolean equals(Object o) {
            if (o == this) {
                return true; // lets a cleared key find itself for removal
            }
            Object referent = get();
            return referent != null && o instanceof IdentityKey k && k.referent() == referent;
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
