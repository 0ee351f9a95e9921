package dev.weft.examples.byexample;

import dev.weft.queue.QueueEmptyException;
import dev.weft.queue.WorkQueue;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;

/**
 * Python Programming by Example, 11.4 "Queue", ch11_05.py: fifteen jobs on a {@code Queue}, and
 * three {@code Worker} threads that take jobs until the queue is empty; the main thread joins
 * them, then waits for Enter.
 *
 * <p>{@code queue.Queue()} becomes {@link WorkQueue#fifo()}. The script asks {@code q.empty()}
 * and then calls {@code q.get()}: with three workers, two can both see one job left, and the one
 * that loses the race blocks in {@code get()} forever (and {@code join()} with it). The port asks
 * and takes in one step: {@link WorkQueue#getNowait()}, whose {@link QueueEmptyException} means
 * there is no job left. The texts keep the script's double spaces.
 *
 * <pre>{@code
 * populate jobs
 * run job 0  from Thread 1
 * run job 1  from Thread 2
 * run job 2  from Thread 3
 * ...
 * run job 14  from Thread 3
 * thread stopped
 * thread stopped
 * thread stopped
 * Press Enter to stop...
 * Done all
 * }</pre>
 * (each worker takes jobs in increasing order; which worker takes which varies.)
 */
public final class QueueWorkers {
    private QueueWorkers() {}

    /** How long each job takes; the script sleeps 1 s. */
    static final Duration JOB_TIME = Duration.ofMillis(20);

    /** The script's {@code Worker(name, q)}. */
    public static final class Worker extends Thread {
        private final WorkQueue<Integer> q;
        private final PrintStream out;

        public Worker(String name, WorkQueue<Integer> q, PrintStream out) {
            super(name);
            this.q = q;
            this.out = out;
        }

        @Override
        public void run() {
            try {
                while (true) {
                    int job;
                    try {
                        job = q.getNowait(); // "if self.q.empty(): ... job = self.q.get()", in one step
                    } catch (QueueEmptyException e) {
                        out.println("thread stopped");
                        break;
                    }
                    out.println("run job " + job + "  from " + getName());
                    Thread.sleep(JOB_TIME);
                    q.taskDone();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        run(System.out, new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset())));
    }

    /** Runs the script, printing to {@code out}; returns after Enter on {@code in}. */
    public static void run(PrintStream out, BufferedReader in) throws IOException, InterruptedException {
        WorkQueue<Integer> q = WorkQueue.fifo();

        // generate jobs
        out.println("populate jobs");
        for (int i = 0; i < 15; i++) {
            q.put(i);
        }

        List<Worker> workers = List.of(
                new Worker("Thread 1", q, out),
                new Worker("Thread 2", q, out),
                new Worker("Thread 3", q, out));
        for (Worker w : workers) {
            w.setDaemon(true);
        }
        for (Worker w : workers) {
            w.start();
        }
        for (Worker w : workers) {
            w.join();
        }

        out.println("Press Enter to stop...");
        in.readLine();
        out.println("Done all");
    }
}
