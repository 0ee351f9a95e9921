package dev.weft.process.internal.worker;

import dev.weft.function.ThrowingRunnable;
import dev.weft.process.ChildJvm;
import dev.weft.process.ProcessException;
import dev.weft.process.internal.wire.ClassAllowlist;
import dev.weft.process.internal.hub.ItemCodec;
import dev.weft.process.internal.wire.Codec;
import dev.weft.process.internal.wire.GrowableBuffer;
import dev.weft.process.internal.wire.NotEncodableException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.function.IntConsumer;

/**
 * One {@code Process}'s child JVM, from launch to exit. Not API.
 *
 * <p>A thread per process (a daemon thread for a daemon process, so that a non-daemon process
 * keeps the parent JVM alive until it ends, as in Python) sends the worker its one
 * {@link Protocol#RUN} frame once it has connected (the caller sends it itself when it took a
 * connected spare), then reads what the worker sends until it is gone. The process ends, for its
 * user, the moment the worker says it is exiting
 * ({@link Worker.Listener#onExiting}: its status fixed, its output forwarded), not at its JVM's
 * teardown, which takes milliseconds more and is reaped after; a child that dies without saying so
 * ends when it is reaped.
 */
public final class Launch {
    private static final Codec ENCODER = new Codec(ClassAllowlist.jdkDefaults());

    private final Worker worker;
    /** Told the returncode once, when the process has ended. */
    private final IntConsumer onEnd;
    /** Whether the worker was a spare, to be replaced when the process ends. */
    private final boolean onSpare;
    private final CountDownLatch exited = new CountDownLatch(1);
    private volatile int returncode;
    /** Set by terminate and kill: a start-up cut short on purpose is not reported as a failure. */
    private volatile boolean stopped;
    /** Set when the worker said it was exiting: its status is the returncode, its output is forwarded. */
    private volatile boolean declared;

    private Launch(Worker worker, IntConsumer onEnd, boolean onSpare) {
        this.worker = worker;
        this.onEnd = onEnd;
        this.onSpare = onSpare;
    }

    /**
     * Launches a child JVM (a warm spare if one is ready) that runs {@code task} under
     * {@code name}; {@code onEnd} gets its returncode when it has ended.
     *
     * @throws ProcessException if no JVM can be launched
     */
    public static Launch start(ChildJvm jvm, String name, boolean daemon, ThrowingRunnable task,
            Class<?> owner, IntConsumer onEnd) {
        // Encode now, on the caller's thread, as Python pickles at start(): what the target
        // captures is copied as it is at this moment (a pipe end the caller closes right after
        // start() has already been counted as the child's), and an unencodable target fails here.
        List<String> classes = allowedClasses(task, owner);
        List<String> packages = allowedPackages(task, owner);
        ItemCodec.allow(classes, packages);
        ByteBuffer frame;
        try {
            frame = runFrame(ItemCodec.allowedClasses(), ItemCodec.allowedPackages(),
                    new Configure(name, classes, packages, null, null, ProcessHandle.current().pid(), Identity.name()),
                    new RunProcess(task, daemon));
        } catch (NotEncodableException e) {
            throw new IllegalArgumentException("the target of " + name + " cannot be sent to the child: " + e.getMessage(), e);
        }
        // Before the take, which may start a replacement: it prepares for this target too. Only
        // the first start of a target pays (reflection and encoding); later ones find it known.
        Spares.learn(jvm, task, owner, classes, packages);
        Worker spare = Spares.take(jvm);
        Worker w = spare != null ? spare : Worker.spawn(jvm);
        w.name(name);
        Launch l = new Launch(w, onEnd, spare != null);
        Thread t = (daemon ? Thread.ofPlatform().daemon() : Thread.ofPlatform().daemon(false))
                .name("weft-process-" + name)
                .unstarted(() -> l.supervise(spare == null ? frame : null, name));
        // Started before the frame goes to a connected spare, so that starting it does not take a
        // CPU from the child while it starts the process (on 2 CPUs that cost milliseconds).
        t.start();
        if (spare != null) {
            l.send(frame);
        }
        return l;
    }

    /** The payload of {@link Protocol#RUN}: the allow lists, {@code configure}, {@code run}. */
    static ByteBuffer runFrame(List<String> allowedClasses, List<String> allowedPackages, Configure configure,
            RunProcess run) throws NotEncodableException {
        GrowableBuffer out = new GrowableBuffer(512);
        ENCODER.encode(List.of(allowedClasses, allowedPackages), out);
        ENCODER.encode(configure, out);
        ENCODER.encode(run, out);
        return out.contents();
    }

    /**
     * The process's thread: sends the frame if the caller does not ({@code frame} not null: the
     * worker was not connected yet), then reads what the worker sends until it is gone and
     * reaped. The process ends, for its user, as it says it is exiting
     * ({@link Worker.Listener#onExiting}), from this thread, so that one hand-off separates the
     * child's last message from the joiner.
     */
    private void supervise(ByteBuffer frame, String name) {
        if (frame != null) {
            try {
                worker.awaitConnected();
            } catch (ProcessException e) {
                if (!stopped) {
                    System.err.println("Process " + name + ": " + e.getMessage());
                }
                finish(worker.returncode().orElse(1));
                return;
            } catch (InterruptedException e) {
                // Nobody interrupts this thread; if it happens all the same, the worker was killed.
                finish(worker.reap());
                return;
            }
            send(frame);
        }
        worker.read(new Worker.Listener() {
            @Override
            public void onFrame(Worker w, int type, ByteBuffer payload) {
                // a process sends nothing before it is exiting
            }

            @Override
            public void onExiting(Worker w, int status) {
                // The process has ended for its user: its target is done, its status fixed and
                // its output forwarded; the JVM's teardown (milliseconds) and reaping go on here.
                declared = true;
                finish(status);
            }

            @Override
            public void onExit(Worker w, int rc) {
                finish(rc); // unless it said it was exiting: then this does nothing
            }
        });
        // The worker is gone and reaped, milliseconds after the joiner was told: now its
        // replacement, a JVM starting, which would otherwise take the CPUs the joiner and the
        // child's teardown need.
        if (onSpare) {
            Spares.refill(worker.spec()); // it ran on a spare: replace it now rather than at the refill delay
        }
    }

    /** Sends the process's frame; a worker dead under the send is reported by its reader. */
    private void send(ByteBuffer frame) {
        try {
            worker.send(Protocol.RUN, frame);
            worker.flush();
        } catch (IOException e) {
            // the reader sees the socket end and reports the exit
        }
    }

    /** The process has ended with {@code status}: the first call counts, later ones do nothing. */
    private void finish(int status) {
        synchronized (this) {
            if (exited.getCount() == 0) {
                return;
            }
            returncode = status;
            exited.countDown();
        }
        onEnd.accept(status);
    }

    /**
     * Classes a decoder needs to allow to rebuild {@code task}: JDK classes and classes of the
     * unnamed package must go one by one (a lambda's own class is hidden; the class that made it
     * is what the stream names).
     */
    static List<String> allowedClasses(Object task, Class<?> owner) {
        List<String> out = new ArrayList<>();
        out.add("dev.weft.process.Process");
        for (Class<?> c : new Class<?>[] {task.getClass(), owner}) {
            if (c != null && (c.getPackageName().isEmpty()
                    || ClassAllowlist.isProtectedPackage(c.getPackageName() + "."))) {
                String name = c.getName();
                int lambda = name.indexOf("$$Lambda");
                out.add(lambda > 0 ? name.substring(0, lambda) : name);
            }
        }
        return out;
    }

    /** Packages a decoder needs to allow to rebuild {@code task}: the user's own. */
    static List<String> allowedPackages(Object task, Class<?> owner) {
        List<String> out = new ArrayList<>();
        for (Class<?> c : new Class<?>[] {task.getClass(), owner}) {
            if (c != null && !c.getPackageName().isEmpty() && !ClassAllowlist.isProtectedPackage(c.getPackageName() + ".")
                    && !out.contains(c.getPackageName())) {
                out.add(c.getPackageName());
            }
        }
        return out;
    }

    public long pid() {
        return worker.pid();
    }

    public OptionalInt returncode() {
        return exited.getCount() > 0 ? OptionalInt.empty() : OptionalInt.of(returncode);
    }

    public void terminate() {
        stopped = true;
        worker.terminate();
    }

    public void kill() {
        stopped = true;
        worker.kill();
    }

    /** Waits (bounded: {@link Worker#awaitOutput()}) until the child's output has been forwarded. */
    public void awaitOutput() throws InterruptedException {
        if (declared) {
            return; // forwarded up to what it said it wrote, before it was reported exiting
        }
        worker.awaitOutput();
    }
}
