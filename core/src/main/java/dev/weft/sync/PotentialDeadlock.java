package dev.weft.sync;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A cycle in the learned lock order, reported by {@link LockOrderRecorder}: for each step of the
 * cycle, the thread that took a named lock while holding another, and where. Two threads that run
 * those steps at the same time can deadlock, whether or not they did in the run that found it.
 *
 * @param cycle the steps, each taking the lock that the next step holds; the last step takes the
 *     lock the first one holds
 */
public record PotentialDeadlock(List<Acquisition> cycle) {

    /**
     * One learned step of the lock order: {@code thread} took {@code taken} while holding
     * {@code held}, at {@code stack} (innermost frame first).
     *
     * @param held the lock that was held
     * @param taken the lock that was taken while holding it
     * @param thread the name of the thread that did it
     * @param stack where it did it, innermost frame first
     */
    public record Acquisition(String held, String taken, String thread, List<StackTraceElement> stack) {
        /** Copies the stack, so the record cannot change. */
        public Acquisition {
            stack = List.copyOf(stack);
        }
    }

    /** Copies the cycle, so the record cannot change. */
    public PotentialDeadlock {
        cycle = List.copyOf(cycle);
    }

    /** {@return the names of the locks around the cycle, the first repeated at the end: a, b, a} */
    public List<String> lockNames() {
        var names = new java.util.ArrayList<String>();
        cycle.forEach(a -> names.add(a.held()));
        names.add(cycle.getFirst().held());
        return names;
    }

    /** A report with every acquisition stack, as printed by the default listener. */
    @Override
    public String toString() {
        var out = new StringBuilder("Potential deadlock: named locks are taken in a cycle: ")
                .append(String.join(" -> ", lockNames()))
                .append('\n');
        for (Acquisition a : cycle) {
            out.append("  thread \"").append(a.thread()).append("\" took \"").append(a.taken())
                    .append("\" while holding \"").append(a.held()).append("\":\n");
            out.append(a.stack().stream().map(f -> "      at " + f)
                    .collect(Collectors.joining("\n", "", "\n")));
        }
        return out.toString();
    }
}
