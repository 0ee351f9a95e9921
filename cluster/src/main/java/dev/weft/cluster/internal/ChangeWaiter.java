package dev.weft.cluster.internal;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition on one dict entry, woken by the entry's change events. The condition is
 * checked again at least every {@link #RECHECK_NANOS}: an event can be missed while the listener is
 * being registered or the entry's partition moves, and a waiter must not wait for it forever. Not
 * API.
 */
public final class ChangeWaiter {
    /** The longest a waiter sleeps between checks of its condition. */
    static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private ChangeWaiter() {}

    /**
     * Blocks until {@code done} is true, or {@code nanos} (negative: no limit) ran out; woken by
     * changes of the entry {@code key}, or of any entry if {@code key} is null.
     *
     * @return whether {@code done} became true
     * @throws InterruptedException if interrupted while waiting
     */
    public static <K> boolean await(IMap<K, ?> map, K key, BooleanSupplier done, long nanos) throws InterruptedException {
        if (done.getAsBoolean()) {
            return true;
        }
        ReentrantLock lock = new ReentrantLock();
        Condition changed = lock.newCondition();
        long[] version = {0};
        Object listener = new Listener(() -> {
            lock.lock();
            try {
                version[0]++;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        });
        com.hazelcast.map.listener.MapListener l = (com.hazelcast.map.listener.MapListener) listener;
        UUID id = key == null ? map.addEntryListener(l, false) : map.addEntryListener(l, key, false);
        try {
            long deadline = System.nanoTime() + nanos;
            while (true) {
                long seen;
                lock.lock();
                try {
                    seen = version[0]; // before the check: a change after it ends the wait below at once
                } finally {
                    lock.unlock();
                }
                if (done.getAsBoolean()) {
                    return true;
                }
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                long left = nanos < 0 ? RECHECK_NANOS : deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                lock.lock();
                try {
                    long wait = Math.min(left, RECHECK_NANOS);
                    while (version[0] == seen && wait > 0) {
                        wait = changed.awaitNanos(wait);
                    }
                } finally {
                    lock.unlock();
                }
            }
        } finally {
            map.removeEntryListener(id);
        }
    }

    private record Listener(Runnable onChange)
            implements EntryAddedListener<Object, Object>, EntryUpdatedListener<Object, Object>, EntryRemovedListener<Object, Object> {
        @Override
        public void entryAdded(EntryEvent<Object, Object> event) {
            onChange.run();
        }

        @Override
        public void entryUpdated(EntryEvent<Object, Object> event) {
            onChange.run();
        }

        @Override
        public void entryRemoved(EntryEvent<Object, Object> event) {
            onChange.run();
        }
    }
}
