package dev.weft.examples.effective;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;

/**
 * Effective Python, Item 37 "Use Threads for Blocking I/O, Avoid for Parallelism", second
 * listing: five calls of {@code slow_systemcall()}, a 0.1 s blocking system call
 * ({@code select.select([], [], [], 0.1)}), one after the other and then in five threads,
 * timing both.
 *
 * <p>{@code select.select} with nothing to watch becomes {@link Selector#select(long)} on a
 * {@link Selector} with no channels: it blocks in the operating system ({@code epoll_wait} on
 * Linux) for 100 ms. Serially the five calls take about 0.5 s; in threads, about 0.1 s, in Java as
 * in Python, since a thread blocked in a system call holds nothing the others need.
 *
 * <pre>{@code
 * Took 0.503 seconds
 * Took 0.102 seconds
 * }</pre>
 */
public final class SlowSystemCallThreads {
    private SlowSystemCallThreads() {}

    /** The book's 0.1 s, in milliseconds. */
    static final long SYSTEM_CALL_MILLIS = 100;

    static void slowSystemcall() {
        try (Selector selector = Selector.open()) {
            selector.select(SYSTEM_CALL_MILLIS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void main(String[] args) throws InterruptedException {
        run(System.out);
    }

    /** Runs the listing, printing to {@code out}; returns once every thread has ended. */
    public static void run(PrintStream out) throws InterruptedException {
        long start = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            slowSystemcall();
        }
        long end = System.nanoTime();
        out.println(FactorizeSerialVsThreads.took(start, end));

        start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Thread thread = Thread.ofPlatform().unstarted(SlowSystemCallThreads::slowSystemcall);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        end = System.nanoTime();
        out.println(FactorizeSerialVsThreads.took(start, end));
    }
}
