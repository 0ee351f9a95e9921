package dev.weft.bench;

import dev.weft.bench.workloads.FactorizeWorkload;
import dev.weft.bench.workloads.LockWorkload;
import dev.weft.bench.workloads.QueueWorkload;
import dev.weft.bench.workloads.ThreadPoolWorkload;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every workload of {@code weft bench}, by name, in the order {@code bench all} runs them. */
public final class Workloads {
    private Workloads() {}

    private static final Map<String, Workload> ALL = new LinkedHashMap<>();

    static {
        for (Workload w : List.of(new FactorizeWorkload(), new QueueWorkload(), new LockWorkload(), new ThreadPoolWorkload())) {
            ALL.put(w.name(), w);
        }
    }

    public static List<Workload> all() {
        return List.copyOf(ALL.values());
    }

    public static Optional<Workload> named(String name) {
        return Optional.ofNullable(ALL.get(name));
    }

    public static List<String> names() {
        return List.copyOf(ALL.keySet());
    }
}
