package dev.weft.cluster;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.config.YamlClientConfigBuilder;
import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.config.ExecutorConfig;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.util.ConcurrencyUtil;
import dev.weft.cluster.internal.Dispatcher;
import dev.weft.cluster.internal.Wire;
import dev.weft.internal.Timeouts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This process's place in a Hazelcast cluster, and the Weft structures on it: a
 * {@link ClusterPool} and {@link ClusterExecutor} whose tasks run on the cluster's worker
 * members, and the shared {@link ClusterQueue}, {@link ClusterExchange}, {@link ClusterDict},
 * {@link ClusterLock} and {@link ClusterSemaphore}.
 *
 * <pre>{@code
 * try (Cluster cluster = Cluster.builder().join("127.0.0.1:5701").client();
 *      ClusterPool pool = cluster.pool()) {
 *     List<Integer> squares = pool.map(x -> x * x, List.of(1, 2, 3));   // run by the members
 * }
 * }</pre>
 *
 * <p>A process is either a <b>member</b> ({@link Builder#member()}: it holds a share of the data
 * and, if it is a {@link Builder#worker worker}, runs tasks) or a <b>client</b>
 * ({@link Builder#client()}: it reaches the members over the network and holds nothing). Members
 * that run tasks are started with {@code weft worker --join host:port}, or with
 * {@code Cluster.builder().worker(true).member()}.
 *
 * <p><b>Security.</b> Anyone who can join a cluster, or connect to it as a client, can run code on
 * its members: tasks are code. Members therefore bind to loopback unless {@link Builder#bind} says
 * otherwise; put them on a trusted network only. What a member decodes with Java serialization is
 * limited by an allowlist (the JDK, Weft, Hazelcast, and the packages and classes the builder adds):
 * it closes the door to deserialization gadgets, not to a member that runs what it is sent.
 * Hazelcast's usage reports ("phone home") are switched off: a cluster sends nothing beyond its
 * members.
 *
 * <p>Closing the cluster handle leaves the cluster: the member shuts down (its data's backups on
 * other members take over) or the client disconnects. Everything later throws
 * {@link ClusterUnavailableException}.
 *
 * <p>Thread-safety: every method may be called from any thread.
 */
public final class Cluster implements AutoCloseable {
    /** Hazelcast logs through {@code java.util.logging}; its info lines would drown a program's output. */
    private static final Logger HAZELCAST_LOG = Logger.getLogger("com.hazelcast");

    static {
        if (HAZELCAST_LOG.getLevel() == null) {
            HAZELCAST_LOG.setLevel(Level.WARNING);
        }
        // Hazelcast completes its futures' callbacks on the JDK's default async pool, which, where the
        // common pool has a single thread (a 2-core machine), starts a new platform thread for every
        // callback: measured, that held a cluster map to 1,500 chunks a second (10,000 without it).
        // Virtual threads cost a few hundred bytes each instead.
        if (ForkJoinPool.getCommonPoolParallelism() < 2) {
            ConcurrencyUtil.setDefaultAsyncExecutor(Executors.newThreadPerTaskExecutor(
                    Thread.ofVirtual().name("hz-async-", 0).factory()));
        }
    }

    /**
     * The worker member started last in this JVM, what tasks reach through {@link #current()}:
     * complete once the member has joined. Set before it starts, since other members may send it
     * tasks from the moment it joins, before {@code member()} returns.
     */
    private static volatile CompletableFuture<Cluster> worker;

    private final HazelcastInstance hz;
    private final ClassLoader loader;
    private final String name;
    private final boolean client;
    private final int taskAttempts;
    private final java.util.concurrent.ConcurrentHashMap<String, ClusterSemaphore> semaphores =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition membersChanged = lock.newCondition();

    private Cluster(HazelcastInstance hz, ClassLoader loader, String name, boolean client, int taskAttempts) {
        this.hz = hz;
        this.loader = loader;
        this.name = name;
        this.client = client;
        this.taskAttempts = taskAttempts;
        hz.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent e) {
                signalMembers();
            }

            @Override
            public void memberRemoved(MembershipEvent e) {
                signalMembers();
            }
        });
    }

    /**
     * A builder for joining or connecting to a cluster.
     *
     * @return a builder with the defaults: cluster {@code "weft"}, loopback, port 5701
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The cluster of the worker member running the calling task: how a task of a
     * {@link ClusterPool} or {@link ClusterExecutor} reaches the cluster's dicts, queues and
     * exchanges.
     *
     * <pre>{@code
     * pool.map(i -> { Cluster.current().dict("seen").put(i, true); return i; }, items);
     * }</pre>
     *
     * @return the cluster handle of this JVM's worker member
     * @throws IllegalStateException if no worker member runs in this JVM
     */
    public static Cluster current() {
        CompletableFuture<Cluster> joining = worker;
        if (joining == null) {
            throw new IllegalStateException("no worker member runs in this JVM: Cluster.current() is for tasks run by"
                    + " a cluster pool or executor");
        }
        Cluster c;
        try {
            c = joining.get(START_WAIT.toNanos(), TimeUnit.NANOSECONDS); // at once, unless the member is still starting
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while this JVM's worker member was starting", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("no worker member runs in this JVM: the last one did not start", e);
        }
        if (!c.isRunning()) {
            throw new IllegalStateException("no worker member runs in this JVM: Cluster.current() is for tasks run by"
                    + " a cluster pool or executor (the last one has left)");
        }
        return c;
    }

    /** How long {@link #current()} waits for a worker member that is still starting. */
    private static final Duration START_WAIT = Duration.ofMinutes(1);

    // ------------------------------------------------------------------ structures

    /**
     * A pool whose tasks run on this cluster's worker members: Python's {@code Pool} API.
     *
     * @return a new pool; closing it does not leave the cluster
     * @throws ClusterUnavailableException if this process has left the cluster
     */
    public ClusterPool pool() {
        return new ClusterPool(dispatcher("ClusterPool"));
    }

    /**
     * An executor whose tasks run on this cluster's worker members: Python's
     * {@code concurrent.futures.Executor} API.
     *
     * @return a new executor; shutting it down does not leave the cluster
     * @throws ClusterUnavailableException if this process has left the cluster
     */
    public ClusterExecutor executor() {
        return new ClusterExecutor(dispatcher("ClusterExecutor"));
    }

    /**
     * The cluster queue {@code name}, created on first use.
     *
     * @param <E> the type of the items
     * @param name the queue's name, the same in every process that shares it
     * @return a view of the queue
     * @throws ClusterUnavailableException if this process has left the cluster
     */
    public <E> ClusterQueue<E> queue(String name) {
        return new ClusterQueue<>(live(), name);
    }

    /**
     * The cluster exchange (topic) {@code name}, created on first use.
     *
     * @param <M> the type of the messages
     * @param name the exchange's name, the same in every process that shares it
     * @return a view of the exchange, with its own local subscribers
     * @throws ClusterUnavailableException if this process has left the cluster
     */
    public <M> ClusterExchange<M> exchange(String name) {
        return new ClusterExchange<>(live(), name);
    }

    /**
     * The cluster dict (map) {@code name}, created on first use.
     *
     * @param <K> the type of the keys
     * @param <V> the type of the values
     * @param name the dict's name, the same in every process that shares it
     * @return a view of the dict
     * @throws ClusterUnavailableException if this process has left the cluster
     */
    public <K, V> ClusterDict<K, V> dict(String name) {
        return new ClusterDict<>(live(), name);
    }

    /**
     * The cluster lock {@code name}.
     *
     * @param name the lock's name, the same in every process that shares it
     * @return a view of the lock
     * @throws ClusterUnavailableException if this process has left the cluster
     */
    public ClusterLock lock(String name) {
        return new ClusterLock(live(), name);
    }

    /**
     * The cluster semaphore {@code name}, created with {@code permits} permits by the first process
     * that asks for it; later calls get the existing one whatever {@code permits} they give (and, in
     * this process, the same view).
     *
     * @param name the semaphore's name, the same in every process that shares it
     * @param permits its initial permits, at least 0
     * @return a view of the semaphore
     * @throws IllegalArgumentException if {@code permits} is negative
     * @throws ClusterUnavailableException if this process has left the cluster
     */
    public ClusterSemaphore semaphore(String name, int permits) {
        if (permits < 0) {
            throw new IllegalArgumentException("permits must be at least 0: " + permits);
        }
        HazelcastInstance h = live();
        return semaphores.computeIfAbsent(name, n -> new ClusterSemaphore(h, n, permits));
    }

    // ------------------------------------------------------------------ members

    /**
     * The members of the cluster now, this one first if it is a member.
     *
     * @return the members
     * @throws ClusterUnavailableException if this process has left the cluster
     */
    public List<ClusterMember> members() {
        List<ClusterMember> out = new ArrayList<>();
        for (Member m : live().getCluster().getMembers()) {
            out.add(ClusterMember.of(m));
        }
        return out;
    }

    /**
     * The members that run tasks, now.
     *
     * @return the worker members
     * @throws ClusterUnavailableException if this process has left the cluster
     */
    public List<ClusterMember> workers() {
        List<ClusterMember> out = new ArrayList<>();
        for (ClusterMember m : members()) {
            if (m.worker()) {
                out.add(m);
            }
        }
        return out;
    }

    /**
     * Waits until at least {@code n} worker members are in the cluster.
     *
     * @param n how many workers to wait for
     * @param timeout how long to wait at most
     * @return whether there are that many, before the timeout
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws InterruptedException if interrupted while waiting
     * @throws ClusterUnavailableException if this process has left the cluster
     */
    public boolean awaitWorkers(int n, Duration timeout) throws InterruptedException {
        long nanos = Timeouts.toNanos(timeout);
        lock.lock();
        try {
            while (workers().size() < n) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = membersChanged.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void signalMembers() {
        lock.lock();
        try {
            membersChanged.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * This process in the cluster.
     *
     * @return this member, or empty for a client
     */
    public java.util.Optional<ClusterMember> localMember() {
        return client ? java.util.Optional.empty() : java.util.Optional.of(ClusterMember.of(live().getCluster().getLocalMember()));
    }

    /**
     * The cluster's name: only processes that give the same name join it.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Whether this process is a client rather than a member.
     *
     * @return {@code true} for a client
     */
    public boolean isClient() {
        return client;
    }

    /**
     * Whether this process is still in the cluster.
     *
     * @return {@code false} once closed or lost
     */
    public boolean isRunning() {
        return hz.getLifecycleService().isRunning();
    }

    /**
     * The Hazelcast instance underneath, for what Weft does not wrap.
     *
     * @return the member or client instance
     */
    public HazelcastInstance hazelcast() {
        return hz;
    }

    /** Leaves the cluster: the member shuts down gracefully, or the client disconnects. Idempotent. */
    @Override
    public void close() {
        hz.shutdown();
    }

    @Override
    public String toString() {
        return "Cluster[" + name() + (client ? ", client" : ", member") + (isRunning() ? "" : ", left") + "]";
    }

    private HazelcastInstance live() {
        if (!hz.getLifecycleService().isRunning()) {
            throw new ClusterUnavailableException("this process has left the cluster " + name);
        }
        return hz;
    }

    private Dispatcher dispatcher(String kind) {
        return new Dispatcher(live(), loader, kind, taskAttempts);
    }

    // ------------------------------------------------------------------ building

    /**
     * How to join a cluster as a member, or connect to one as a client. Every setting has a default
     * that keeps the cluster on this machine: loopback, port 5701 (or the next free one), no
     * multicast.
     *
     * <p>A Hazelcast YAML file ({@link #yaml}) gives any setting Hazelcast has; the settings made
     * on the builder are applied over it, and Weft's own (the task executor, the member's
     * attributes, the serialization allowlist, no usage reports) always are.
     */
    public static final class Builder {
        private String name;
        private final List<String> join = new ArrayList<>();
        private Integer port;
        private String bind;
        private boolean worker;
        private int threads = Runtime.getRuntime().availableProcessors();
        private boolean lite;
        private Integer backupCount;
        private Path yaml;
        private ClassLoader classLoader;
        private final Set<String> allowedPrefixes = new LinkedHashSet<>();
        private final Set<String> allowedClasses = new LinkedHashSet<>();
        private Duration memberTimeout = Duration.ofSeconds(10);
        private int taskAttempts = 3;

        private Builder() {}

        /**
         * The cluster's name (default {@code "weft"}): processes with different names never join.
         *
         * @param name the name
         * @return this builder
         */
        public Builder name(String name) {
            this.name = requireText(name, "name");
            return this;
        }

        /**
         * Members to contact, as {@code host:port} (or {@code host}, for port 5701). A member with
         * none starts a new cluster (or joins one at its own port's neighbours); a client with
         * none connects to {@code 127.0.0.1:5701}.
         *
         * @param addresses the addresses
         * @return this builder
         */
        public Builder join(String... addresses) {
            for (String a : addresses) {
                join.add(requireText(a, "address"));
            }
            return this;
        }

        /**
         * The port a member listens on (default 5701); if it is taken, the next free one up to 100
         * further is used. Port 0 picks a port that is free now: for a cluster whose first member
         * others join by the address it reports ({@link #localMember()}).
         *
         * @param port the port, 0 to 65535
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0 to 65535: " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * The address a member binds to and announces (default {@code 127.0.0.1}). Binding to
         * another interface lets other machines join; only do it on a trusted network.
         *
         * @param host an IP address of this machine
         * @return this builder
         */
        public Builder bind(String host) {
            this.bind = requireText(host, "host");
            return this;
        }

        /**
         * Whether this member runs tasks of cluster pools and executors (default {@code false}).
         *
         * @param worker {@code true} to run tasks
         * @return this builder
         */
        public Builder worker(boolean worker) {
            this.worker = worker;
            return this;
        }

        /**
         * How many tasks a worker member runs at once (default: its processors).
         *
         * @param threads at least 1
         * @return this builder
         */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1: " + threads);
            }
            this.threads = threads;
            return this;
        }

        /**
         * Whether this member is a lite member, holding no data (default {@code false}); its
         * leaving then loses nothing, and it still runs tasks if it is a worker.
         *
         * @param lite {@code true} for a lite member
         * @return this builder
         */
        public Builder liteMember(boolean lite) {
            this.lite = lite;
            return this;
        }

        /**
         * How many other members keep a copy of each queue's and dict's data (default 1): the
         * data survives that many members leaving at once.
         *
         * @param backups 0 to 6
         * @return this builder
         */
        public Builder backupCount(int backups) {
            if (backups < 0 || backups > 6) {
                throw new IllegalArgumentException("backupCount must be 0 to 6: " + backups);
            }
            this.backupCount = backups;
            return this;
        }

        /**
         * A Hazelcast YAML configuration file (a member's or a client's, as the terminal method
         * says) to start from.
         *
         * @param file the file
         * @return this builder
         */
        public Builder yaml(Path file) {
            this.yaml = Objects.requireNonNull(file, "file");
            return this;
        }

        /**
         * The class loader that finds the classes of tasks and values (default: the thread's
         * context class loader): how {@code weft worker --classpath} makes an application's
         * classes available to a member.
         *
         * @param loader the class loader
         * @return this builder
         */
        public Builder classLoader(ClassLoader loader) {
            this.classLoader = Objects.requireNonNull(loader, "loader");
            return this;
        }

        /**
         * Lets this process decode, with Java serialization, classes of {@code packageName} and its
         * subpackages (the JDK's, Weft's and Hazelcast's always are). Tasks' arguments and results
         * of your own classes need their package here, on every member and client.
         *
         * @param packageName a package name, such as {@code com.example.app}
         * @return this builder
         */
        public Builder allowPackage(String packageName) {
            String p = requireText(packageName, "packageName");
            dev.weft.process.internal.wire.ClassAllowlist.builder().allowPackage(p); // refuses the JDK's packages
            allowedPrefixes.add(p + ".");
            return this;
        }

        /**
         * Lets this process decode the class {@code className} with Java serialization.
         *
         * @param className a binary class name
         * @return this builder
         */
        public Builder allowClass(String className) {
            allowedClasses.add(requireText(className, "className"));
            return this;
        }

        /**
         * How long a member may stay silent before the others declare it gone (default 10 seconds).
         * A member whose process ends is noticed at once, when its connections close; this bounds
         * the time for one that hangs or loses its network.
         *
         * @param timeout at least one second
         * @return this builder
         */
        public Builder memberTimeout(Duration timeout) {
            if (timeout.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("memberTimeout must be at least a second: " + timeout);
            }
            this.memberTimeout = timeout;
            return this;
        }

        /**
         * How many times a pool's task is sent before its members' leaving fails it with
         * {@link MemberLeftException} (default 3).
         *
         * @param attempts at least 1
         * @return this builder
         */
        public Builder taskAttempts(int attempts) {
            if (attempts < 1) {
                throw new IllegalArgumentException("taskAttempts must be at least 1: " + attempts);
            }
            this.taskAttempts = attempts;
            return this;
        }

        /**
         * Starts a member in this JVM and joins the cluster. Blocks until it has joined (or formed
         * a cluster of its own).
         *
         * @return the cluster handle
         * @throws UncheckedIOException if the YAML file cannot be read
         * @throws IllegalStateException if Hazelcast cannot start the member
         */
        public Cluster member() {
            Config c = memberConfig();
            CompletableFuture<Cluster> joining = worker ? new CompletableFuture<>() : null;
            if (joining != null) {
                Cluster.worker = joining;
            }
            Cluster cluster;
            try {
                cluster = new Cluster(Hazelcast.newHazelcastInstance(c), c.getClassLoader(), c.getClusterName(), false,
                        taskAttempts);
            } catch (RuntimeException | Error e) {
                if (joining != null) {
                    joining.completeExceptionally(e);
                }
                throw e;
            }
            if (joining != null) {
                joining.complete(cluster);
            }
            return cluster;
        }

        /**
         * Connects to the cluster as a client. Blocks until connected; gives up after
         * {@link #memberTimeout} times two without a member to talk to.
         *
         * @return the cluster handle
         * @throws UncheckedIOException if the YAML file cannot be read
         * @throws IllegalStateException if no member could be reached
         */
        public Cluster client() {
            ClientConfig c = clientConfig();
            return new Cluster(HazelcastClient.newHazelcastClient(c), c.getClassLoader(), c.getClusterName(), true,
                    taskAttempts);
        }

        Config memberConfig() {
            Config c;
            try {
                c = yaml != null ? Config.loadFromFile(readable(yaml).toFile()) : new Config();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the Hazelcast configuration " + yaml, e);
            }
            if (name != null || yaml == null) {
                c.setClusterName(name != null ? name : "weft");
            }
            common(c.getProperties());
            c.setProperty("hazelcast.wait.seconds.before.join", "0");
            c.setProperty("hazelcast.socket.bind.any", "false");
            c.setProperty("hazelcast.max.no.heartbeat.seconds", Long.toString(memberTimeout.toSeconds()));
            c.setProperty("hazelcast.heartbeat.interval.seconds", "1");
            c.setProperty("hazelcast.shutdownhook.policy", "GRACEFUL");
            NetworkConfig n = c.getNetworkConfig();
            String host = bind != null ? bind : yaml == null ? "127.0.0.1" : null;
            if (host != null) {
                n.getInterfaces().setEnabled(true).clear().addInterface(host);
                n.setPublicAddress(null);
            }
            if (port != null || yaml == null) {
                int p = port == null ? 5701 : port == 0 ? freePort(host != null ? host : "127.0.0.1") : port;
                n.setPort(p).setPortAutoIncrement(true).setPortCount(100);
            }
            if (!join.isEmpty() || yaml == null) {
                JoinConfig j = n.getJoin();
                j.getMulticastConfig().setEnabled(false);
                j.getAutoDetectionConfig().setEnabled(false);
                j.getTcpIpConfig().setEnabled(true).setMembers(join.isEmpty()
                        ? List.of((host != null ? host : "127.0.0.1") + ":" + n.getPort())
                        : List.copyOf(join));
            }
            c.setLiteMember(lite || c.isLiteMember());
            if (worker) {
                c.getMemberAttributeConfig().setAttribute(Dispatcher.WORKER_ATTRIBUTE, "true");
                c.getMemberAttributeConfig().setAttribute(Dispatcher.THREADS_ATTRIBUTE, Integer.toString(threads));
            }
            c.getMemberAttributeConfig().setAttribute(Dispatcher.PID_ATTRIBUTE, Long.toString(ProcessHandle.current().pid()));
            c.addExecutorConfig(new ExecutorConfig(Dispatcher.EXECUTOR).setPoolSize(threads).setQueueCapacity(0)
                    .setStatisticsEnabled(false));
            if (backupCount != null) {
                c.getQueueConfig("default").setBackupCount(backupCount);
                c.getMapConfig("default").setBackupCount(backupCount);
            }
            c.getSerializationConfig().setJavaSerializationFilterConfig(filter());
            c.setClassLoader(classLoader != null ? classLoader : Thread.currentThread().getContextClassLoader());
            c.getUserContext().put(Wire.USER_CONTEXT_KEY, allowed());
            return c;
        }

        ClientConfig clientConfig() {
            ClientConfig c;
            try {
                c = yaml != null ? new YamlClientConfigBuilder(readable(yaml).toFile()).build() : new ClientConfig();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the Hazelcast client configuration " + yaml, e);
            }
            if (name != null || yaml == null) {
                c.setClusterName(name != null ? name : "weft");
            }
            common(c.getProperties());
            if (!join.isEmpty() || yaml == null) {
                c.getNetworkConfig().setAddresses(join.isEmpty() ? new ArrayList<>(List.of("127.0.0.1:5701")) : new ArrayList<>(join));
            }
            c.getConnectionStrategyConfig().getConnectionRetryConfig()
                    .setClusterConnectTimeoutMillis(memberTimeout.toMillis() * 2);
            c.getSerializationConfig().setJavaSerializationFilterConfig(filter());
            c.setClassLoader(classLoader != null ? classLoader : Thread.currentThread().getContextClassLoader());
            c.getUserContext().put(Wire.USER_CONTEXT_KEY, allowed());
            return c;
        }

        private Wire.Allowed allowed() {
            List<String> packages = new ArrayList<>();
            for (String prefix : allowedPrefixes) {
                packages.add(prefix.substring(0, prefix.length() - 1));
            }
            return new Wire.Allowed(List.copyOf(allowedClasses), packages);
        }

        private static void common(java.util.Properties p) {
            p.setProperty("hazelcast.phone.home.enabled", "false");
            p.setProperty("hazelcast.logging.type", "jdk");
        }

        private JavaSerializationFilterConfig filter() {
            JavaSerializationFilterConfig f = new JavaSerializationFilterConfig();
            f.getWhitelist().addPrefixes("java.", "[", "dev.weft.", "com.hazelcast.");
            f.getWhitelist().addPrefixes(allowedPrefixes.toArray(String[]::new));
            f.getWhitelist().addClasses(allowedClasses.toArray(String[]::new));
            return f;
        }

        /** A port free on {@code host} now (Hazelcast takes the next one if another process wins it first). */
        private static int freePort(String host) {
            try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(host))) {
                return s.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException("no free port on " + host, e);
            }
        }

        private static Path readable(Path file) throws IOException {
            if (!Files.isReadable(file)) {
                throw new IOException("no readable file " + file);
            }
            return file;
        }

        private static String requireText(String s, String what) {
            if (Objects.requireNonNull(s, what).isBlank()) {
                throw new IllegalArgumentException(what + " must not be blank");
            }
            return s.strip();
        }
    }

    /**
     * A member of the cluster, as seen when asked.
     *
     * @param address its {@code host:port}
     * @param uuid its identity in the cluster
     * @param worker whether it runs tasks
     * @param threads how many tasks it runs at once (0 if it is not a worker)
     * @param pid its process id, or -1 if it did not say
     * @param local whether it is this process
     */
    public record ClusterMember(String address, UUID uuid, boolean worker, int threads, long pid, boolean local) {
        static ClusterMember of(Member m) {
            boolean worker = Dispatcher.isWorker(m);
            return new ClusterMember(m.getAddress().getHost() + ":" + m.getAddress().getPort(), m.getUuid(), worker,
                    worker ? Dispatcher.threads(m) : 0, Dispatcher.pid(m), m.localMember());
        }
    }
}
