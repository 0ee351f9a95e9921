package dev.weft.cluster.internal;

import com.hazelcast.map.EntryProcessor;
import java.io.Serial;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A cluster semaphore's state, kept as one dict entry, and the entry processors that change it
 * atomically on the member that owns the entry (and its backups): the permits free and who holds
 * the others, so the permits of a member that leaves can be given back. Not API.
 */
public final class Permits {
    private Permits() {}

    /** The permits free, and how many each holder (a member's or client's id) has. */
    public record State(int available, Map<UUID, Integer> held) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
    }

    /** Takes {@code n} permits for {@code holder} if that many are free; returns whether it did. */
    public record Acquire(int n, UUID holder) implements EntryProcessor<String, State, Boolean> {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public Boolean process(Map.Entry<String, State> entry) {
            State s = entry.getValue();
            if (s == null || s.available() < n) {
                return false;
            }
            Map<UUID, Integer> held = new HashMap<>(s.held());
            held.merge(holder, n, Integer::sum);
            entry.setValue(new State(s.available() - n, held));
            return true;
        }
    }

    /**
     * Gives back {@code n} permits of {@code holder} (more than it holds is allowed, as Python's
     * {@code Semaphore.release} allows, unless {@code bounded}); returns the permits free after, or
     * -1 (unchanged) if {@code bounded} and the holder holds fewer than {@code n}.
     */
    public record Release(int n, UUID holder, boolean bounded) implements EntryProcessor<String, State, Integer> {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public Integer process(Map.Entry<String, State> entry) {
            State s = entry.getValue();
            if (s == null) {
                return -1;
            }
            int mine = s.held().getOrDefault(holder, 0);
            if (bounded && mine < n) {
                return -1;
            }
            Map<UUID, Integer> held = new HashMap<>(s.held());
            if (mine <= n) {
                held.remove(holder);
            } else {
                held.put(holder, mine - n);
            }
            entry.setValue(new State(s.available() + n, held));
            return s.available() + n;
        }
    }

    /** Gives back every permit {@code holder} holds (it left the cluster); returns how many. */
    public record ReleaseAll(UUID holder) implements EntryProcessor<String, State, Integer> {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public Integer process(Map.Entry<String, State> entry) {
            State s = entry.getValue();
            if (s == null || !s.held().containsKey(holder)) {
                return 0;
            }
            Map<UUID, Integer> held = new HashMap<>(s.held());
            int n = held.remove(holder);
            entry.setValue(new State(s.available() + n, held));
            return n;
        }
    }
}
