package dev.weft.gen;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.Cleaner;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.LockSupport;

/**
 * The machinery of one generator: its state, its body's thread, and the hand-off between that
 * thread and whichever thread resumes it. It never refers to its {@link Generator} facade, so the
 * facade can become unreachable while the body's thread is parked here, and the facade's
 * {@link Cleaner} action ({@link #abandon()}) then closes the body.
 *
 * <h2>The hand-off</h2>
 * Exactly one of the resuming caller and the body runs at a time. {@link #bodyTurn} (volatile)
 * says which: the caller writes its request ({@link #request}, {@link #requestValue},
 * {@link #requestInterrupt}, {@link #waiter}) with plain writes, sets {@code bodyTurn = true},
 * unparks the body's thread and parks until {@code bodyTurn} is false; the body writes its response
 * the same way, sets {@code bodyTurn = false}, unparks the waiter and parks until {@code bodyTurn}
 * is true. The volatile write and read of {@code bodyTurn} order everything each side did before
 * handing over before everything the other side does after taking over. Spurious wake-ups, stale
 * permits and stray interrupts only make a side look at {@code bodyTurn} again.
 *
 * <h2>Who may resume</h2>
 * {@link #state} (volatile, CAS) is the public state. A resume claims the generator by moving it
 * from CREATED or SUSPENDED to RUNNING; a second, overlapping resume (from another thread, or from
 * the body itself) finds RUNNING and fails with "generator already executing". The claiming caller
 * moves it to SUSPENDED or CLOSED after it has read the body's response, so the response fields are
 * never overwritten before they are read. The peeked value of {@code hasNext()} and the return
 * value are guarded the same way.
 */
final class GeneratorCore<Y, S> implements Yielder<Y, S> {

    static final int CREATED = 0;
    static final int RUNNING = 1;
    static final int SUSPENDED = 2;
    static final int CLOSED = 3;

    /** Requests to the body. */
    static final int SEND = 0;
    static final int THROW = 1;
    static final int CLOSE = 2;

    /** Responses to the caller. */
    private static final int YIELDED = 0;
    private static final int RETURNED = 1;
    private static final int RAISED = 2;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(GeneratorCore.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The body threads' factory; virtual threads, named for thread dumps. */
    private static final ThreadFactory THREADS = Thread.ofVirtual().name("weft-generator").factory();

    /**
     * Spinning before parking: a side that waits for the other spins a little before it parks, since
     * a park and unpark cost microseconds, and a generator resumed in a loop usually answers within
     * one. Each side adapts its own spinning: a spin that ended with the other side's answer doubles
     * the next one (up to {@code MAX_SPINS}, a few tens of microseconds), a spin that ended in a park
     * halves it; so a generator resumed only now and then soon stops spinning and costs no CPU while
     * it waits. A platform caller spins; a virtual one parks at once (its park frees the carrier
     * for the body). Nobody spins on a single processor. The system property
     * {@code weft.gen.maxSpins} sets the bound (0: never spin).
     */
    static final int MAX_SPINS = Runtime.getRuntime().availableProcessors() > 1
            ? Integer.getInteger("weft.gen.maxSpins", 1 << 10) : 0;
    private static final int MIN_SPINS = Math.min(16, MAX_SPINS);
    private static final int FIRST_SPINS = Math.min(64, MAX_SPINS);

    private static int adapt(int spins, boolean answered) {
        return answered ? Math.min(MAX_SPINS, Math.max(MIN_SPINS, spins << 1)) : spins >> 1;
    }

    private static final System.Logger LOG = System.getLogger("dev.weft.gen");

    /** Made on first use, so that a program without generators has no cleaner thread. */
    private static final class Cleaners {
        static final Cleaner CLEANER = Cleaner.create(r -> {
            Thread t = new Thread(r, "weft-generator-cleaner");
            t.setDaemon(true);
            return t;
        });
    }

    private final Generator.ReturningBody<Y, S> body;

    private volatile int state = CREATED;
    private volatile boolean bodyTurn;

    // Written by the claiming caller before the hand-off (or before the start).
    private Thread bodyThread;
    private Cleaner.Cleanable cleanable;
    private Thread waiter;
    private int request;
    private Object requestValue;
    private boolean requestInterrupt;

    // Written by the body before it hands back.
    private int response;
    private Object responseValue;
    private boolean responseInterrupt;

    // Guarded by the state claim.
    private Object peeked;
    private boolean hasPeeked;
    private Object returnValue;

    /** How long the next wait of each side spins; see {@link #MAX_SPINS}. Racy hints only. */
    private int callerSpins = FIRST_SPINS;
    private int bodySpins = FIRST_SPINS;

    /** Set by {@link #abandon()}: nobody waits for the body any more. Read by the body only. */
    private boolean abandoned;

    GeneratorCore(Generator.ReturningBody<Y, S> body) {
        this.body = Objects.requireNonNull(body, "body");
    }

    // ------------------------------------------------------------------ caller side

    int state() {
        return state;
    }

    /** The body's return value, once CLOSED; the volatile read of {@code state} publishes it. */
    Object returnValue() {
        if (state != CLOSED) {
            throw new IllegalStateException("generator has not finished: " + stateName(state));
        }
        return returnValue;
    }

    static String stateName(int s) {
        return s == CREATED ? "CREATED" : s == RUNNING ? "RUNNING" : s == SUSPENDED ? "SUSPENDED" : "CLOSED";
    }

    private boolean claim(int from) {
        return STATE.compareAndSet(this, from, RUNNING);
    }

    /**
     * Resumes the body with a request and returns what it yields; see {@link Generator} for what
     * each request does in each state.
     *
     * @param facade the generator, registered with the cleaner when the body starts
     * @param peek for {@code hasNext()}: keep the yielded value for the next {@code next()} (and
     *     return a value kept already without taking it)
     */
    @SuppressWarnings("unchecked")
    Y resume(Object facade, int kind, Object value, boolean peek) {
        for (;;) {
            int s = state;
            if (s == RUNNING) {
                throw new IllegalStateException("generator already executing");
            } else if (s == CLOSED) {
                if (kind == CLOSE) {
                    return null;
                }
                if (kind == THROW) {
                    throw rethrow((Throwable) value); // Python raises it at once
                }
                throw new StopIteration();
            } else if (s == CREATED) {
                if (kind == SEND && value != null) {
                    throw new IllegalStateException("can't send non-None value to a just-started generator");
                }
                if (kind != SEND) {
                    // close() or throwInto() before the start: the body never runs.
                    if (STATE.compareAndSet(this, CREATED, CLOSED)) {
                        if (kind == THROW) {
                            throw rethrow((Throwable) value);
                        }
                        return null;
                    }
                    continue;
                }
                if (claim(CREATED)) {
                    start(facade);
                    return awaitResponse(kind, peek);
                }
            } else if (claim(SUSPENDED)) {
                if (hasPeeked) {
                    Object p = peeked;
                    if (kind == SEND) {
                        if (value != null) {
                            state = SUSPENDED;
                            throw new IllegalStateException(
                                    "can't send a value while a value fetched by hasNext() waits for next()");
                        }
                        if (!peek) {
                            peeked = null;
                            hasPeeked = false;
                        }
                        state = SUSPENDED;
                        return (Y) p;
                    }
                    peeked = null; // throwInto or close: the fetched value is dropped
                    hasPeeked = false;
                }
                handOver(kind, value);
                return awaitResponse(kind, peek);
            }
        }
    }

    /**
     * Whether a value is waiting for {@code next()}, fetching it if need be: runs the body to its
     * next yield and keeps the value, or returns false if the generator is (or becomes) exhausted.
     */
    boolean fetch(Object facade) {
        if (state == CLOSED) {
            return false;
        }
        try {
            resume(facade, SEND, null, true);
            return true;
        } catch (StopIteration e) {
            return false;
        }
    }

    private void start(Object facade) {
        boolean interrupted = false;
        try {
            cleanable = Cleaners.CLEANER.register(facade, this::abandon);
            Thread t = THREADS.newThread(this::runBody);
            bodyThread = t;
            request = SEND;
            requestValue = null;
            interrupted = Thread.interrupted();
            requestInterrupt = interrupted;
            waiter = Thread.currentThread();
            bodyTurn = true; // Thread.start() orders these writes before the body's first action too
            t.start();
        } catch (Throwable e) {
            // Could not start a thread (out of memory): the body never runs.
            bodyTurn = false;
            state = CLOSED;
            if (cleanable != null) {
                cleanable.clean();
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            throw e;
        }
    }

    private void handOver(int kind, Object value) {
        request = kind;
        requestValue = value;
        requestInterrupt = Thread.interrupted();
        waiter = Thread.currentThread();
        bodyTurn = true;
        LockSupport.unpark(bodyThread);
    }

    @SuppressWarnings("unchecked")
    private Y awaitResponse(int kind, boolean peek) {
        boolean interrupted = false;
        if (!Thread.currentThread().isVirtual()) {
            // A platform thread's park and unpark cost microseconds each; a virtual one's little.
            int spins = callerSpins;
            int i = spins;
            while (i > 0 && bodyTurn) {
                Thread.onSpinWait();
                i--;
            }
            callerSpins = adapt(spins, !bodyTurn);
        }
        while (bodyTurn) {
            LockSupport.park(this);
            if (Thread.interrupted()) {
                // Pass it on, so that a blocking call in the body can see it; keep it too.
                interrupted = true;
                bodyThread.interrupt();
            }
        }
        int r = response;
        Object v = responseValue;
        responseValue = null;
        if (interrupted || responseInterrupt) {
            Thread.currentThread().interrupt();
        }
        if (r == YIELDED) {
            if (peek) {
                peeked = v;
                hasPeeked = true;
            }
            state = SUSPENDED;
            if (kind == CLOSE) {
                throw new IllegalStateException("generator ignored GeneratorExit");
            }
            return (Y) v;
        }
        if (r == RETURNED) {
            returnValue = v;
        }
        finish();
        if (r == RETURNED) {
            if (kind == CLOSE) {
                return null;
            }
            throw new StopIteration(v);
        }
        Throwable t = (Throwable) v;
        if (kind == CLOSE && t instanceof GeneratorExit) {
            return null;
        }
        throw raised(t);
    }

    private void finish() {
        state = CLOSED;
        cleanable.clean(); // the thread is ending: nothing left to clean
    }

    /** What the caller gets for what the body threw. */
    private static RuntimeException raised(Throwable t) {
        if (t instanceof StopIteration) {
            return new GeneratorFailedException("generator raised StopIteration", t);
        }
        return rethrow(t);
    }

    /** Throws an unchecked throwable as it is; returns a wrapper for a checked one. */
    static RuntimeException rethrow(Throwable t) {
        Objects.requireNonNull(t, "throwable");
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new GeneratorFailedException("generator raised " + t, t);
    }

    /**
     * The cleaner's action, on the cleaner's thread, once the facade is unreachable (or from
     * {@link #finish()}, when there is nothing left to do): closes a suspended body without waiting
     * for it. Its thread runs the body's {@code finally} blocks and ends on its own.
     */
    void abandon() {
        for (;;) {
            int s = state;
            if (s == CLOSED || s == RUNNING) {
                return; // RUNNING: a caller holds the facade (reachabilityFence); it will finish
            }
            if (s == CREATED) {
                if (STATE.compareAndSet(this, CREATED, CLOSED)) {
                    return;
                }
            } else if (claim(SUSPENDED)) {
                peeked = null;
                request = CLOSE;
                requestValue = null;
                requestInterrupt = false;
                waiter = null;
                abandoned = true;
                bodyTurn = true;
                LockSupport.unpark(bodyThread);
                return;
            }
        }
    }

    // ------------------------------------------------------------------ body side

    private void runBody() {
        Object result = null;
        Throwable failure = null;
        try {
            awaitRequest(); // the first one: SEND null
            result = body.run(this);
        } catch (Throwable t) {
            failure = t;
        } finally {
            if (abandoned) {
                state = CLOSED;
                if (failure != null && !(failure instanceof GeneratorExit)) {
                    LOG.log(System.Logger.Level.WARNING,
                            "exception ignored in a generator closed by the garbage collector", failure);
                }
            }
            if (failure != null) {
                respond(RAISED, failure);
            } else {
                respond(RETURNED, result);
            }
        }
    }

    private void checkBodyThread() {
        if (Thread.currentThread() != bodyThread || !bodyTurn) {
            throw new IllegalStateException("a Yielder can be used only by its generator's running body");
        }
    }

    private void respond(int kind, Object value) {
        response = kind;
        responseValue = value;
        responseInterrupt = Thread.interrupted();
        Thread w = waiter;
        waiter = null;
        bodyTurn = false;
        if (w != null) {
            LockSupport.unpark(w);
        }
    }

    /** Parks the body until it is resumed; returns the request kind. */
    private int awaitRequest() {
        int spins = bodySpins;
        int i = spins;
        while (i > 0 && !bodyTurn) {
            Thread.onSpinWait();
            i--;
        }
        bodySpins = adapt(spins, bodyTurn);
        while (!bodyTurn) {
            LockSupport.park(this);
            Thread.interrupted(); // a stray: the interrupt that matters comes with the request
        }
        if (requestInterrupt) {
            Thread.currentThread().interrupt();
        }
        return request;
    }

    /** Hands {@code value} to the caller and returns the request it resumes with. */
    private int yieldRaw(Object value) {
        respond(YIELDED, value);
        if (abandoned) {
            LOG.log(System.Logger.Level.WARNING,
                    "generator ignored GeneratorExit when closed by the garbage collector; its thread stays parked");
        }
        return awaitRequest();
    }

    private Object takeRequestValue() {
        Object v = requestValue;
        requestValue = null;
        return v;
    }

    @Override
    @SuppressWarnings("unchecked")
    public S yield(Y value) {
        checkBodyThread();
        int kind = yieldRaw(value);
        Object v = takeRequestValue();
        if (kind == SEND) {
            return (S) v;
        }
        if (kind == THROW) {
            throw GeneratorCore.<RuntimeException>sneaky((Throwable) v);
        }
        throw new GeneratorExit();
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object yieldFrom(Generator<? extends Y, ? super S> sub) {
        Objects.requireNonNull(sub, "sub");
        checkBodyThread();
        Generator<? extends Y, Object> g = (Generator<? extends Y, Object>) sub;
        try {
            Y v = g.next();
            for (;;) {
                int kind = yieldRaw(v);
                Object r = takeRequestValue();
                if (kind == SEND) {
                    v = g.send(r);
                } else if (kind == THROW && !(r instanceof GeneratorExit)) {
                    v = g.throwInto((Throwable) r);
                } else {
                    g.close();
                    throw kind == THROW ? (GeneratorExit) r : new GeneratorExit();
                }
            }
        } catch (StopIteration e) {
            return e.value();
        } catch (GeneratorFailedException e) {
            Throwable c = e.getCause();
            if (c instanceof Exception && !(c instanceof RuntimeException)) {
                throw GeneratorCore.<RuntimeException>sneaky(c);
            }
            throw e;
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object yieldFrom(Iterable<? extends Y> items) {
        Objects.requireNonNull(items, "items");
        if (items instanceof Generator<?, ?> g) {
            return yieldFrom((Generator<? extends Y, ? super S>) g);
        }
        checkBodyThread();
        Iterator<? extends Y> it = items.iterator();
        while (it.hasNext()) {
            if (this.yield(it.next()) != null) {
                throw new UnsupportedOperationException(
                        "can't send a value to a plain iterator (yieldFrom of an Iterable that is not a Generator)");
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T sneaky(Throwable t) throws T {
        throw (T) t;
    }
}
