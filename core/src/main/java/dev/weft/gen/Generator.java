package dev.weft.gen;

import java.lang.ref.Reference;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * A generator: a body of ordinary sequential code that yields values one at a time and is resumed
 * by its user between them, Python's generator object. The body is a lambda that receives a
 * {@link Yielder}; {@code y.yield(v)} is Python's {@code yield v}, and its result is what the user
 * sends in.
 *
 * <pre>{@code
 * // def countdown(n):                      // def echo():
 * //     while n > 0:                       //     got = yield 'ready'
 * //         yield n                        //     while got is not None:
 * //         n -= 1                         //         got = yield f'got {got}'
 * Generator<Integer, Void> countdown(int n) {
 *     return Generator.of(y -> {
 *         for (int i = n; i > 0; i--) {
 *             y.yield(i);
 *         }
 *     });
 * }
 *
 * for (int i : countdown(3)) { ... }         // 3, 2, 1
 *
 * Generator<String, Integer> echo = Generator.of(y -> {
 *     Integer got = y.yield("ready");
 *     while (got != null) {
 *         got = y.yield("got " + got);
 *     }
 * });
 * echo.next();                               // "ready"   (Python: next(echo))
 * echo.send(7);                              // "got 7"   (echo.send(7))
 * }</pre>
 *
 * <table>
 *   <caption>Python to Weft</caption>
 *   <tr><th>Python</th><th>Weft</th></tr>
 *   <tr><td>a generator function, {@code gen = f()}</td>
 *       <td>{@link #of Generator.of(y -> ...)}; {@link #returning Generator.returning(y -> ...)} for a
 *       body that ends with {@code return x}</td></tr>
 *   <tr><td>{@code yield v}, {@code yield}, {@code yield from sub}</td>
 *       <td>{@link Yielder#yield(Object) y.yield(v)}, {@link Yielder#yield() y.yield()},
 *       {@link Yielder#yieldFrom(Generator) y.yieldFrom(sub)}</td></tr>
 *   <tr><td>{@code next(gen)}, {@code gen.send(v)}, {@code gen.throw(e)}, {@code gen.close()}</td>
 *       <td>{@link #next()}, {@link #send}, {@link #throwInto}, {@link #close()}</td></tr>
 *   <tr><td>{@code for v in gen:}</td><td>{@code for (Y v : gen)} (a generator is its own
 *       {@link Iterator})</td></tr>
 *   <tr><td>{@code StopIteration}, {@code .value}</td>
 *       <td>{@link StopIteration} (a {@link NoSuchElementException}), {@link StopIteration#value()};
 *       also {@link #returnValue()}</td></tr>
 *   <tr><td>{@code GeneratorExit}</td><td>{@link GeneratorExit}</td></tr>
 *   <tr><td>{@code inspect.getgeneratorstate(gen)}</td><td>{@link #state()}</td></tr>
 *   <tr><td>{@code ValueError: generator already executing}, {@code RuntimeError: generator ignored
 *       GeneratorExit}, {@code TypeError: can't send non-None value to a just-started generator}</td>
 *       <td>{@link IllegalStateException} with the same message</td></tr>
 * </table>
 *
 * <h2>Threads and the hand-off</h2>
 * The body runs on a virtual thread of its own, started at the first {@code next()} (or
 * {@code send(null)}, or {@code hasNext()}). Exactly one of the body and the thread that resumed it
 * runs at any time: a resume hands control to the body and blocks until the body yields, returns
 * or throws; a yield hands control back and blocks the body until the next resume. So the body's
 * code and the caller's code never run at the same time, as in Python, and the body may use the
 * caller's unsynchronized objects. Memory visibility: actions of a thread before it resumes a
 * generator happen-before the actions of the body after the yield (or start) it resumes from, and
 * actions of the body before it yields, returns or throws happen-before the actions of the resuming
 * thread after its call returns or throws. The hand-off parks and unparks the two threads on a
 * volatile flag, spinning briefly first: a round trip ({@code next()} to the body's next yield)
 * costs about a microsecond from a virtual thread, and from a platform thread, whose park is a
 * system call, a fraction of a microsecond when a core is free to spin on and several microseconds
 * when not.
 *
 * <p>A generator may be resumed from any thread, one call at a time: a call that overlaps a running
 * one, whether from another thread or from the generator's own body, throws
 * {@code IllegalStateException("generator already executing")}, as Python raises
 * {@code ValueError}; it does not wait. Successive calls from different threads need no other
 * synchronization: the generator's state is volatile, and the same happens-before order holds.
 *
 * <p>Interrupts: the resuming methods never throw {@link InterruptedException} and never return
 * before the body yields or ends. For interrupts, the body behaves as if it ran on the caller's
 * thread: the caller's interrupt status goes with control to the body's thread when it resumes the
 * body, an interrupt of the caller while it waits is passed on to the body's thread (so a
 * {@code sleep} or a blocking call in the body throws {@code InterruptedException}, which the body
 * handles or lets escape), and the body's interrupt status when it yields or ends comes back to the
 * caller. An interrupt is never lost: a caller interrupted while it waited has its interrupt status
 * set when its call returns. A body that ignores interrupts keeps its caller waiting, as a method
 * that ignores them does; there is no timed {@code next}, since a body cannot be left running
 * halfway to its yield.
 *
 * <h2>Exceptions</h2>
 * What the body throws reaches the caller of the resuming method: an unchecked exception or error
 * as it is (the same object, with the body's stack trace), a checked exception wrapped in a
 * {@link GeneratorFailedException}; the generator is then closed. A {@link StopIteration} escaping
 * the body becomes a {@code GeneratorFailedException} (Python's PEP 479). The body's thread cannot
 * end without handing control back: whatever ends the body, its caller returns or throws.
 *
 * <h2>Closing, and generators that are dropped</h2>
 * {@link #close()} raises {@link GeneratorExit} in the body at its paused yield, so its
 * {@code finally} blocks run and its thread ends. A suspended generator that becomes unreachable is
 * closed the same way by a {@link java.lang.ref.Cleaner}: its body sees {@code GeneratorExit}, runs
 * its {@code finally} blocks on its own thread, and the thread ends; nobody waits for it, and what
 * it throws other than {@code GeneratorExit} is logged (logger {@code dev.weft.gen}, level
 * {@code WARNING}), as Python prints "Exception ignored". The body's thread refers only to the
 * generator's internals, not to the {@code Generator} object; a body that itself refers to its own
 * {@code Generator} keeps it reachable, and so is never cleaned. A generator that was never started
 * has no thread and needs no cleaning. {@code Generator} is {@link AutoCloseable}, so
 * try-with-resources closes one that may not be exhausted.
 *
 * @param <Y> the type of the values yielded
 * @param <S> the type of the values sent in ({@link Void} for a generator that is only iterated)
 */
public final class Generator<Y, S> implements Iterator<Y>, Iterable<Y>, AutoCloseable {

    /**
     * The body of a generator that returns no value: the code of a Python generator function.
     *
     * @param <Y> the type of the values yielded
     * @param <S> the type of the values sent in
     */
    @FunctionalInterface
    public interface Body<Y, S> {
        /**
         * Runs the body, yielding through {@code y}.
         *
         * @param y the yielder of this body
         * @throws Exception anything; it reaches the caller of the resuming method
         */
        void run(Yielder<Y, S> y) throws Exception;
    }

    /**
     * The body of a generator that returns a value, Python's {@code return x} in a generator
     * function; the value reaches the caller in {@link StopIteration#value()} and
     * {@link Generator#returnValue()}, and a delegating body as the result of
     * {@link Yielder#yieldFrom(Generator)}.
     *
     * @param <Y> the type of the values yielded
     * @param <S> the type of the values sent in
     */
    @FunctionalInterface
    public interface ReturningBody<Y, S> {
        /**
         * Runs the body, yielding through {@code y}.
         *
         * @param y the yielder of this body
         * @return the generator's return value; may be {@code null}
         * @throws Exception anything; it reaches the caller of the resuming method
         */
        Object run(Yielder<Y, S> y) throws Exception;
    }

    private final GeneratorCore<Y, S> core;

    private Generator(GeneratorCore<Y, S> core) {
        this.core = core;
    }

    /**
     * Makes a generator whose body returns no value. Nothing runs yet: the body starts at the first
     * {@link #next()}.
     *
     * @param body the generator's code
     * @param <Y> the type of the values yielded
     * @param <S> the type of the values sent in
     * @return a new generator, {@link GeneratorState#CREATED}
     * @throws NullPointerException if {@code body} is null
     */
    public static <Y, S> Generator<Y, S> of(Body<Y, S> body) {
        Objects.requireNonNull(body, "body");
        return new Generator<>(new GeneratorCore<>(y -> {
            body.run(y);
            return null;
        }));
    }

    /**
     * Makes a generator whose body returns a value (Python's {@code return x} in a generator).
     * Nothing runs yet: the body starts at the first {@link #next()}.
     *
     * @param body the generator's code
     * @param <Y> the type of the values yielded
     * @param <S> the type of the values sent in
     * @return a new generator, {@link GeneratorState#CREATED}
     * @throws NullPointerException if {@code body} is null
     */
    public static <Y, S> Generator<Y, S> returning(ReturningBody<Y, S> body) {
        return new Generator<>(new GeneratorCore<>(body));
    }

    /**
     * Resumes the body until its next yield and returns the value yielded: Python's
     * {@code next(gen)}, the same as {@code send(null)}. The first call starts the body. Blocks
     * while the body runs (see the class comment for interrupts).
     *
     * <p>If {@link #hasNext()} has already fetched a value, returns that value without running the
     * body.
     *
     * @return the value yielded
     * @throws StopIteration if the body returns (carrying its return value) or the generator is
     *     already closed; it is a {@link NoSuchElementException}, as {@link Iterator#next()} requires
     * @throws IllegalStateException if the generator is already executing (this call overlaps
     *     another, or comes from the generator's own body)
     * @throws GeneratorFailedException if the body throws a checked exception or a
     *     {@code StopIteration}
     * @throws RuntimeException or {@link Error}: what the body throws, as it is
     */
    @Override
    public Y next() {
        try {
            return core.resume(this, GeneratorCore.SEND, null, false);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /**
     * Resumes the body, making its paused {@code y.yield(...)} return {@code value}, and returns the
     * next value it yields: Python's {@code gen.send(value)}. {@code send(null)} is {@link #next()}.
     * A just-started generator must be sent {@code null} first, since no yield is waiting for a
     * value yet. Blocks while the body runs.
     *
     * @param value the value for the body; may be {@code null}
     * @return the next value yielded
     * @throws StopIteration if the body returns (carrying its return value) or the generator is
     *     already closed
     * @throws IllegalStateException if {@code value} is non-null and the generator has not started
     *     ("can't send non-None value to a just-started generator"), or a value fetched by
     *     {@link #hasNext()} is still waiting for {@code next()}, or the generator is already
     *     executing
     * @throws GeneratorFailedException if the body throws a checked exception or a
     *     {@code StopIteration}
     * @throws RuntimeException or {@link Error}: what the body throws, as it is
     */
    public Y send(S value) {
        try {
            return core.resume(this, GeneratorCore.SEND, value, false);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /**
     * Throws {@code exception} inside the body, at the yield where it is paused, and returns the
     * next value the body yields if it catches it: Python's {@code gen.throw(exception)}. The
     * throwable is raised as it is, checked or not (a body catches a checked one with
     * {@code catch (Exception e)}, since {@code yield} does not declare it). If the body does not
     * catch it, it propagates to the caller of this method (an unchecked one as it is, a checked one
     * wrapped in {@link GeneratorFailedException}) and the generator is closed.
     *
     * <p>On a generator that has not started, the body never runs: the generator is closed and
     * {@code exception} thrown at once, as on a closed one. A value fetched by {@link #hasNext()}
     * and not yet taken is dropped. Blocks while the body runs.
     *
     * @param exception what to raise in the body
     * @return the next value yielded, if the body catches {@code exception} and yields
     * @throws StopIteration if the body catches it and returns
     * @throws IllegalStateException if the generator is already executing
     * @throws GeneratorFailedException if what escapes the body is a checked exception or a
     *     {@code StopIteration}
     * @throws RuntimeException or {@link Error}: {@code exception}, or whatever else the body throws
     * @throws NullPointerException if {@code exception} is null
     */
    public Y throwInto(Throwable exception) {
        Objects.requireNonNull(exception, "exception");
        try {
            return core.resume(this, GeneratorCore.THROW, exception, false);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /**
     * Closes the generator: Python's {@code gen.close()}. If it is suspended, raises
     * {@link GeneratorExit} in the body at the paused yield and blocks until the body ends, so its
     * {@code finally} blocks run and its thread ends. Does nothing if it is closed already; a
     * generator that has not started is only marked closed (its body never runs). If the body
     * catches the {@code GeneratorExit} and returns a value, that value becomes
     * {@link #returnValue()} (Python 3.13's {@code close()} returns it).
     *
     * @throws IllegalStateException if the body catches the {@code GeneratorExit} and yields again
     *     ("generator ignored GeneratorExit"; the generator stays suspended there, as in Python), or
     *     if the generator is already executing
     * @throws GeneratorFailedException if the body throws a checked exception while closing
     * @throws RuntimeException or {@link Error}: what the body throws while closing, other than
     *     {@code GeneratorExit}
     */
    @Override
    public void close() {
        try {
            core.resume(this, GeneratorCore.CLOSE, null, false);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /**
     * Returns whether the generator will yield another value, running the body up to its next yield
     * to find out (as {@code next()} would) and keeping the value for the next {@link #next()}. Once
     * it has returned {@code true}, it does not run the body again until {@code next()} has taken
     * the value.
     *
     * @return {@code true} if {@code next()} will return a value, {@code false} if the generator is
     *     exhausted or closed
     * @throws IllegalStateException if the generator is already executing
     * @throws GeneratorFailedException or what the body throws, as {@link #next()}
     */
    @Override
    public boolean hasNext() {
        try {
            return core.fetch(this);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /**
     * Returns this generator: like Python's, a generator is its own iterator, so it can be iterated
     * only once.
     */
    @Override
    public Iterator<Y> iterator() {
        return this;
    }

    /** {@return where the generator is in its life: Python's {@code inspect.getgeneratorstate}} */
    public GeneratorState state() {
        return switch (core.state()) {
            case GeneratorCore.CREATED -> GeneratorState.CREATED;
            case GeneratorCore.RUNNING -> GeneratorState.RUNNING;
            case GeneratorCore.SUSPENDED -> GeneratorState.SUSPENDED;
            default -> GeneratorState.CLOSED;
        };
    }

    /**
     * Returns the value the body returned (Python's {@code StopIteration.value}): what a
     * {@link #returning} body returned, or {@code null} if the body returned none, threw, or was
     * closed without returning a value.
     *
     * @return the return value, or {@code null}
     * @throws IllegalStateException if the generator is not {@link GeneratorState#CLOSED} yet
     */
    public Object returnValue() {
        return core.returnValue();
    }

    @Override
    public String toString() {
        return "Generator@" + Integer.toHexString(System.identityHashCode(this)) + "[" + state() + "]";
    }
}
