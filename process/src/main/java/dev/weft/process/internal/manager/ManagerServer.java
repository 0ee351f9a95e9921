package dev.weft.process.internal.manager;

import dev.weft.function.SerializableCallable;
import dev.weft.process.Address;
import dev.weft.process.ProcessException;
import dev.weft.process.internal.hub.Call;
import dev.weft.process.internal.hub.Hub;
import dev.weft.process.internal.hub.HubObject;
import dev.weft.process.internal.hub.ItemCodec;
import dev.weft.process.internal.hub.QueueObject;
import dev.weft.process.internal.hub.RemoteRef;
import dev.weft.process.internal.hub.Result;
import java.io.Serial;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A manager's server: a {@link Hub} at the manager's address, admitting clients that know its
 * authkey, whose object 0 is this control object. Clients ask it to {@link #CREATE} objects, which
 * it makes and exports; from then on they call those objects directly. Not API.
 *
 * <pre>
 *  HELLO                → value: the server's pid; body: the registered type ids, one per line
 *  CREATE  body: kind   → value: the new object's id
 *          arg1, arg2: the kind's numbers (a maxsize, a count, a lock id, a timeout)
 *  SHUTDOWN             → OK; then the server closes every connection and stops
 * </pre>
 */
public final class ManagerServer implements HubObject {
    public static final int HELLO = 1;
    public static final int CREATE = 2;
    public static final int SHUTDOWN = 3;

    /** The kinds of object a manager makes, as {@link RemoteRef#kind()} names them. */
    public static final String DICT = "Manager.dict";
    public static final String LIST = "Manager.list";
    public static final String ARRAY = "Manager.array";
    public static final String NAMESPACE = "Manager.Namespace";
    public static final String VALUE = "Manager.Value";
    public static final String LOCK = "Manager.Lock";
    public static final String RLOCK = "Manager.RLock";
    public static final String SEMAPHORE = "Manager.Semaphore";
    public static final String BOUNDED_SEMAPHORE = "Manager.BoundedSemaphore";
    public static final String EVENT = "Manager.Event";
    /** arg1: the id of its lock. */
    public static final String CONDITION = "Manager.Condition";
    public static final String BARRIER = "Manager.Barrier";
    /** Followed by the type id. */
    public static final String CUSTOM = "Manager.custom:";
    /** The queue kinds are those of the process queues, whose handles work on any hub. */
    public static final String QUEUE = "Queue";
    public static final String JOINABLE_QUEUE = "JoinableQueue";

    /**
     * A type the user registered.
     *
     * @param typeId its name
     * @param iface the binary name of the interface its proxies implement
     * @param factory what makes an object of it, in the server
     */
    public record Registration(String typeId, String iface, SerializableCallable<?> factory) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
    }

    /**
     * What a server is started with.
     *
     * @param address where to listen, in {@link Address}'s text form
     * @param key the wire key (the authkey's digest)
     * @param maxFrameSize the bound on every frame
     * @param types the registered types
     * @param allowClasses classes the server may decode in calls on registered types
     * @param allowPackages packages likewise
     */
    public record Settings(String address, byte[] key, int maxFrameSize, List<Registration> types,
                           List<String> allowClasses, List<String> allowPackages) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
    }

    private final Hub hub;
    private final Map<String, Registration> types = new HashMap<>();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private ManagerServer(Settings settings) {
        for (Registration r : settings.types()) {
            types.put(r.typeId(), r);
        }
        ItemCodec.allow(settings.allowClasses(), settings.allowPackages());
        this.hub = new Hub(Address.parse(settings.address()), settings.key(), settings.maxFrameSize(), RemoteRef.MANAGED);
    }

    /**
     * Starts serving, in this process, on daemon threads.
     *
     * @throws ProcessException if it cannot listen
     */
    public static ManagerServer start(Settings settings) {
        ManagerServer server = new ManagerServer(settings);
        server.hub.serveControl(server);
        return server;
    }

    /** Where it listens. */
    public Address address() {
        return hub.address();
    }

    /** Waits until a client asked it to shut down, or {@link #close} was called. */
    public void awaitShutdown() throws InterruptedException {
        stopped.await();
    }

    /**
     * Stops serving: every connection closes, so every proxy fails at once. Idempotent. Returns
     * only once the server is closed, its socket file removed: synchronized because a client's
     * SHUTDOWN closes it on a thread of its own while the owner's {@code Manager.shutdown()} closes
     * it too, and the hub's own close returns at once to a second caller.
     */
    public synchronized void close() {
        hub.close();
        stopped.countDown();
    }

    @Override
    public Result handle(Call call) throws Exception {
        return switch (call.op()) {
            case HELLO -> new Result(Result.OK, ProcessHandle.current().pid(),
                    String.join("\n", types.keySet()).getBytes(StandardCharsets.UTF_8));
            case CREATE -> {
                String kind = new String(call.body(), StandardCharsets.UTF_8);
                yield call.async(() -> create(kind, call.arg1(), call.arg2())); // a user's factory may block
            }
            case SHUTDOWN -> {
                // Reply first; the caller's reply frame is queued before the connections close.
                Thread.ofVirtual().name("weft-manager-shutdown").start(this::close);
                yield Result.ok();
            }
            default -> Result.failure(Result.ILLEGAL_ARGUMENT, "a manager has no op " + call.op());
        };
    }

    private Result create(String kind, long arg1, long arg2) throws Exception {
        HubObject made = switch (kind) {
            case DICT, NAMESPACE -> new DictObject();
            case LIST -> new ListObject(false);
            case ARRAY -> new ListObject(true);
            case VALUE -> new ValueObject(ItemCodec.encode(null));
            case QUEUE, JOINABLE_QUEUE -> new QueueObject(intArg(arg1, "maxsize"));
            case LOCK -> new LockObject(false);
            case RLOCK -> new LockObject(true);
            case SEMAPHORE -> new SemaphoreObject(intArg(arg1, "value"), false);
            case BOUNDED_SEMAPHORE -> new SemaphoreObject(intArg(arg1, "value"), true);
            case EVENT -> new EventObject();
            case CONDITION -> {
                if (!(hub.lookup(arg1) instanceof LockObject lock)) {
                    throw new IllegalArgumentException("object " + arg1 + " is not a lock of this manager");
                }
                yield new ConditionObject(lock);
            }
            case BARRIER -> new BarrierObject(intArg(arg1, "parties"), arg2); // arg2: default timeout, negative for none
            default -> {
                if (!kind.startsWith(CUSTOM) || !types.containsKey(kind.substring(CUSTOM.length()))) {
                    throw new IllegalArgumentException("this manager has no type " + kind.replace(CUSTOM, "")
                            + " (registered: " + types.keySet() + ")");
                }
                Registration r = types.get(kind.substring(CUSTOM.length()));
                Class<?> iface = Class.forName(r.iface(), true, ManagerServer.class.getClassLoader());
                Object target = r.factory().call();
                if (!iface.isInstance(target)) {
                    throw new IllegalStateException("the factory of " + r.typeId() + " made a "
                            + target.getClass().getName() + ", which is not a " + r.iface());
                }
                yield new CustomObject(iface, target);
            }
        };
        return Result.ok(hub.export(made));
    }

    private static int intArg(long n, String what) {
        if (n < 0 || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(what + " out of range: " + n);
        }
        return (int) n;
    }
}
