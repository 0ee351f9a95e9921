package dev.weft.examples.cookbook;

import dev.weft.gen.Generator;
import dev.weft.gen.TaskScheduler;
import java.io.PrintStream;

/**
 * Python Cookbook, 12.12 "Using Generators As an Alternative to Threads", first listings: the
 * generator functions {@code countdown(n)} and {@code countup(n)} run as tasks by a
 * {@code TaskScheduler}, {@code countdown(10)}, {@code countdown(5)} and {@code countup(15)} taking
 * turns at each bare {@code yield}; then {@code sched._task_queue}, empty.
 *
 * <p>A generator function becomes a method returning {@link Generator#of}: its body is the
 * function's, with {@code yield} written {@code y.yield()} ({@code yield} is a keyword in Java). The
 * Cookbook's {@code TaskScheduler} is {@link TaskScheduler}, whose {@code run()} calls
 * {@code next()} on each task in turn, as the recipe's does, and drops a task at its
 * {@code StopIteration}. Python's {@code deque} prints as {@code deque([])}; the scheduler's
 * {@link TaskScheduler#taskQueue()} is a Java list, printed here in the same words. Each task is a
 * real generator with a body on its own virtual thread, but only one of them (or the scheduler)
 * runs at a time: the cooperative switching of the recipe.
 *
 * <pre>{@code
 * T-minus 10
 * T-minus 5
 * Counting up 0
 * T-minus 9
 * T-minus 4
 * Counting up 1
 * T-minus 8
 * T-minus 3
 * Counting up 2
 * T-minus 7
 * T-minus 2
 * Counting up 3
 * T-minus 6
 * T-minus 1
 * Counting up 4
 * T-minus 5
 * Blastoff!
 * Counting up 5
 * T-minus 4
 * Counting up 6
 * T-minus 3
 * Counting up 7
 * T-minus 2
 * Counting up 8
 * T-minus 1
 * Counting up 9
 * Blastoff!
 * Counting up 10
 * Counting up 11
 * Counting up 12
 * Counting up 13
 * Counting up 14
 * deque([])
 * }</pre>
 */
public final class GeneratorTaskScheduler {
    private GeneratorTaskScheduler() {}

    public static void main(String[] args) {
        run(System.out);
    }

    /** {@code def countdown(n)}: prints and yields, n times, then "Blastoff!". */
    static Generator<Void, Void> countdown(PrintStream out, int n) {
        return Generator.of(y -> {
            int i = n;
            while (i > 0) {
                out.println("T-minus " + i);
                y.yield();
                i -= 1;
            }
            out.println("Blastoff!");
        });
    }

    /** {@code def countup(n)}: prints and yields for x from 0 to n - 1. */
    static Generator<Void, Void> countup(PrintStream out, int n) {
        return Generator.of(y -> {
            int x = 0;
            while (x < n) {
                out.println("Counting up " + x);
                y.yield();
                x += 1;
            }
        });
    }

    /** Runs the listing, printing to {@code out}; returns once every task has finished. */
    public static void run(PrintStream out) {
        TaskScheduler sched = new TaskScheduler();
        sched.newTask(countdown(out, 10));
        sched.newTask(countdown(out, 5));
        sched.newTask(countup(out, 15));
        sched.run();

        // In [5]: sched._task_queue
        out.println("deque(" + sched.taskQueue() + ")");
    }
}
