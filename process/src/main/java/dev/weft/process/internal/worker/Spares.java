package dev.weft.process.internal.worker;

import dev.weft.process.ChildJvm;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;

/**
 * Warm spare workers: JVMs started and connected ahead of need, per {@link ChildJvm} spec, so that
 * a new process or pool takes one instead of waiting for a JVM to start. Each one taken is
 * replaced in the background. Not API.
 */
public final class Spares {
    private static final ConcurrentHashMap<ChildJvm, Stock> STOCKS = new ConcurrentHashMap<>();

    static {
        int n = Integer.getInteger("weft.process.warmSpares", 0);
        if (n > 0) {
            keep(ChildJvm.defaults(), n);
        }
    }

    private Spares() {}

    private static final class Stock {
        final ConcurrentLinkedDeque<Worker> ready = new ConcurrentLinkedDeque<>();
        /** The targets of this spec's recent processes, which its new spares prepare for. */
        final Preload.Learned learned = new Preload.Learned();
        int target;
        int starting;
    }

    /** Keeps {@code n} spares of {@code spec}; 0 stops the idle ones. */
    public static void keep(ChildJvm spec, int n) {
        Stock s = STOCKS.computeIfAbsent(spec, k -> new Stock());
        synchronized (s) {
            s.target = n;
        }
        while (true) {
            Worker extra;
            synchronized (s) {
                if (s.ready.size() <= n || (extra = s.ready.pollLast()) == null) {
                    break;
                }
            }
            extra.stop();
            extra.listen(new Worker.Listener() {
                @Override
                public void onFrame(Worker worker, int type, java.nio.ByteBuffer payload) {}

                @Override
                public void onExit(Worker worker, int returncode) {}
            });
        }
        refill(spec, s);
    }

    /** The pids of the spares of {@code spec} ready now (for tests and monitoring). */
    public static List<Long> readyPids(ChildJvm spec) {
        Stock s = STOCKS.get(spec);
        return s == null ? List.of() : s.ready.stream().map(Worker::pid).toList();
    }

    /**
     * How long after a spare is taken its replacement starts at the latest. Not at once: a JVM
     * starting takes both CPUs of a small machine for a tenth of a second, just when the process
     * that took the spare runs its task (on 2 CPUs, a short process took 15 to 25 ms instead of
     * 10). {@link #refill} starts it sooner, once the process has ended and its JVM is gone.
     */
    static final long REFILL_DELAY_MILLIS = 200;

    /**
     * A connected spare of {@code spec}, or null if none is ready. Its replacement starts when
     * the taker calls {@link #refill}, or after {@link #REFILL_DELAY_MILLIS}.
     */
    public static Worker take(ChildJvm spec) {
        Stock s = STOCKS.get(spec);
        if (s == null) {
            return null;
        }
        Worker w;
        while ((w = s.ready.pollFirst()) != null && w.returncode().isPresent()) {
            // died while idle: drop it
        }
        if (w == null) {
            refill(spec, s); // none was ready: nothing runs on a spare that a start could slow down
        } else {
            Worker.timer().schedule(() -> refill(spec, s), REFILL_DELAY_MILLIS, TimeUnit.MILLISECONDS);
        }
        return w;
    }

    /** Starts the replacements of the spares of {@code spec} taken so far (a taker's process ended). */
    public static void refill(ChildJvm spec) {
        Stock s = STOCKS.get(spec);
        if (s != null) {
            refill(spec, s);
        }
    }

    /**
     * Notes that a process of {@code spec} ran {@code task} (a process of class {@code owner}
     * whose decoder allows {@code classes} and {@code packages}), so that the spares of
     * {@code spec} started from now on prepare for it ({@link Preload}). Nothing happens if
     * {@code spec} keeps no spares, or the task is known already.
     */
    public static void learn(ChildJvm spec, Object task, Class<?> owner, List<String> classes, List<String> packages) {
        Stock s = STOCKS.get(spec);
        if (s == null) {
            return;
        }
        synchronized (s) {
            if (s.target == 0) {
                return;
            }
        }
        if (s.learned.knows(List.of(task.getClass(), owner))) {
            return;
        }
        Preload.Target t = Preload.of(task, owner, classes, packages);
        if (t != null) {
            s.learned.add(t);
        }
    }

    /** Writes, for a spare of {@code spec} being started, the targets it is to prepare for. */
    static void writePreload(ChildJvm spec, java.io.OutputStream out) throws java.io.IOException {
        Stock s = STOCKS.get(spec);
        if (s == null) {
            Preload.writeNone(out);
        } else {
            s.learned.write(out);
        }
    }

    private static void refill(ChildJvm spec, Stock s) {
        synchronized (s) {
            while (s.ready.size() + s.starting < s.target) {
                s.starting++;
                Thread.ofVirtual().name("weft-spare-start").start(() -> start(spec, s));
            }
        }
    }

    private static void start(ChildJvm spec, Stock s) {
        Worker w = null;
        try {
            w = Worker.spawn(spec, true);
            w.awaitConnected();
        } catch (Exception e) {
            w = null; // a spare that cannot start is simply not there; the taker starts its own
        } finally {
            synchronized (s) {
                s.starting--;
                if (w != null) {
                    s.ready.addLast(w);
                }
            }
        }
    }
}
