package dev.weft.cli.tour;

import static dev.weft.cli.tour.Clock.ms;
import static dev.weft.cli.tour.Clock.perSecond;

import dev.weft.process.AuthenticationException;
import dev.weft.process.DictProxy;
import dev.weft.process.LockProxy;
import dev.weft.process.Manager;
import dev.weft.process.ManagerUnavailableException;
import dev.weft.process.Process;
import dev.weft.process.ProcessBarrier;
import dev.weft.process.ProcessEvent;
import dev.weft.process.ProcessLock;
import dev.weft.process.Queue;
import dev.weft.process.SharedValue;
import dev.weft.process.ValueProxy;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Python's {@code multiprocessing} shared state, {@code dev.weft.process}: shared memory and its
 * robust lock, then the Manager and its proxies.
 */
final class SharedStateChapter implements Chapter {
    /** Increments per child under the manager lock: enough to lose some without it, few enough to be quick. */
    static final int INCREMENTS = 1_000;
    /** Increments per child of the shared-memory value. */
    static final int SHARED_INCREMENTS = 200_000;

    @Override
    public String name() {
        return "shared-state";
    }

    @Override
    public String title() {
        return "shared memory and a lock whose owner dies; a Manager's dict, queue and lock; a wrong key; a killed server";
    }

    @Override
    public void run(PrintWriter out) throws Exception {
        sharedMemory(out);
        try (Manager manager = Manager.start()) {
            out.printf("Manager.start(): a server in process %d (this is %d), at %s%n", manager.pid(),
                    ProcessHandle.current().pid(), manager.address());
            dict(out, manager);
            lock(out, manager);
            wrongKey(out, manager);
        }
        killed(out);
    }

    /** Python's {@code Value('i', 0)}: two processes add under its lock; then a lock whose holder is killed. */
    private static void sharedMemory(PrintWriter out) throws Exception {
        try (SharedValue.OfInt v = SharedValue.ofInt(0); ProcessBarrier start = new ProcessBarrier(3);
                ProcessBarrier end = new ProcessBarrier(3)) {
            List<Process> procs = new ArrayList<>();
            for (int p = 0; p < 2; p++) {
                Process child = new Process(() -> {
                    start.await(Duration.ofSeconds(30));
                    for (int i = 0; i < SHARED_INCREMENTS; i++) {
                        v.getLock().lock();
                        try {
                            v.set(v.get() + 1);
                        } finally {
                            v.getLock().unlock();
                        }
                    }
                    end.await(Duration.ofSeconds(30));
                });
                child.start();
                procs.add(child);
            }
            start.await(Duration.ofSeconds(30));
            long t0 = System.nanoTime();
            end.await(Duration.ofSeconds(30));
            long nanos = System.nanoTime() - t0;
            for (Process child : procs) {
                child.join();
            }
            out.printf("SharedValue.ofInt(0): 2 processes x %d increments under its lock: total %d (%s), %s%n",
                    SHARED_INCREMENTS, v.get(), v.get() == 2 * SHARED_INCREMENTS ? "exact" : "WRONG",
                    perSecond(2L * SHARED_INCREMENTS, nanos, "increments"));
        }
        try (ProcessLock lock = new ProcessLock(); ProcessEvent held = new ProcessEvent()) {
            Process holder = new Process(() -> {
                lock.lock();
                held.set();
                Thread.sleep(60_000);
            });
            holder.start();
            held.await(Duration.ofSeconds(30));
            holder.kill();
            long t0 = System.nanoTime();
            boolean got = lock.acquire(Duration.ofSeconds(10));
            out.printf("a process holding a ProcessLock was SIGKILLed: the next acquire %s in %s, ownerDied() = %s%n",
                    got ? "got it" : "WRONG: timed out", ms(System.nanoTime() - t0), lock.ownerDied());
            if (got) {
                lock.release();
            }
            holder.join();
        }
    }

    /** Seed 001's runInParallel: children record their results in a manager dict. */
    private static void dict(PrintWriter out, Manager manager) throws InterruptedException {
        DictProxy<Integer, Long> res = manager.dict();
        List<Process> procs = new ArrayList<>();
        for (int a = 1; a <= 3; a++) {
            int key = a;
            Process p = new Process(() -> res.putAll(Map.of(key, ProcessHandle.current().pid())));
            p.start();
            procs.add(p);
        }
        for (Process p : procs) {
            p.join();
        }
        Map<Integer, Long> sorted = new TreeMap<>(res.copy());
        out.printf("3 children each did res.update({a: its pid}): keys %s, %d different pids%n", sorted.keySet(),
                sorted.values().stream().distinct().count());
        // Two figures: the first writes run while both JVMs still compile the path (Java
        // serialization each way); `weft bench manager` measures the steady state against CPython.
        int cold = 5_000;
        int warm = 20_000;
        long t0 = System.nanoTime();
        for (int i = 0; i < cold; i++) {
            res.put(i % 100, (long) i);
        }
        long t1 = System.nanoTime();
        for (int i = 0; i < warm; i++) {
            res.put(i % 100, (long) i);
        }
        long t2 = System.nanoTime();
        out.println("dict[i % 100] = i through the proxy, each a round trip to the server: first "
                + perSecond(cold, t1 - t0, "writes") + ", the next " + String.format(java.util.Locale.ROOT, "%,d", warm)
                + ": " + perSecond(warm, t2 - t1, "writes"));
    }

    private static void lock(PrintWriter out, Manager manager) throws InterruptedException {
        LockProxy lock = manager.lock();
        ValueProxy<Integer> total = manager.value(0);
        List<Process> procs = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            Process child = new Process(() -> {
                for (int i = 0; i < INCREMENTS; i++) {
                    lock.lock();
                    try {
                        total.set(total.get() + 1);
                    } finally {
                        lock.unlock();
                    }
                }
            });
            child.start();
            procs.add(child);
        }
        for (Process child : procs) {
            child.join();
        }
        out.printf("4 processes x %d increments of a manager value under a manager lock: total %d (%s)%n",
                INCREMENTS, total.get(), total.get() == 4 * INCREMENTS ? "exact" : "WRONG");
        Queue<String> held = manager.queue();
        Process holder = new Process(() -> {
            lock.lock();
            held.put("held");
            Thread.sleep(60_000);
        });
        holder.start();
        held.get(Duration.ofSeconds(30));
        holder.kill();
        holder.join();
        out.println("a process holding the lock was SIGKILLed: the lock is free again? "
                + (lock.acquire(Duration.ofSeconds(10)) ? "yes, the server released it" : "WRONG: no"));
        lock.release();
    }

    private static void wrongKey(PrintWriter out, Manager manager) {
        try {
            Manager.connect(manager.address(), "not the key".getBytes());
            out.println("WRONG: a wrong key was accepted");
        } catch (AuthenticationException e) {
            out.println("Manager.connect with a wrong key: AuthenticationException; the server serves the others: "
                    + manager.list(List.of("still", "here")));
        }
    }

    private static void killed(PrintWriter out) throws InterruptedException {
        Manager doomed = Manager.start();
        DictProxy<String, String> d = doomed.dict();
        d.put("k", "v");
        ProcessHandle.of(doomed.pid()).ifPresent(ProcessHandle::destroyForcibly);
        long t0 = System.nanoTime();
        try {
            while (true) {
                d.get("k"); // until the connection's end is seen
            }
        } catch (ManagerUnavailableException e) {
            out.println("the server SIGKILLed: the next proxy calls throw ManagerUnavailableException within "
                    + ms(System.nanoTime() - t0) + ", no hang");
        }
        doomed.shutdown();
    }
}
