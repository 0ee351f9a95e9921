package dev.weft.process.internal.worker;

import dev.weft.function.ThrowingRunnable;
import dev.weft.process.ChildJvm;
import dev.weft.process.ProcessException;
import dev.weft.process.internal.wire.ClassAllowlist;
import dev.weft.process.internal.hub.ItemCodec;
import dev.weft.process.internal.wire.Codec;
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
 * keeps the parent JVM alive until it ends, as in Python) waits for the worker to connect, sends
 * it {@link Protocol#CONFIGURE} and {@link Protocol#RUN}, and waits for its exit: for the moment
 * it says it is exiting ({@link Worker.Listener#onExiting}: its status fixed, its output
 * forwarded), not for its JVM's teardown, which takes milliseconds more and is reaped in the
 * background; a child that dies without saying so ends when it is reaped.
 */
public final class Launch {
    private static final Codec ENCODER = new Codec(ClassAllowlist.jdkDefaults());

    private final Worker worker;
    private final CountDownLatch exited = new CountDownLatch(1);
    private volatile int returncode;
    /** Set by terminate and kill: a start-up cut short on purpose is not reported as a failure. */
    private volatile boolean stopped;
    /** Set when the worker said it was exiting: its status is the returncode, its output is forwarded. */
    private volatile boolean declared;

    private Launch(Worker worker) {
        this.worker = worker;
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
        ByteBuffer[] frames;
        try {
            frames = new ByteBuffer[] {
                WeftAllowlist.frame(ItemCodec.allowedClasses(), ItemCodec.allowedPackages()),
                ENCODER.encode(new Configure(name, classes, packages, null, null, ProcessHandle.current().pid(),
                        Identity.name())),
                ENCODER.encode(new RunProcess(task, daemon))};
        } catch (NotEncodableException e) {
            throw new IllegalArgumentException("the target of " + name + " cannot be sent to the child: " + e.getMessage(), e);
        }
        Worker spare = Spares.take(jvm);
        Worker w = spare != null ? spare : Worker.spawn(jvm);
        w.name(name);
        Launch l = new Launch(w);
        Thread t = (daemon ? Thread.ofPlatform().daemon() : Thread.ofPlatform().daemon(false))
                .name("weft-process-" + name)
                .unstarted(() -> l.supervise(spare != null, name, frames, onEnd));
        t.start();
        return l;
    }

    private void supervise(boolean connected, String name, ByteBuffer[] frames, IntConsumer onEnd) {
        try {
            if (!connected) {
                worker.awaitConnected();
            }
            worker.listen(new Worker.Listener() {
                @Override
                public void onFrame(Worker w, int type, ByteBuffer payload) {
                    // CONFIGURED; a process sends nothing else
                }

                @Override
                public void onExiting(Worker w, int status) {
                    // The process has ended for its user: its target is done, its status fixed and
                    // its output forwarded; the JVM's teardown (milliseconds) and reaping go on here.
                    returncode = status;
                    declared = true;
                    exited.countDown();
                }

                @Override
                public void onExit(Worker w, int rc) {
                    if (!declared) {
                        returncode = rc;
                        exited.countDown();
                    }
                }
            });
            worker.send(Protocol.ALLOW, frames[0]);
            worker.send(Protocol.CONFIGURE, frames[1]);
            worker.send(Protocol.RUN, frames[2]);
            worker.flush();
        } catch (ProcessException e) {
            if (!stopped) {
                System.err.println("Process " + name + ": " + e.getMessage());
            }
            returncode = worker.returncode().orElse(1);
            exited.countDown();
        } catch (IOException e) {
            // The worker died under the send: its reader reports the exit.
        } catch (InterruptedException e) {
            worker.kill();
        }
        boolean interrupted = false;
        while (true) {
            try {
                exited.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // this thread is ours; only an exit ends it
            }
        }
        if (returncode == 0 && !declared && worker.returncode().isPresent()) {
            returncode = worker.returncode().getAsInt();
        }
        if (connected) {
            Spares.refill(worker.spec()); // it ran on a spare: replace it now rather than at the refill delay
        }
        onEnd.accept(returncode);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
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
