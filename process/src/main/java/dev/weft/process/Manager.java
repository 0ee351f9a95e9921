package dev.weft.process;

import dev.weft.function.SerializableCallable;
import dev.weft.internal.Timeouts;
import dev.weft.process.internal.PrivateDirectory;
import dev.weft.process.internal.hub.HubClient;
import dev.weft.process.internal.hub.ItemCodec;
import dev.weft.process.internal.hub.Packed;
import dev.weft.process.internal.hub.RemoteRef;
import dev.weft.process.internal.hub.Result;
import dev.weft.process.internal.manager.CustomObject;
import dev.weft.process.internal.manager.ListObject;
import dev.weft.process.internal.manager.ManagerServer;
import dev.weft.process.internal.manager.ValueObject;
import dev.weft.process.internal.wire.ClassAllowlist;
import dev.weft.process.internal.wire.FrameWriter;
import dev.weft.process.internal.wire.Handshake;
import java.io.EOFException;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A server of shared objects and the handle to it: Python's {@code multiprocessing.Manager()} and
 * {@code BaseManager}. The server owns dicts, lists, queues, namespaces, values, arrays and objects of
 * the types registered with it; every process that holds a proxy of one of them (handed to it as an
 * argument of a child process or pool task, put on a queue, or made by a {@link #connect}ed
 * manager, from this machine or another) calls the same object.
 *
 * <h2>Where the server runs</h2>
 * {@link #start()} starts it in a child JVM of its own (a daemon {@link Process}: it dies with this
 * process, and {@link #shutdown()} stops it), listening on a Unix-domain socket in that child's
 * private directory, with a new random authkey. {@link Builder#inProcess()} runs it on threads of
 * this JVM instead. {@link Builder#address} makes it listen where you say, such as a TCP address
 * that other machines can reach; {@link #connect} reaches a running server from any process that
 * knows its address and authkey.
 *
 * <h2>Security</h2>
 * Before anything else is read on a connection, both sides prove they know the authkey (mutual
 * HMAC-SHA256 challenge-response; the key never travels). A client with a wrong key gets
 * {@link AuthenticationException}; the server closes that connection and goes on serving the
 * others. Every frame is bounded ({@link Builder#maxFrameSize}); a connection that sends anything
 * but well-formed frames (random bytes, a truncated frame, an oversized length prefix) is closed,
 * and nothing else is affected. The server never decodes the keys, values and items it keeps for
 * clients (they are decoded by the process that gets them, with that process's allowlist); it
 * decodes only the arguments of calls on registered types, and only into the JDK's value types and
 * what {@link Builder#allowClass} and {@link Builder#allowPackage} name. By default it listens on a
 * Unix-domain socket that only this user can open; a TCP address of a non-loopback interface makes
 * it reachable by anyone who can reach that port: keep such a key secret and the network trusted.
 *
 * <h2>Failures</h2>
 * When the server is gone (shut down, exited, killed), every proxy call, including one that was
 * waiting, throws {@link ManagerUnavailableException} at once. When a client dies, even in the
 * middle of a call, the server goes on serving the others; a manager lock its threads held is
 * released.
 *
 * <h2>Lifetimes</h2>
 * Objects live in the server until it shuts down; unlike Python's, the server does not count the
 * proxies and drop objects nobody refers to any more.
 *
 * <p>Thread-safe. Closing a started manager ({@code try}-with-resources) shuts its server down, as
 * Python's {@code with Manager() as m:} does.
 */
public final class Manager implements AutoCloseable {
    /** How long {@link #start()} waits for the server to be ready by default. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);

    /** How long {@link #shutdown()} waits for the server's process to exit before killing it. */
    public static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(10);

    /** Numbers the servers this JVM starts in-process, for their socket names. */
    private static final java.util.concurrent.atomic.AtomicLong SERVERS = new java.util.concurrent.atomic.AtomicLong();

    private final Address address;
    private final byte[] authkey;
    private final long pid;
    private final RemoteRef control;
    private final Set<String> types;
    private final Process process; // null unless started as a child
    private final ManagerServer inProcess; // null unless started in this JVM
    private volatile boolean shutDown;

    private Manager(Address address, byte[] authkey, long pid, RemoteRef control, Set<String> types,
            Process process, ManagerServer inProcess) {
        this.address = address;
        this.authkey = authkey;
        this.pid = pid;
        this.control = control;
        this.types = types;
        this.process = process;
        this.inProcess = inProcess;
    }

    /**
     * Starts a server in a child JVM with a new random authkey: Python's {@code Manager()}. Blocks
     * until it is ready, at most {@link #DEFAULT_START_TIMEOUT}.
     *
     * @return the manager, its server ready
     * @throws ProcessException if it does not start (the message says why: its exit code, or the
     *     timeout)
     * @throws InterruptedException if interrupted while waiting; the child is killed
     */
    public static Manager start() throws InterruptedException {
        return builder().start();
    }

    /**
     * {@return a builder for a manager with an address, authkey, registered types or limits of your choice}
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Connects to the server running at {@code address}: Python's
     * {@code BaseManager(address, authkey).connect()}. Blocks for the connection and one round trip.
     *
     * @param address where the server listens
     * @param authkey the key the server was started with
     * @return a manager that makes objects in that server; closing it leaves the server running
     * @throws AuthenticationException if the server does not accept {@code authkey}
     * @throws ManagerUnavailableException if nothing serves at {@code address}
     * @throws IllegalArgumentException if {@code authkey} is empty
     */
    public static Manager connect(Address address, byte[] authkey) {
        return connect(address, authkey, FrameWriter.DEFAULT_MAX_FRAME_SIZE);
    }

    /**
     * Connects as {@link #connect(Address, byte[])} does, sending frames of at most
     * {@code maxFrameSize} bytes (the bound the server was started with).
     *
     * @param address where the server listens
     * @param authkey the key the server was started with
     * @param maxFrameSize the bound on one frame, as the server's
     * @return a manager that makes objects in that server; closing it leaves the server running
     */
    public static Manager connect(Address address, byte[] authkey, int maxFrameSize) {
        Objects.requireNonNull(address, "address");
        return hello(address, authkey.clone(), maxFrameSize, null, null);
    }

    private static Manager hello(Address address, byte[] authkey, int maxFrameSize, Process process,
            ManagerServer inProcess) {
        byte[] key = Handshake.fromAuthkey(authkey);
        HubClient.frameLimit(address.toString(), maxFrameSize);
        RemoteRef control = new RemoteRef(address.toString(), key, 0, 0, "Manager", 0, 0, RemoteRef.MANAGED);
        Result r = HubClient.of(control).callQuick(control, ManagerServer.HELLO, 0, 0, null)
                .rethrow("the manager at " + address);
        String names = new String(r.body() == null ? new byte[0] : r.body(), StandardCharsets.UTF_8);
        Set<String> types = names.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(names.split("\n")));
        RemoteRef withPid = new RemoteRef(control.address(), key, r.value(), 0, "Manager", 0, 0, RemoteRef.MANAGED);
        return new Manager(address, authkey, r.value(), withPid, types, process, inProcess);
    }

    // ---------------------------------------------------------------- what the server is

    /** {@return where the server listens: Python's {@code manager.address}} */
    public Address address() {
        return address;
    }

    /** {@return a copy of the authkey, to hand to processes that {@link #connect}} */
    public byte[] authkey() {
        return authkey.clone();
    }

    /** {@return the server's process id (this process's, for an in-process server)} */
    public long pid() {
        return pid;
    }

    /** {@return the ids of the types registered with the server} */
    public Set<String> registeredTypes() {
        return types;
    }

    // ---------------------------------------------------------------- making objects

    /**
     * {@return a new, empty dict: Python's {@code manager.dict()}}
     *
     * @param <K> the type of the keys
     * @param <V> the type of the values
     */
    public <K, V> DictProxy<K, V> dict() {
        return new DictProxy<>(create(ManagerServer.DICT, 0, 0));
    }

    /**
     * {@return a new dict holding the mappings of {@code initial}: Python's {@code manager.dict(initial)}}
     *
     * @param <K> the type of the keys
     * @param <V> the type of the values
     * @param initial the mappings to copy in
     */
    public <K, V> DictProxy<K, V> dict(Map<? extends K, ? extends V> initial) {
        DictProxy<K, V> d = dict();
        d.putAll(initial);
        return d;
    }

    /**
     * {@return a new, empty list: Python's {@code manager.list()}}
     *
     * @param <E> the type of the items
     */
    public <E> ListProxy<E> list() {
        return new ListProxy<>(create(ManagerServer.LIST, 0, 0));
    }

    /**
     * {@return a new list holding the items of {@code initial}: Python's {@code manager.list(initial)}}
     *
     * @param <E> the type of the items
     * @param initial the items to copy in
     */
    public <E> ListProxy<E> list(Collection<? extends E> initial) {
        ListProxy<E> l = list();
        l.addAll(initial);
        return l;
    }

    /**
     * {@return a new array of fixed length holding the items of {@code initial}: Python's
     * {@code manager.Array(typecode, sequence)}; its {@code add} and {@code remove} methods throw
     * {@link UnsupportedOperationException}}
     *
     * @param <E> the type of the items
     * @param initial the items, which also fix its length
     */
    public <E> ListProxy<E> array(Collection<? extends E> initial) {
        ListProxy<E> a = new ListProxy<>(create(ManagerServer.ARRAY, 0, 0));
        List<byte[]> items = new ArrayList<>(initial.size());
        for (E e : initial) {
            items.add(ManagedRef.encode(Objects.requireNonNull(e, "item"), "an item"));
        }
        a.target.quick(ListObject.ADD_ALL, -1, 0, Packed.pack(items));
        return a;
    }

    /**
     * {@return a new value holding {@code initial} (may be null): Python's
     * {@code manager.Value(typecode, value)}}
     *
     * @param <T> the type of the value
     * @param initial the value it starts with, may be null
     */
    public <T> ValueProxy<T> value(T initial) {
        ManagedRef ref = create(ManagerServer.VALUE, 0, 0);
        ref.quick(ValueObject.SET, 0, 0, ManagedRef.encode(initial, "a value"));
        return new ValueProxy<>(ref);
    }

    /** {@return a new namespace without attributes: Python's {@code manager.Namespace()}} */
    public Namespace namespace() {
        return new Namespace(create(ManagerServer.NAMESPACE, 0, 0));
    }

    /**
     * {@return a new unbounded queue: Python's {@code manager.Queue()}}
     *
     * @param <E> the type of the items
     */
    public <E> Queue<E> queue() {
        return queue(0);
    }

    /**
     * {@return a new queue of at most {@code maxsize} items (0: unbounded): Python's
     * {@code manager.Queue(maxsize)}} It is a process {@link Queue} whose items the server keeps.
     *
     * @param <E> the type of the items
     * @param maxsize the most items it holds; 0 for no bound
     * @throws IllegalArgumentException if {@code maxsize} is negative
     */
    @SuppressWarnings("unchecked")
    public <E> Queue<E> queue(int maxsize) {
        checkSize(maxsize);
        return (Queue<E>) Queue.resolve(create(ManagerServer.QUEUE, maxsize, 0).ref);
    }

    /**
     * {@return a new unbounded joinable queue: Python's {@code manager.JoinableQueue()}}
     *
     * @param <E> the type of the items
     */
    public <E> JoinableQueue<E> joinableQueue() {
        return joinableQueue(0);
    }

    /**
     * {@return a new joinable queue of at most {@code maxsize} items (0: unbounded)}
     *
     * @param <E> the type of the items
     * @param maxsize the most items it holds; 0 for no bound
     * @throws IllegalArgumentException if {@code maxsize} is negative
     */
    @SuppressWarnings("unchecked")
    public <E> JoinableQueue<E> joinableQueue(int maxsize) {
        checkSize(maxsize);
        return (JoinableQueue<E>) Queue.resolve(create(ManagerServer.JOINABLE_QUEUE, maxsize, 0).ref);
    }

    /** {@return a new lock: Python's {@code manager.Lock()}} */
    public LockProxy lock() {
        return new LockProxy(create(ManagerServer.LOCK, 0, 0));
    }

    /** {@return a new reentrant lock: Python's {@code manager.RLock()}} */
    public LockProxy rLock() {
        return new LockProxy(create(ManagerServer.RLOCK, 0, 0));
    }

    /**
     * {@return a new semaphore of {@code value} permits: Python's {@code manager.Semaphore(value)}}
     *
     * @param value the permits it starts with
     * @throws IllegalArgumentException if {@code value} is negative
     */
    public SemaphoreProxy semaphore(int value) {
        checkSize(value);
        return new SemaphoreProxy(create(ManagerServer.SEMAPHORE, value, 0));
    }

    /**
     * {@return a new semaphore of {@code value} permits that refuses releases beyond that: Python's
     * {@code manager.BoundedSemaphore(value)}}
     *
     * @param value the permits it starts with, which are also the most it may have
     * @throws IllegalArgumentException if {@code value} is negative
     */
    public SemaphoreProxy boundedSemaphore(int value) {
        checkSize(value);
        return new SemaphoreProxy(create(ManagerServer.BOUNDED_SEMAPHORE, value, 0));
    }

    /** {@return a new event, not set: Python's {@code manager.Event()}} */
    public EventProxy event() {
        return new EventProxy(create(ManagerServer.EVENT, 0, 0));
    }

    /** {@return a new condition on a new reentrant lock: Python's {@code manager.Condition()}} */
    public ConditionProxy condition() {
        return rLock().newCondition();
    }

    /**
     * {@return a new condition on {@code lock}, a lock of this manager: Python's
     * {@code manager.Condition(lock)}}
     *
     * @param lock the lock the condition's waiters hold, made by this manager
     * @throws IllegalArgumentException if {@code lock} belongs to another manager
     */
    public ConditionProxy condition(LockProxy lock) {
        if (!lock.target.ref.address().equals(control.address())) {
            throw new IllegalArgumentException(lock + " belongs to another manager");
        }
        return lock.newCondition();
    }

    /**
     * {@return a new barrier for {@code parties} callers, whose waits have no default timeout: Python's
     * {@code manager.Barrier(parties)}}
     *
     * @param parties how many callers each round waits for
     * @throws IllegalArgumentException if {@code parties} is below 1
     */
    public BarrierProxy barrier(int parties) {
        return barrier(parties, null);
    }

    /**
     * {@return a new barrier for {@code parties} callers whose waits last at most {@code timeout} unless
     * given their own: Python's {@code manager.Barrier(parties, timeout=...)}}
     *
     * @param parties how many callers each round waits for
     * @param timeout how long a wait without its own timeout lasts, or null for no limit
     * @throws IllegalArgumentException if {@code parties} is below 1 or {@code timeout} is negative
     */
    public BarrierProxy barrier(int parties, Duration timeout) {
        if (parties < 1) {
            throw new IllegalArgumentException("a barrier needs at least one party: " + parties);
        }
        long nanos = timeout == null ? -1 : Timeouts.toNanos(timeout);
        return new BarrierProxy(create(ManagerServer.BARRIER, parties, nanos));
    }

    /**
     * {@return a proxy of a new object of the type registered as {@code typeId}, through {@code iface}: what
     * Python's {@code manager.TypeId()} returns for a type registered with {@code register}} Each
     * call of a method of {@code iface} on the proxy is a call on the object in the server: the
     * arguments are encoded here and decoded there (only into classes the server allows), the
     * return value the other way. A method that throws in the server throws
     * {@link ProcessException} here, naming the exception's class and message.
     *
     * @param <T> the interface's type
     * @param typeId the id the type was registered with
     * @param iface the interface the proxy implements
     * @throws IllegalArgumentException if no type {@code typeId} is registered, or {@code iface} is
     *     not an interface
     * @throws ProcessException if the type's factory fails in the server
     */
    public <T> T create(String typeId, Class<T> iface) {
        Objects.requireNonNull(typeId, "typeId");
        if (!iface.isInterface()) {
            throw new IllegalArgumentException(iface.getName() + " is not an interface: a proxy implements an interface");
        }
        if (!types.contains(typeId)) {
            throw new IllegalArgumentException("the manager at " + address + " has no type " + typeId
                    + " (registered: " + types + ")");
        }
        ManagedRef ref = create(ManagerServer.CUSTOM + typeId, 0, 0);
        InvocationHandler handler = (proxy, method, args) -> invoke(ref, proxy, method, args);
        return iface.cast(java.lang.reflect.Proxy.newProxyInstance(iface.getClassLoader(), new Class<?>[] {iface}, handler));
    }

    private static Object invoke(ManagedRef ref, Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "Proxy[" + ref + "]";
            };
        }
        List<Object> call = List.of(CustomObject.signature(method), args == null ? List.of() : Arrays.asList(args));
        byte[] reply = ref.call(CustomObject.CALL, 0, 0, ManagedRef.encode(call, "the arguments of " + method.getName()))
                .body();
        return ref.decode(reply);
    }

    ManagedRef create(String kind, long arg1, long arg2) {
        checkRunning();
        Result r = HubClient.of(control).callQuick(control, ManagerServer.CREATE, arg1, arg2,
                kind.getBytes(StandardCharsets.UTF_8)).rethrow("the manager at " + address);
        return new ManagedRef(new RemoteRef(control.address(), control.key(), pid, r.value(), kind, arg1, 0,
                RemoteRef.MANAGED));
    }

    private static void checkSize(int maxsize) {
        if (maxsize < 0) {
            throw new IllegalArgumentException("maxsize must not be negative: " + maxsize);
        }
    }

    private void checkRunning() {
        if (shutDown) {
            throw new ManagerUnavailableException("the manager at " + address + " was shut down");
        }
    }

    // ---------------------------------------------------------------- stopping

    /**
     * Stops the server: Python's {@code shutdown()}. Every proxy of its objects, in any process,
     * throws {@link ManagerUnavailableException} from then on. Waits for a child server's process to
     * exit, at most {@link #SHUTDOWN_WAIT}, then kills it. Idempotent; a no-op if the server is
     * already gone.
     *
     * @throws IllegalStateException if this manager was made by {@link #connect}: only the process
     *     that started a server shuts it down, as in Python
     */
    public void shutdown() {
        if (process == null && inProcess == null) {
            throw new IllegalStateException("only the process that started the manager at " + address + " shuts it down");
        }
        if (shutDown) {
            return;
        }
        shutDown = true;
        try {
            HubClient.of(control).callQuick(control, ManagerServer.SHUTDOWN, 0, 0, null);
        } catch (ObjectUnavailableException | AuthenticationException alreadyGone) {
            // nothing to stop
        }
        if (inProcess != null) {
            inProcess.close();
        }
        if (process != null) {
            boolean interrupted = false;
            try {
                if (!process.join(SHUTDOWN_WAIT)) {
                    process.kill();
                    process.join(SHUTDOWN_WAIT);
                }
            } catch (InterruptedException e) {
                interrupted = true;
                process.kill();
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Shuts a started manager's server down ({@link #shutdown()}); does nothing for a
     * {@link #connect}ed one, whose server goes on serving.
     */
    @Override
    public void close() {
        if (process != null || inProcess != null) {
            shutdown();
        }
    }

    @Override
    public String toString() {
        return "Manager[" + address + ", pid " + pid + (shutDown ? ", shut down" : "") + "]";
    }

    // ---------------------------------------------------------------- builder

    /**
     * What a manager is started with. Not thread-safe; each {@link #start()} starts a new server.
     */
    public static final class Builder {
        private Address address;
        private byte[] authkey;
        private int maxFrameSize = FrameWriter.DEFAULT_MAX_FRAME_SIZE;
        private boolean inProcess;
        private ChildJvm jvm = ChildJvm.defaults();
        private Duration startTimeout = DEFAULT_START_TIMEOUT;
        private final List<ManagerServer.Registration> types = new ArrayList<>();
        private final Set<String> allowClasses = new LinkedHashSet<>();
        private final Set<String> allowPackages = new LinkedHashSet<>();

        private Builder() {}

        /**
         * Where the server listens (default: a Unix-domain socket in its process's private
         * directory). A TCP address other than loopback makes it reachable from other machines.
         *
         * @param address where to listen
         * @return this builder
         */
        public Builder address(Address address) {
            this.address = Objects.requireNonNull(address, "address");
            return this;
        }

        /**
         * The authkey clients must know (default: 32 new random bytes); copied.
         *
         * @param authkey the key, at least one byte
         * @return this builder
         * @throws IllegalArgumentException if it is empty
         */
        public Builder authkey(byte[] authkey) {
            if (authkey.length == 0) {
                throw new IllegalArgumentException("authkey must not be empty");
            }
            this.authkey = authkey.clone();
            return this;
        }

        /**
         * The bound on every frame, either way (default 64 MiB): a larger item fails alone, before
         * it is sent; a client announcing a larger frame has its connection closed.
         *
         * @param maxFrameSize the bound, in bytes
         * @return this builder
         * @throws IllegalArgumentException if below 1 KiB
         */
        public Builder maxFrameSize(int maxFrameSize) {
            if (maxFrameSize < 1024) {
                throw new IllegalArgumentException("maxFrameSize must be at least 1024 bytes: " + maxFrameSize);
            }
            this.maxFrameSize = maxFrameSize;
            return this;
        }

        /**
         * Runs the server on daemon threads of this JVM instead of in a child process.
         *
         * @return this builder
         */
        public Builder inProcess() {
            this.inProcess = true;
            return this;
        }

        /**
         * The JVM of the server's child process.
         *
         * @param jvm the child JVM's options, properties and output
         * @return this builder
         */
        public Builder jvm(ChildJvm jvm) {
            this.jvm = Objects.requireNonNull(jvm, "jvm");
            return this;
        }

        /**
         * How long {@link #start()} waits for the server to be ready.
         *
         * @param timeout the longest {@link #start()} waits
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder startTimeout(Duration timeout) {
            Timeouts.toNanos(timeout);
            this.startTimeout = timeout;
            return this;
        }

        /**
         * Registers a type: Python's {@code BaseManager.register(typeid, callable)}. Clients get
         * proxies of its objects through {@link Manager#create(String, Class)}; {@code factory} makes
         * each object, in the server. The packages of {@code iface} and of the factory are allowed
         * for decoding in the server, so that calls may carry their own types.
         *
         * @param <T> the interface's type
         * @param typeId the type's id, a non-empty single line
         * @param iface the interface its proxies implement
         * @param factory makes each object, in the server
         * @return this builder
         * @throws IllegalArgumentException if {@code iface} is not an interface or {@code typeId}
         *     is taken
         */
        public <T> Builder register(String typeId, Class<T> iface, SerializableCallable<? extends T> factory) {
            Objects.requireNonNull(typeId, "typeId");
            Objects.requireNonNull(factory, "factory");
            if (!iface.isInterface()) {
                throw new IllegalArgumentException(iface.getName() + " is not an interface: a proxy implements an interface");
            }
            if (typeId.isEmpty() || typeId.contains("\n")) {
                throw new IllegalArgumentException("a type id must be a non-empty single line: " + typeId);
            }
            for (ManagerServer.Registration r : types) {
                if (r.typeId().equals(typeId)) {
                    throw new IllegalArgumentException("type " + typeId + " is registered already");
                }
            }
            types.add(new ManagerServer.Registration(typeId, iface.getName(), factory));
            allowOwnPackage(iface);
            allowOwnPackage(factory.getClass());
            return this;
        }

        private void allowOwnPackage(Class<?> c) {
            String name = c.getName();
            int lambda = name.indexOf("$$Lambda");
            String pkg = c.getPackageName();
            if (pkg.isEmpty() || ClassAllowlist.isProtectedPackage(pkg + ".")) {
                allowClasses.add(lambda > 0 ? name.substring(0, lambda) : name);
            } else {
                allowPackages.add(pkg);
            }
        }

        /**
         * Lets the server decode {@code type} in the arguments of calls on registered types.
         *
         * @param type the class to allow
         * @return this builder
         */
        public Builder allowClass(Class<?> type) {
            allowClasses.add(type.getName());
            return this;
        }

        /**
         * Lets the server decode the classes of {@code packageName} in the arguments of calls on
         * registered types.
         *
         * @param packageName the package to allow, with its subpackages
         * @return this builder
         * @throws IllegalArgumentException if it is not a package name, or is a JDK package
         */
        public Builder allowPackage(String packageName) {
            ClassAllowlist.builder().allowPackage(packageName); // validates
            allowPackages.add(packageName);
            return this;
        }

        /**
         * Starts the server and waits until it is ready, at most the start timeout.
         *
         * @return the manager, its server ready
         * @throws ProcessException if it does not start (it cannot listen at the address, its
         *     process exited first, or the timeout passed; the child is then killed)
         * @throws InterruptedException if interrupted while waiting; the child is killed
         */
        public Manager start() throws InterruptedException {
            byte[] key = authkey != null ? authkey : Handshake.newKey();
            ManagerServer.Settings settings = new ManagerServer.Settings(
                    address == null ? null : address.toString(), Handshake.fromAuthkey(key), maxFrameSize,
                    List.copyOf(types), List.copyOf(allowClasses), List.copyOf(allowPackages));
            if (inProcess) {
                ManagerServer.Settings here = address != null ? settings : withDefaultAddress(settings);
                ManagerServer server = ManagerServer.start(here);
                try {
                    return hello(server.address(), key, maxFrameSize, null, server);
                } catch (RuntimeException e) {
                    server.close();
                    throw e;
                }
            }
            return startChild(settings, key);
        }

        private static ManagerServer.Settings withDefaultAddress(ManagerServer.Settings s) {
            // A short name: a Unix-domain socket's path may have at most 107 bytes.
            return new ManagerServer.Settings(Address.unix(PrivateDirectory.socket("manager-"
                    + SERVERS.incrementAndGet() + ".sock")).toString(), s.key(), s.maxFrameSize(), s.types(),
                    s.allowClasses(), s.allowPackages());
        }

        private Manager startChild(ManagerServer.Settings settings, byte[] key) throws InterruptedException {
            // The child decodes the settings and the factories: allow their classes there.
            List<String> classes = new ArrayList<>(allowClasses);
            classes.add(ManagerServer.Settings.class.getName());
            classes.add(ManagerServer.Registration.class.getName());
            ItemCodec.allow(classes, allowPackages);
            Pipe pipe = Pipe.open(false);
            Connection ready = pipe.first();
            Connection report = pipe.second();
            Process child = new Process("weft-manager", () -> serveInChild(settings, report)).daemon(true).jvm(jvm);
            try {
                child.start();
            } finally {
                report.close();
            }
            try {
                if (!ready.poll(startTimeout)) {
                    child.kill();
                    throw new ProcessException("the manager's server did not start within " + startTimeout);
                }
                Object hello = ready.recv();
                if (hello instanceof String failure) {
                    child.join(SHUTDOWN_WAIT);
                    throw new ProcessException("the manager's server could not start: " + failure);
                }
                List<?> addressAndPid = (List<?>) hello;
                Address at = Address.parse((String) addressAndPid.get(0));
                return hello(at, key, maxFrameSize, child, null);
            } catch (EOFException e) {
                child.join(SHUTDOWN_WAIT);
                throw new ProcessException("the manager's server process exited before it was ready (exit code "
                        + child.exitCode().stream().mapToObj(Integer::toString).findFirst().orElse("unknown") + ")", e);
            } catch (IOException e) {
                child.kill();
                throw new ProcessException("cannot hear from the manager's server: " + e.getMessage(), e);
            } catch (InterruptedException | RuntimeException e) {
                child.kill();
                throw e;
            } finally {
                ready.close();
            }
        }

        /** Runs in the child: serves until shut down, after telling the parent where it listens. */
        private static void serveInChild(ManagerServer.Settings settings, Connection report) throws Exception {
            ManagerServer server;
            try {
                server = ManagerServer.start(settings.address() != null ? settings : withDefaultAddress(settings));
            } catch (RuntimeException e) {
                report.send(e.getMessage() == null ? e.toString() : e.getMessage());
                report.close();
                return;
            }
            report.send(List.of(server.address().toString(), ProcessHandle.current().pid()));
            report.close();
            server.awaitShutdown();
        }
    }
}
