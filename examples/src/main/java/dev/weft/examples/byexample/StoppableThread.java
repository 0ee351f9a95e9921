package dev.weft.examples.byexample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.time.Duration;

/**
 * Python Programming by Example, 11.2 "Threading", ch11_02.py: {@code MyThread}, a
 * {@code threading.Thread} subclass whose {@code run()} prints a counter while
 * {@code self.running} is true and whose {@code stop()} clears it and joins with a 2 s timeout.
 *
 * <p>The subclass becomes a {@link Thread} subclass; the flag a {@code volatile} field.
 * {@code stop()} is named {@link MyThread#stopRunning()}, because {@code Thread.stop()} is final
 * in Java (and throws: Java cannot kill a thread either). The script sets {@code running = True}
 * in {@code run()}, so a {@code stop()} that came before the thread got that far would be undone
 * and the thread would count forever; the port sets it in {@code start()} instead.
 *
 * <pre>{@code
 * Press Enter to stop...
 * counter: 0
 * counter: 1
 * stopping thread...
 * }</pre>
 */
public final class StoppableThread {
    private StoppableThread() {}

    /** The pause between two counter lines; the script sleeps 2 s. */
    static final Duration INTERVAL = Duration.ofMillis(25);
    /** The script's {@code join(2)}. */
    static final Duration JOIN_TIMEOUT = Duration.ofSeconds(2);

    /** The script's {@code MyThread}. */
    public static final class MyThread extends Thread {
        private final PrintStream out;
        private volatile boolean running = false;

        public MyThread(PrintStream out) {
            this.out = out;
        }

        @Override
        public void start() {
            running = true; // before the thread starts, so that a stopRunning() cannot be undone
            super.start();
        }

        @Override
        public void run() {
            int counter = 0;
            try {
                while (running) {
                    out.println("counter: " + counter);
                    Thread.sleep(INTERVAL);
                    counter += 1;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** The script's {@code stop()}: asks the thread to stop and waits up to 2 s for it. */
        public void stopRunning() throws InterruptedException {
            out.println("stopping thread...");
            running = false;
            join(JOIN_TIMEOUT);
        }
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        run(System.out, new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset())));
    }

    /** Runs the script, printing to {@code out}; returns after Enter on {@code in}. */
    public static void run(PrintStream out, BufferedReader in) throws IOException, InterruptedException {
        MyThread myThread = new MyThread(out);
        myThread.setDaemon(true);
        myThread.start();

        out.println("Press Enter to stop...");
        in.readLine();
        myThread.stopRunning();
    }
}
