package dev.weft.gen;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;

/**
 * Runs generators as cooperative tasks, round robin: the Python Cookbook's {@code TaskScheduler}
 * (12.12, "Using Generators As an Alternative to Threads"). Each task runs until its next yield,
 * then goes to the back of the queue; a task whose generator is exhausted leaves it.
 *
 * <pre>{@code
 * // def countdown(n):
 * //     while n > 0:
 * //         print('T-minus', n)
 * //         yield
 * //         n -= 1
 * //     print('Blastoff!')
 * static Generator<Void, Void> countdown(int n) {
 *     return Generator.of(y -> {
 *         for (int i = n; i > 0; i--) {
 *             System.out.println("T-minus " + i);
 *             y.yield();
 *         }
 *         System.out.println("Blastoff!");
 *     });
 * }
 *
 * TaskScheduler sched = new TaskScheduler();
 * sched.newTask(countdown(10));
 * sched.newTask(countdown(5));
 * sched.run();                  // T-minus 10, T-minus 5, T-minus 9, T-minus 4, ...
 * sched.taskQueue();            // [] (Python: deque([]))
 * }</pre>
 *
 * <p>As in the Cookbook, {@link #run()} catches only the end of a task ({@link StopIteration}): an
 * exception a task throws ends {@code run()} with that exception (as {@link Generator#next()}
 * reports it); that task is finished, and the other tasks stay queued for a later {@code run()}.
 *
 * <p>Threads: a scheduler is not thread-safe, like Python's; use it from one thread at a time. A
 * task's body may call {@link #newTask} while {@code run()} runs it: the body runs only while
 * {@code run()} waits for it, and the generator's hand-off orders their memory effects.
 */
public final class TaskScheduler {

    private final ArrayDeque<Generator<?, ?>> taskQueue = new ArrayDeque<>();

    /** Makes a scheduler with no tasks. */
    public TaskScheduler() {}

    /**
     * Adds a task at the back of the queue: Python's {@code new_task(task)}.
     *
     * @param task the generator to run
     * @throws NullPointerException if {@code task} is null
     */
    public void newTask(Generator<?, ?> task) {
        taskQueue.addLast(Objects.requireNonNull(task, "task"));
    }

    /**
     * Runs the tasks round robin until none is left: takes the first task, runs it until its next
     * yield ({@link Generator#next()}) and puts it at the back, or drops it if it is exhausted.
     * Returns when the queue is empty. Blocks while a task runs.
     *
     * @throws RuntimeException or {@link Error}: what a task throws, as {@code next()} reports it;
     *     that task is not requeued, the others stay queued
     */
    public void run() {
        while (!taskQueue.isEmpty()) {
            Generator<?, ?> task = taskQueue.pollFirst();
            try {
                // run until the next yield statement
                task.next();
                taskQueue.addLast(task);
            } catch (StopIteration e) {
                // this task is done
            }
        }
    }

    /**
     * Returns the queued tasks, first to run first: the Cookbook's {@code sched._task_queue}. A
     * snapshot; changing it does not change the scheduler.
     *
     * @return the tasks waiting to run, empty once {@link #run()} has returned normally
     */
    public List<Generator<?, ?>> taskQueue() {
        return List.copyOf(taskQueue);
    }

    @Override
    public String toString() {
        return "TaskScheduler[" + taskQueue.size() + " tasks]";
    }
}
