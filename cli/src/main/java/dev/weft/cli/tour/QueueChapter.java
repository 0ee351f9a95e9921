package dev.weft.cli.tour;

import static dev.weft.cli.tour.Clock.ms;
import static dev.weft.cli.tour.Clock.perSecond;

import dev.weft.queue.QueueShutDownException;
import dev.weft.queue.Queues;
import dev.weft.queue.WorkQueue;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/** Work queues with Python's semantics: {@code dev.weft.queue}. */
final class QueueChapter implements Chapter {

    @Override
    public String name() {
        return "queue";
    }

    @Override
    public String title() {
        return "work queues: FIFO, LIFO and priority, taskDone/join, shutdown, select";
    }

    @Override
    public void run(PrintWriter out) throws Exception {
        producerConsumer(out);
        priorityTies(out);
        shutdown(out);
        select(out);
    }

    /** The seeds' producer/consumer with task accounting. */
    private static void producerConsumer(PrintWriter out) throws InterruptedException {
        int n = 1_000_000;
        WorkQueue<Integer> q = WorkQueue.fifo(1024);
        long[] sum = {0};
        long t0 = System.nanoTime();
        Thread consumer = Thread.ofPlatform().daemon().start(() -> {
            try {
                for (;;) {
                    sum[0] += q.get();
                    q.taskDone();
                }
            } catch (QueueShutDownException | InterruptedException e) {
                // the end
            }
        });
        for (int i = 0; i < n; i++) {
            q.put(i);
        }
        q.join();
        long took = System.nanoTime() - t0;
        q.shutdown();
        consumer.join();
        out.printf(Locale.ROOT, "producer/consumer: %d items through WorkQueue.fifo(1024), taskDone each, join:"
                + " %s, %s, sum %s%n", n, ms(took), perSecond(n, took, "items"),
                sum[0] == (long) n * (n - 1) / 2 ? "right" : "WRONG");
    }

    /** A priority queue where equal priorities come out in put order. */
    private static void priorityTies(PrintWriter out) throws InterruptedException {
        record Job(int priority, String name) {}
        WorkQueue<Job> q = WorkQueue.priority(Comparator.comparingInt(Job::priority), 0);
        for (Job j : List.of(new Job(2, "backup"), new Job(1, "page"), new Job(2, "report"),
                new Job(1, "alert"), new Job(3, "cleanup"), new Job(2, "index"))) {
            q.put(j);
        }
        List<String> order = new ArrayList<>();
        while (!q.empty()) {
            Job j = q.get();
            order.add(j.priority() + ":" + j.name());
        }
        out.println("priority queue, ties in put order (Python leaves ties unordered): " + String.join(" ", order));
    }

    /** Python 3.13's shutdown: consumers drain what is left, then stop, nothing lost. */
    private static void shutdown(PrintWriter out) throws InterruptedException {
        int n = 30_000, consumers = 3;
        WorkQueue<Integer> q = WorkQueue.fifo();
        for (int i = 0; i < n; i++) {
            q.put(i);
        }
        AtomicLong got = new AtomicLong(), ended = new AtomicLong();
        long t0 = System.nanoTime();
        q.shutdown();
        Thread[] threads = new Thread[consumers];
        for (int c = 0; c < consumers; c++) {
            threads[c] = Thread.ofPlatform().start(() -> {
                try {
                    for (;;) {
                        q.get();
                        got.incrementAndGet();
                    }
                } catch (QueueShutDownException e) {
                    ended.incrementAndGet();
                } catch (InterruptedException e) {
                    // not here
                }
            });
        }
        for (Thread t : threads) {
            t.join();
        }
        out.printf(Locale.ROOT, "shutdown(): %d consumers drained %d of %d items left in the queue, then each got"
                + " QueueShutDownException (%d of %d), %s%n", consumers, got.get(), n, ended.get(), consumers,
                ms(System.nanoTime() - t0));
    }

    /** Queues.select: one thread serves three queues without polling. */
    private static void select(PrintWriter out) throws InterruptedException {
        List<WorkQueue<String>> queues = List.of(WorkQueue.fifo(), WorkQueue.fifo(), WorkQueue.fifo());
        int[] sent = {3000, 2000, 1000};
        long t0 = System.nanoTime();
        List<Thread> producers = new ArrayList<>();
        for (int k = 0; k < queues.size(); k++) {
            WorkQueue<String> q = queues.get(k);
            int count = sent[k];
            producers.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < count; i++) {
                    q.add("item");
                }
            }));
        }
        int[] received = new int[queues.size()];
        int total = 0;
        int wakeups = 0;
        while (total < 6000) {
            List<WorkQueue<?>> ready = Queues.select(Duration.ofSeconds(10), queues);
            wakeups++;
            for (WorkQueue<?> q : ready) {
                int k = queues.indexOf(q);
                while (q.poll() != null) {
                    received[k]++;
                    total++;
                }
            }
        }
        for (Thread t : producers) {
            t.join();
        }
        out.printf(Locale.ROOT, "Queues.select over 3 queues fed by 3 threads: received %d, %d, %d items in %d"
                + " wake-ups, %s, no polling%n", received[0], received[1], received[2], wakeups,
                ms(System.nanoTime() - t0));
    }
}
