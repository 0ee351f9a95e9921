package dev.weft.sync;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Learns the order in which threads take {@link NamedLock}s and reports potential deadlocks
 * before they happen, in the manner of Linux's lockdep.
 *
 * <p>While recording, each time a thread that holds named lock A asks (blocking) for named lock B,
 * the recorder remembers the step "B after A" with the thread and its stack, the first time it
 * sees that step. When a new step closes a cycle (A before B somewhere, B before A elsewhere), the
 * recorder builds a {@link PotentialDeadlock} with the stack of every step and gives it to the
 * listener, once per cycle. This happens in the thread taking the lock, before it blocks, so a
 * real deadlock in the same run is reported too; but the point is that the cycle is found
 * whenever both orders occur, even at different times.
 *
 * <p>Recording is off by default. Turn it on with {@link #start()}, or for a whole run with the
 * system property {@code -Dweft.lockorder=record}. The default listener prints the report to
 * {@code System.err}; {@link #onPotentialDeadlock} replaces it (a listener that throws makes the
 * offending {@code lock()} throw before it blocks, which suits tests).
 *
 * <p>Only blocking acquisitions add steps ({@code lock}, {@code lockInterruptibly}, timed
 * {@code tryLock}); {@code tryLock()} cannot wait, so it cannot deadlock, but the lock it takes
 * counts as held. Reentrant acquisitions add nothing.
 */
public final class LockOrderRecorder {
    private LockOrderRecorder() {}

    /** The system property that starts recording when set to {@code record}. */
    public static final String PROPERTY = "weft.lockorder";

    static volatile boolean recording;

    /** Bumped by stop() and reset(), so that per-thread held lists from before are dropped. */
    private static volatile long epoch;

    private record Step(long from, long to) {}

    private static final Map<Step, PotentialDeadlock.Acquisition> STEPS = new ConcurrentHashMap<>();
    /** Graph of steps, by rank; guarded by GRAPH. */
    private static final Map<Long, Set<Long>> AFTER = new HashMap<>();
    private static final Set<Set<Step>> REPORTED_CYCLES = new HashSet<>();
    private static final List<PotentialDeadlock> FOUND = new CopyOnWriteArrayList<>();
    private static final Object GRAPH = new Object();

    private static final Consumer<PotentialDeadlock> PRINT = d -> System.err.print(d);
    private static volatile Consumer<? super PotentialDeadlock> listener = PRINT;

    private static final class Held {
        long epoch;
        final ArrayList<NamedLock> locks = new ArrayList<>();
    }

    private static final ThreadLocal<Held> HELD = ThreadLocal.withInitial(Held::new);

    static {
        if ("record".equalsIgnoreCase(System.getProperty(PROPERTY, ""))) {
            start();
        }
    }

    /** Starts recording. Locks already held when it starts are not known to the recorder. */
    public static void start() {
        recording = true;
    }

    /** Stops recording; what was learned is kept until {@link #reset()}. */
    public static void stop() {
        recording = false;
        epoch++;
    }

    /** {@return whether the recorder is recording} */
    public static boolean isRecording() {
        return recording;
    }

    /** Forgets every learned step and every report (recording stays on or off). */
    public static void reset() {
        synchronized (GRAPH) {
            epoch++;
            STEPS.clear();
            AFTER.clear();
            REPORTED_CYCLES.clear();
            FOUND.clear();
        }
    }

    /** {@return the potential deadlocks found since the last {@link #reset()}, oldest first} */
    public static List<PotentialDeadlock> potentialDeadlocks() {
        return List.copyOf(FOUND);
    }

    /**
     * Sets what happens when a potential deadlock is found; {@code null} restores the default,
     * which prints the report to {@code System.err}. The listener runs in the thread whose
     * {@code lock()} closed the cycle, before that thread blocks; if it throws, that
     * {@code lock()} throws the same exception without taking the lock.
     *
     * @param newListener what receives each potential deadlock, or null for the default
     */
    public static void onPotentialDeadlock(Consumer<? super PotentialDeadlock> newListener) {
        listener = newListener == null ? PRINT : newListener;
    }

    private static Held held() {
        Held h = HELD.get();
        long now = epoch;
        if (h.epoch != now) {
            h.locks.clear();
            h.epoch = now;
        }
        return h;
    }

    static void beforeBlockingAcquire(NamedLock wanted) {
        if (wanted.isHeldByCurrentThread()) {
            return; // reentrant: cannot block
        }
        List<NamedLock> holding = held().locks;
        for (int i = 0; i < holding.size(); i++) {
            NamedLock h = holding.get(i);
            Step step = new Step(h.rank(), wanted.rank());
            if (!STEPS.containsKey(step)) {
                learn(step, h, wanted);
            }
        }
    }

    static void acquired(NamedLock lock) {
        if (lock.getHoldCount() == 1) {
            held().locks.add(lock);
        }
    }

    static void released(NamedLock lock) {
        List<NamedLock> locks = held().locks;
        for (int i = locks.size() - 1; i >= 0; i--) {
            if (locks.get(i) == lock) {
                locks.remove(i);
                return;
            }
        }
    }

    private static void learn(Step step, NamedLock from, NamedLock to) {
        var acquisition = new PotentialDeadlock.Acquisition(
                from.name(), to.name(), Thread.currentThread().getName(), callerStack());
        List<PotentialDeadlock> newlyFound = new ArrayList<>(1);
        synchronized (GRAPH) {
            if (STEPS.putIfAbsent(step, acquisition) != null) {
                return;
            }
            AFTER.computeIfAbsent(step.from(), k -> new HashSet<>()).add(step.to());
            List<Step> back = path(step.to(), step.from());
            if (back != null) {
                List<Step> cycle = new ArrayList<>(back.size() + 1);
                cycle.add(step);
                cycle.addAll(back);
                if (REPORTED_CYCLES.add(Set.copyOf(cycle))) {
                    var found = new PotentialDeadlock(cycle.stream().map(STEPS::get).toList());
                    FOUND.add(found);
                    newlyFound.add(found);
                }
            }
        }
        newlyFound.forEach(listener); // outside the graph lock: the listener may throw or block
    }

    /** A shortest path of steps from {@code start} to {@code goal}, or null; holds GRAPH. */
    private static List<Step> path(long start, long goal) {
        Map<Long, Long> cameFrom = new HashMap<>();
        ArrayDeque<Long> frontier = new ArrayDeque<>();
        frontier.add(start);
        cameFrom.put(start, start);
        while (!frontier.isEmpty()) {
            long node = frontier.poll();
            if (node == goal) {
                ArrayList<Step> steps = new ArrayList<>();
                for (long n = goal; n != start; ) {
                    long prev = cameFrom.get(n);
                    steps.addFirst(new Step(prev, n));
                    n = prev;
                }
                return steps;
            }
            for (long next : AFTER.getOrDefault(node, Set.of())) {
                if (cameFrom.putIfAbsent(next, node) == null) {
                    frontier.add(next);
                }
            }
        }
        return null;
    }

    /** The stack of the caller of {@code lock()}, without the frames of Weft's lock classes. */
    private static List<StackTraceElement> callerStack() {
        return StackWalker.getInstance().walk(frames -> frames
                .dropWhile(f -> isLockMachinery(f.getClassName()))
                .limit(32)
                .map(StackWalker.StackFrame::toStackTraceElement)
                .toList());
    }

    private static boolean isLockMachinery(String className) {
        return className.equals(LockOrderRecorder.class.getName())
                || className.equals(NamedLock.class.getName())
                || className.equals(Locks.class.getName())
                || className.startsWith(Locks.class.getName() + "$");
    }
}
