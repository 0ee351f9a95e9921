package dev.weft.examples.recipes;

import dev.weft.sched.Scheduler;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Seed 000 (recipes, ch. 10 "Concurrency"), recipe 10-8 "Scheduling Events", Listing 10-10
 * "Creating a Scheduler": a scheduler, an event entered with a delay, and the text's
 * {@code enterabs()}, {@code queue} and {@code run()}.
 *
 * <p>{@code sched.scheduler()} becomes {@link Scheduler#Scheduler() new Scheduler()}, whose clock
 * is {@code System.nanoTime()}; {@code my_sched.enter(10, 1, print_time)} becomes
 * {@code enter(Duration, 1, Runnable)} with the function as a lambda, and returns an
 * {@link Scheduler.Event} that prints as Python's does. Python's {@code argument=(...)} tuple
 * becomes the typed overloads that take a {@code Consumer} and its argument. {@code enterabs}
 * takes a time on the scheduler's own scale ({@code my_sched.time()} plus nanoseconds), so two
 * events can share a time exactly, and then the lower priority number goes first. The
 * {@code queue} property is {@code queue()}, an immutable list in the order {@code run()} will
 * take the events; {@code run()} blocks until the queue is empty.
 *
 * <p>Output (the event's time and action, and the milliseconds, vary from run to run; each event
 * runs no earlier than its time):
 * <pre>{@code
 * my_sched.enter(...) returned Event(time=81234567890123, priority=1, sequence=0, action=dev.weft.examples.recipes.SchedulingEvents$$Lambda/0x...@..., arguments=[])
 * queue, in the order run() will take it (times after print_time's):
 *   +0 ms, priority 0, sequence 1, arguments [reminder]
 *   +0 ms, priority 1, sequence 0, arguments []
 *   +20 ms, priority 1, sequence 2, arguments [goodbye]
 * reminder: 21 ms after the scheduler was created
 * print_time: 21 ms after the scheduler was created
 * goodbye: 41 ms after the scheduler was created
 * run() returned; queue empty: true
 * }</pre>
 */
public final class SchedulingEvents {
    private SchedulingEvents() {}

    /** How long {@code print_time} waits; the seed's {@code my_sched.enter(10, 1, print_time)} waits 10 seconds. */
    static final Duration DELAY = Duration.ofMillis(20);

    public static void main(String[] args) throws InterruptedException {
        run(System.out);
    }

    /** Runs the listing, printing to {@code out}; returns once every event has run. */
    public static void run(PrintStream out) throws InterruptedException {
        Scheduler mySched = new Scheduler();
        long created = mySched.time();

        Scheduler.Event printTime = mySched.enter(DELAY, 1, () -> printTime(out, mySched, created));
        out.println("my_sched.enter(...) returned " + printTime);

        // "If you want to have an event trigger at a specific time instead, you can use the enterabs() method."
        mySched.enterabs(printTime.time(), 0, name -> say(out, mySched, created, name), "reminder");
        mySched.enterabs(printTime.time() + DELAY.toNanos(), 1, name -> say(out, mySched, created, name), "goodbye");

        // "You can always check the current queue with the scheduler's queue attribute."
        out.println("queue, in the order run() will take it (times after print_time's):");
        for (Scheduler.Event e : mySched.queue()) {
            out.println("  +" + (e.time() - printTime.time()) / 1_000_000 + " ms, priority " + e.priority()
                    + ", sequence " + e.sequence() + ", arguments " + e.arguments());
        }

        // "Force your code to stop and wait until all the events have finished with the run() method."
        mySched.run();
        out.println("run() returned; queue empty: " + mySched.empty());
    }

    /** The seed prints {@code time.time()}; printing the time since the start makes the delay visible. */
    static void printTime(PrintStream out, Scheduler sched, long created) {
        say(out, sched, created, "print_time");
    }

    static void say(PrintStream out, Scheduler sched, long created, String name) {
        out.println(name + ": " + (sched.time() - created) / 1_000_000 + " ms after the scheduler was created");
    }
}
