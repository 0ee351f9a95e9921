package dev.weft.bench;

import dev.weft.bench.workloads.AioMemoryWorkload;
import dev.weft.bench.workloads.ActorMemoryWorkload;
import dev.weft.bench.workloads.ActorWorkload;
import dev.weft.bench.workloads.AioWorkload;
import dev.weft.bench.workloads.ClusterMapWorkload;
import dev.weft.bench.workloads.FactorizeWorkload;
import dev.weft.bench.workloads.LockWorkload;
import dev.weft.bench.workloads.ManagerWorkload;
import dev.weft.bench.workloads.ParallelWorkload;
import dev.weft.bench.workloads.PoolMapWorkload;
import dev.weft.bench.workloads.ProcessExecutorWorkload;
import dev.weft.bench.workloads.ProcessStartWorkload;
import dev.weft.bench.workloads.PubSubWorkload;
import dev.weft.bench.workloads.QueueWorkload;
import dev.weft.bench.workloads.SharedValueWorkload;
import dev.weft.bench.workloads.SubprocessCommunicateWorkload;
import dev.weft.bench.workloads.SubprocessSpawnWorkload;
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
        for (Workload w : List.of(new FactorizeWorkload(), new QueueWorkload(), new LockWorkload(), new ThreadPoolWorkload(),
                new PoolMapWorkload(), new ProcessExecutorWorkload(), new ProcessStartWorkload(),
                new SharedValueWorkload(), new ManagerWorkload(),
                new SubprocessSpawnWorkload(), new SubprocessCommunicateWorkload(),
                new AioWorkload(), new AioMemoryWorkload(), new ActorWorkload(), new ActorMemoryWorkload(),
                new PubSubWorkload(), new ClusterMapWorkload(), new ParallelWorkload())) {
            ALL.put(w.name(), w);
        }
    }

    /** {@return every workload, in the order {@code bench all} runs them} */
    public static List<Workload> all() {
        return List.copyOf(ALL.values());
    }

    /**
     * The workload called {@code name}.
     *
     * @param name a workload's own name (not {@code all} or a family)
     * @return the workload, or empty if none has that name
     */
    public static Optional<Workload> named(String name) {
        return Optional.ofNullable(ALL.get(name));
    }

    /** {@return the names of every workload, in order} */
    public static List<String> names() {
        return List.copyOf(ALL.keySet());
    }

    /**
     * The workloads a name on the command line selects: every one for {@code all}, the one so
     * named, or a family: {@code subprocess} selects {@code subprocess-spawn} and
     * {@code subprocess-communicate}, the two figures DESIGN.md lists under one name. Empty when
     * nothing matches.
     *
     * @param name a name from the command line
     * @return the workloads selected, in the order {@code bench all} runs them
     */
    public static List<Workload> selected(String name) {
        if (name.equals("all")) {
            return all();
        }
        Workload exact = ALL.get(name);
        if (exact != null) {
            return List.of(exact);
        }
        return ALL.values().stream().filter(w -> w.name().startsWith(name + "-")).toList();
    }

    /**
     * The families that {@link #selected} accepts besides the workloads' own names.
     *
     * @return the family names, such as {@code subprocess}
     */
    public static List<String> families() {
        return ALL.keySet().stream().filter(n -> n.indexOf('-') > 0).map(n -> n.substring(0, n.indexOf('-')))
                .distinct().filter(f -> !ALL.containsKey(f) && selected(f).size() > 1).toList();
    }
}
