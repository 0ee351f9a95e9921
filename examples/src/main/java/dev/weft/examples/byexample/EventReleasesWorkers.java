package dev.weft.examples.byexample;

import dev.weft.sync.Event;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;

/**
 * Python Programming by Example, 11.3.2 "Event", ch11_04.py: three {@code Worker} threads wait on
 * one {@code Event}; after a pause the main thread sets it, which releases all three at once;
 * each then works and says it is done; Enter ends the program.
 *
 * <p>{@code threading.Event} becomes {@link Event}; {@code wait()} is {@link Event#await()}. The
 * workers are daemon threads, as in the script. In Python the program exits after "Done all",
 * killing any daemon still working; {@code run} joins the workers instead, so that when it
 * returns every line has been printed and no thread is left. The texts keep the script's double
 * spaces.
 *
 * <pre>{@code
 * waiting from  Thread 1
 * waiting from  Thread 2
 * waiting from  Thread 3
 * Send a signal to start processing
 * Press Enter to stop...
 * processing from  Thread 1
 * processing from  Thread 3
 * processing from  Thread 2
 * done from  Thread 1
 * done from  Thread 3
 * done from  Thread 2
 * Done all
 * }</pre>
 * (the workers in any order.)
 */
public final class EventReleasesWorkers {
    private EventReleasesWorkers() {}

    /** How long the main thread waits before setting the event; the script waits 10 s. */
    static final Duration BEFORE_SIGNAL = Duration.ofMillis(50);
    /** How long each worker works; the script sleeps 2 s. */
    static final Duration WORK = Duration.ofMillis(25);

    /** The script's {@code Worker(name, signal)}. */
    public static final class Worker extends Thread {
        private final Event signal;
        private final PrintStream out;

        public Worker(String name, Event signal, PrintStream out) {
            super(name);
            this.signal = signal;
            this.out = out;
        }

        @Override
        public void run() {
            out.println("waiting from  " + getName());
            try {
                signal.await();
                out.println("processing from  " + getName());
                Thread.sleep(WORK);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            out.println("done from  " + getName());
        }
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        run(System.out, new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset())));
    }

    /** Runs the script, printing to {@code out}; returns after Enter on {@code in}. */
    public static void run(PrintStream out, BufferedReader in) throws IOException, InterruptedException {
        Event signalEvent = new Event();
        List<Worker> workers = List.of(
                new Worker("Thread 1", signalEvent, out),
                new Worker("Thread 2", signalEvent, out),
                new Worker("Thread 3", signalEvent, out));
        for (Worker w : workers) {
            w.setDaemon(true);
        }
        for (Worker w : workers) {
            w.start();
        }

        // waiting for 10 seconds (here, a fraction of one)
        Thread.sleep(BEFORE_SIGNAL);

        // start process
        out.println("Send a signal to start processing");
        signalEvent.set();

        out.println("Press Enter to stop...");
        in.readLine();
        out.println("Done all");
        for (Worker w : workers) {
            w.join();
        }
    }
}
