package dev.weft.gen;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Actors without threads: generators that receive messages through {@code send}, scheduled by one
 * message queue. The Python Cookbook's {@code ActorScheduler} (12.12, "Using Generators As an
 * Alternative to Threads").
 *
 * <p>An actor is a generator whose body waits for each message at a yield. {@link #newActor}
 * registers it under a name and queues the {@code null} that starts it; {@link #send} queues a
 * message for the actor of that name; {@link #run()} delivers the queued messages in order, one
 * {@link Generator#send} each, until the queue is empty. An actor may send messages (to others or to
 * itself) while it handles one: they go to the back of the queue, so deep message chains need no
 * deep stack.
 *
 * <pre>{@code
 * // def printer():
 * //     while True:
 * //         msg = yield
 * //         print('Got:', msg)
 * ActorScheduler<Integer> sched = new ActorScheduler<>();
 * sched.newActor("printer", Generator.<Void, Integer>of(y -> {
 *     while (true) {
 *         Integer msg = y.yield();
 *         System.out.println("Got: " + msg);
 *     }
 * }));
 * sched.newActor("counter", Generator.<Void, Integer>of(y -> {
 *     while (true) {
 *         int n = y.yield();
 *         if (n == 0) {
 *             break;
 *         }
 *         sched.send("printer", n);
 *         sched.send("counter", n - 1);   // the next count, to itself
 *     }
 * }));
 * sched.send("counter", 7);
 * sched.run();                           // Got: 7 ... Got: 1
 * }</pre>
 *
 * <p>Semantics are the Cookbook's: a message for a name with no actor is dropped ({@code send}
 * returns {@code false}, where Python says nothing); an actor that finishes stays registered, and
 * what is sent to it later is dropped when delivered (its {@link StopIteration} is caught); any
 * other exception an actor throws ends {@code run()} with that exception, leaving the undelivered
 * messages queued. Registering a name again replaces the actor it names.
 *
 * <p>Threads: a scheduler is not thread-safe, like Python's; use it from one thread at a time. An
 * actor's body may call {@link #send} and {@link #newActor} while {@code run()} delivers to it: the
 * body runs only while {@code run()} waits for it, and the generator's hand-off orders their memory
 * effects.
 *
 * @param <M> the type of the messages
 */
public final class ActorScheduler<M> {

    private record Delivery<M>(Generator<?, ? super M> actor, M message) {}

    private final Map<String, Generator<?, ? super M>> actors = new HashMap<>();
    private final ArrayDeque<Delivery<M>> msgQueue = new ArrayDeque<>();

    /** Makes a scheduler with no actors. */
    public ActorScheduler() {}

    /**
     * Registers an actor under {@code name} and queues the {@code null} message that starts it (a
     * generator's first send must be {@code null}): Python's {@code new_actor(name, actor)}.
     *
     * @param name the actor's name
     * @param actor a generator that takes each message at a yield
     * @throws NullPointerException if {@code name} or {@code actor} is null
     */
    public void newActor(String name, Generator<?, ? super M> actor) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(actor, "actor");
        msgQueue.addLast(new Delivery<>(actor, null));
        actors.put(name, actor);
    }

    /**
     * Queues {@code msg} for the actor named {@code name}, if there is one: Python's
     * {@code send(name, msg)}. Never blocks; the message is delivered by {@link #run()}.
     *
     * @param name the actor's name
     * @param msg the message; may be {@code null} (delivered as {@code next()})
     * @return {@code true} if it was queued, {@code false} if no actor has that name (the message is
     *     dropped, as in the Cookbook)
     * @throws NullPointerException if {@code name} is null
     */
    public boolean send(String name, M msg) {
        Generator<?, ? super M> actor = actors.get(Objects.requireNonNull(name, "name"));
        if (actor == null) {
            return false;
        }
        msgQueue.addLast(new Delivery<>(actor, msg));
        return true;
    }

    /**
     * Delivers the queued messages in order until none is left, each with
     * {@link Generator#send}; an actor that has finished ignores its messages. Blocks while an actor
     * runs.
     *
     * @throws RuntimeException or {@link Error}: what an actor throws, as {@code send} reports it;
     *     the messages not yet delivered stay queued
     */
    public void run() {
        while (!msgQueue.isEmpty()) {
            Delivery<M> d = msgQueue.pollFirst();
            try {
                d.actor().send(d.message());
            } catch (StopIteration e) {
                // that actor has finished
            }
        }
    }

    /** {@return how many messages wait to be delivered} */
    public int pending() {
        return msgQueue.size();
    }

    @Override
    public String toString() {
        return "ActorScheduler[" + actors.size() + " actors, " + msgQueue.size() + " messages]";
    }
}
