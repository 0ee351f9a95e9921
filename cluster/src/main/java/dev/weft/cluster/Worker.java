package dev.weft.cluster;

import com.hazelcast.core.LifecycleEvent;
import dev.weft.process.ChildJvm;
import dev.weft.process.Process;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A worker member: joins a cluster, runs the tasks of cluster pools and executors, and stays until
 * it is stopped. {@code weft worker --join host:port} runs one; this class's {@link #main} is the
 * same for a JVM started without the {@code weft} command (tests, the tour).
 *
 * <p>It leaves the cluster gracefully on SIGTERM or Ctrl-C (Hazelcast's shutdown hook hands its
 * data to the other members first), and, with {@code --watch-stdin}, when its standard input
 * reaches end of file: a parent that started it with a pipe takes it down by dying, so no worker
 * outlives the program that started it.
 */
public final class Worker {
    /**
     * JVM options for a member: the JDK internals Hazelcast uses for its best performance (without
     * them it runs, slower, and says so), and {@code sun.misc.Unsafe} memory access, which it uses
     * and Java 25 would warn about.
     */
    public static final List<String> JVM_OPTIONS = List.of("--sun-misc-unsafe-memory-access=allow",
            "--add-modules=java.se", "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.management/sun.management=ALL-UNNAMED",
            "--add-opens=jdk.management/com.sun.management.internal=ALL-UNNAMED");

    private Worker() {}

    /**
     * Starts a worker member of cluster {@code cluster} in a child JVM of this process, joining the
     * member at {@code join}: for running a cluster on one machine (tests, the tour, benchmarks).
     * It is a daemon {@link Process}: it dies with this process, and {@link Process#kill()} kills
     * it. Returns once the child is started, not once it has joined: wait with
     * {@link Cluster#awaitWorkers}. The child prints nothing of its own.
     *
     * @param cluster the cluster's name
     * @param join a member's {@code host:port}
     * @param threads how many tasks it runs at once
     * @return the started child
     */
    public static Process spawn(String cluster, String join, int threads) {
        return spawn(cluster, join, threads, Level.WARNING);
    }

    /**
     * {@link #spawn(String, String, int)}, with Hazelcast's log in the child at {@code logLevel}
     * ({@link Level#SEVERE} keeps a demonstration free of the warnings that a member killed on
     * purpose makes the others write).
     *
     * @param cluster the cluster's name
     * @param join a member's {@code host:port}
     * @param threads how many tasks it runs at once
     * @param logLevel the level of the {@code com.hazelcast} logger in the child
     * @return the started child
     */
    public static Process spawn(String cluster, String join, int threads, Level logLevel) {
        String level = logLevel.getName();
        Process p = new Process("weft-worker", () -> {
            Logger.getLogger("com.hazelcast").setLevel(Level.parse(level));
            // Silent: the parent learns of its members from the cluster (members(), awaitWorkers).
            serve(Cluster.builder().name(cluster).join(join).threads(threads), false,
                    new PrintStream(java.io.OutputStream.nullOutputStream()));
        })
                .daemon(true)
                .jvm(ChildJvm.defaults().withOptions(JVM_OPTIONS.toArray(String[]::new)));
        p.start();
        return p;
    }

    /**
     * Starts a worker member: {@code [--join HOST:PORT]... [--cluster NAME] [--port N] [--bind HOST]
     * [--threads N] [--allow-package PKG]... [--watch-stdin]}. Prints one line naming the member
     * once it has joined, then blocks until the member leaves.
     *
     * @param args the options
     * @throws IllegalArgumentException if an option is unknown or lacks its value
     * @throws InterruptedException if interrupted while serving
     */
    public static void main(String[] args) throws InterruptedException {
        Cluster.Builder b = Cluster.builder().worker(true);
        boolean watchStdin = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--join" -> b.join(value(args, ++i, a));
                case "--cluster" -> b.name(value(args, ++i, a));
                case "--port" -> b.port(Integer.parseInt(value(args, ++i, a)));
                case "--bind" -> b.bind(value(args, ++i, a));
                case "--threads" -> b.threads(Integer.parseInt(value(args, ++i, a)));
                case "--allow-package" -> b.allowPackage(value(args, ++i, a));
                case "--watch-stdin" -> watchStdin = true;
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        serve(b, watchStdin, System.out);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    /**
     * Starts the member {@code builder} describes (as a worker), prints a line naming it on
     * {@code out}, and blocks until it leaves the cluster: it is shut down (SIGTERM, Ctrl-C), it
     * loses the cluster, or, if {@code watchStdin}, standard input reaches end of file.
     *
     * @param builder the member's settings
     * @param watchStdin whether end of file on standard input stops the worker
     * @param out where the line goes
     * @throws InterruptedException if interrupted while serving (the member is shut down)
     */
    public static void serve(Cluster.Builder builder, boolean watchStdin, PrintStream out) throws InterruptedException {
        serve(builder, watchStdin, out, null);
    }

    /**
     * {@link #serve(Cluster.Builder, boolean, PrintStream)}, handing the cluster to {@code started}
     * once the member has joined (for a command that leaves the cluster when it is told to stop).
     *
     * @param builder the member's settings
     * @param watchStdin whether end of file on standard input stops the worker
     * @param out where the line goes
     * @param started gets the cluster once joined, or null
     * @throws InterruptedException if interrupted while serving (the member is shut down)
     */
    public static void serve(Cluster.Builder builder, boolean watchStdin, PrintStream out,
            java.util.function.Consumer<Cluster> started) throws InterruptedException {
        Cluster cluster = builder.worker(true).member();
        CountDownLatch left = new CountDownLatch(1);
        cluster.hazelcast().getLifecycleService().addLifecycleListener(e -> {
            if (e.getState() == LifecycleEvent.LifecycleState.SHUTDOWN) {
                left.countDown();
            }
        });
        if (!cluster.isRunning()) {
            left.countDown();
        }
        Cluster.ClusterMember me = cluster.localMember().orElseThrow();
        out.println("weft worker " + me.address() + " in cluster " + cluster.name() + ": " + me.threads()
                + " threads, pid " + me.pid() + ", " + cluster.members().size() + " members");
        out.flush();
        if (started != null) {
            started.accept(cluster);
        }
        if (watchStdin) {
            Thread.ofPlatform().daemon().name("weft-worker-stdin").start(() -> {
                drain(System.in);
                cluster.close();
            });
        }
        try {
            left.await();
        } catch (InterruptedException e) {
            cluster.close();
            throw e;
        }
    }

    private static void drain(InputStream in) {
        byte[] buf = new byte[256];
        try {
            while (in.read(buf) >= 0) {
                // only its end matters
            }
        } catch (IOException e) {
            // a broken stdin is an ended one
        }
    }
}
