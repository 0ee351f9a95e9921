package dev.weft.cluster.internal;

import com.hazelcast.map.EntryProcessor;
import java.io.Serial;
import java.util.Map;

/**
 * Entry processors that change a counter kept as a dict entry, atomically on the member that owns
 * the entry (and its backups). A queue's unfinished tasks are such a counter. Not API.
 */
public final class Counters {
    private Counters() {}

    /** Adds {@code delta}; returns the new value. */
    public record Add(long delta) implements EntryProcessor<String, Long, Long> {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public Long process(Map.Entry<String, Long> entry) {
            long v = (entry.getValue() == null ? 0 : entry.getValue()) + delta;
            entry.setValue(v);
            return v;
        }
    }

    /** Takes one if the counter is above zero; returns the new value, or -1 (unchanged) if it was zero. */
    public record TakeOne() implements EntryProcessor<String, Long, Long> {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public Long process(Map.Entry<String, Long> entry) {
            long v = entry.getValue() == null ? 0 : entry.getValue();
            if (v <= 0) {
                return -1L;
            }
            entry.setValue(v - 1);
            return v - 1;
        }
    }
}
