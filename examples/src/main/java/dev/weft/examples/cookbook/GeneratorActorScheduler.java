package dev.weft.examples.cookbook;

import dev.weft.gen.ActorScheduler;
import dev.weft.gen.Generator;
import java.io.PrintStream;

/**
 * Python Cookbook, 12.12 "Using Generators As an Alternative to Threads", "a thread free version of
 * actors": an {@code ActorScheduler} with a {@code printer()} actor and a {@code counter(sched)}
 * actor; {@code sched.send('counter', 7)} starts a chain in which the counter sends each count to
 * the printer and the next count to itself, down to 0.
 *
 * <p>The recipe's class is {@link ActorScheduler}, with messages typed as {@code Integer}; each
 * actor is a {@link Generator} whose body takes its messages at {@code y.yield()} (Python's
 * {@code msg = yield}), and {@code new_actor} is {@code newActor}. The counter's messages to itself
 * go to the back of the scheduler's queue, so the chain is a loop, not a recursion. The printer
 * never ends, as in the recipe: it stays suspended at its {@code yield}, and once the scheduler and
 * it are unreachable a {@code Cleaner} closes it (Python's garbage collector does the same).
 *
 * <pre>{@code
 * Got: 7
 * Got: 6
 * Got: 5
 * Got: 4
 * Got: 3
 * Got: 2
 * Got: 1
 * }</pre>
 */
public final class GeneratorActorScheduler {
    private GeneratorActorScheduler() {}

    public static void main(String[] args) {
        run(System.out);
    }

    /** {@code def printer()}: prints every message it is sent. */
    static Generator<Void, Integer> printer(PrintStream out) {
        return Generator.of(y -> {
            while (true) {
                Integer msg = y.yield();
                out.println("Got: " + msg);
            }
        });
    }

    /** {@code def counter(sched)}: sends n to the printer and n - 1 to itself, until n is 0. */
    static Generator<Void, Integer> counter(ActorScheduler<Integer> sched) {
        return Generator.of(y -> {
            while (true) {
                int n = y.yield();
                if (n == 0) {
                    break;
                }
                sched.send("printer", n);
                // Send the next count to the counter task (recursive)
                sched.send("counter", n - 1);
            }
        });
    }

    /** Runs the listing, printing to {@code out}; returns once no message is left. */
    public static void run(PrintStream out) {
        ActorScheduler<Integer> sched = new ActorScheduler<>();

        // Create the initial actors
        sched.newActor("printer", printer(out));
        sched.newActor("counter", counter(sched));

        // Send an initial message to the counter to initiate
        sched.send("counter", 7);
        sched.run();
    }
}
