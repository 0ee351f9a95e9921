package dev.weft.examples;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * A console for running an example in a test: a {@link PrintStream} that captures what the
 * example prints, a keyboard the test can press Enter on, and bounded waits for lines to appear.
 * No sleeping and hoping: {@link #awaitLine} returns as soon as the line is there, and fails the
 * test (showing the output so far) if it does not come within {@link #LONG}.
 *
 * <pre>{@code
 * var console = new ExampleConsole();
 * var example = ExampleConsole.start("example", () -> SomeExample.run(console.out(), console.in()));
 * console.awaitLine("counter: 1");
 * console.pressEnter();
 * example.joinSuccessfully();
 * }</pre>
 */
public final class ExampleConsole {

    /** How long a test waits for something that should happen soon; generous for a busy machine. */
    public static final Duration LONG = Duration.ofSeconds(20);

    /** Collects the bytes printed and wakes threads waiting for new output. */
    private static final class Screen extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
            notifyAll();
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
            notifyAll();
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    private final Screen screen = new Screen();
    private final PrintStream out = new PrintStream(screen, true, StandardCharsets.UTF_8);
    private final Screen errScreen = new Screen();
    private final PrintStream err = new PrintStream(errScreen, true, StandardCharsets.UTF_8);
    /** One redirection of {@code System.out} and {@code System.err} at a time. */
    private static final Semaphore REDIRECTING = new Semaphore(1);
    private final PipedWriter keyboard;
    private final BufferedReader in;

    public ExampleConsole() {
        try {
            PipedReader keys = new PipedReader();
            keyboard = new PipedWriter(keys);
            in = new BufferedReader(keys);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the example prints to. */
    public PrintStream out() {
        return out;
    }

    /** What the example reads its "Press Enter" from; fed by {@link #pressEnter()}. */
    public BufferedReader in() {
        return in;
    }

    /** Everything printed so far. */
    public String text() {
        return screen.text();
    }

    /** The complete lines printed so far (a line still being printed is left out). */
    public List<String> lines() {
        return completeLines(screen.text());
    }

    private static List<String> completeLines(String text) {
        int end = text.lastIndexOf('\n');
        return end < 0 ? List.of() : text.substring(0, end + 1).lines().toList();
    }

    /** Waits until a complete line equal to {@code line} has been printed. */
    public void awaitLine(String line) throws InterruptedException {
        awaitLines(lines -> lines.contains(line), "a line \"" + line + "\"");
    }

    /** Waits until the complete lines printed so far satisfy {@code condition}. */
    public void awaitLines(Predicate<List<String>> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + LONG.toNanos();
        synchronized (screen) {
            for (;;) {
                String text = screen.text();
                if (condition.test(completeLines(text))) {
                    return;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("waited " + LONG + " for " + what + "; output so far:\n" + text);
                }
                screen.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /**
     * Points {@link System#out} at this console (the same screen as {@link #out()}) and
     * {@link System#err} at a screen of its own ({@link #errText()}) until the returned handle is
     * closed, for examples whose child processes print: Weft forwards a child's lines to the
     * parent's current {@code System.out} and {@code System.err}. Redirections are serialized
     * (one at a time in this JVM), and closing restores the streams that were there before.
     *
     * <pre>{@code
     * try (var redirect = console.redirectSystemOutput()) {
     *     SomeProcessExample.run(console.out());
     *     console.awaitLine("hello bob"); // a pool's worker lines may come after run returns
     * }
     * }</pre>
     */
    public Redirection redirectSystemOutput() throws InterruptedException {
        REDIRECTING.acquire();
        PrintStream savedOut = System.out;
        PrintStream savedErr = System.err;
        System.setOut(out);
        System.setErr(err);
        return () -> {
            System.setOut(savedOut);
            System.setErr(savedErr);
            REDIRECTING.release();
        };
    }

    /** What {@link #redirectSystemOutput()} returns: closing it restores the streams. */
    @FunctionalInterface
    public interface Redirection extends AutoCloseable {
        @Override
        void close();
    }

    /** Everything printed to {@link System#err} while it was redirected here. */
    public String errText() {
        return errScreen.text();
    }

    /** Presses Enter: the example's pending {@code readLine()} returns. */
    public void pressEnter() throws IOException {
        keyboard.write('\n');
        keyboard.flush();
    }

    /** A body that may throw anything. */
    @FunctionalInterface
    public interface Body {
        void run() throws Throwable;
    }

    /** A thread running an example, that remembers what the example threw. */
    public static final class Background {
        private final Thread thread;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        private Background(String name, Body body) {
            thread = Thread.ofPlatform().name(name).unstarted(() -> {
                try {
                    body.run();
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            thread.start();
        }

        /** Joins within {@link #LONG} and fails if the example is still running or threw. */
        public void joinSuccessfully() throws InterruptedException {
            if (!thread.join(LONG)) {
                AssertionError e = new AssertionError("example thread " + thread.getName()
                        + " did not end within " + LONG);
                e.setStackTrace(thread.getStackTrace());
                throw e;
            }
            Throwable t = failure.get();
            if (t != null) {
                throw new AssertionError("example thread " + thread.getName() + " failed", t);
            }
        }
    }

    /** Runs {@code body} in a new platform thread named {@code name}. */
    public static Background start(String name, Body body) {
        return new Background(name, body);
    }

    /** Runs an example that only prints, and returns its complete output lines. */
    public static List<String> linesOf(OutputOnly example) throws Exception {
        ExampleConsole console = new ExampleConsole();
        example.run(console.out());
        console.out().flush();
        String text = console.text();
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new AssertionError("the output does not end with a newline:\n" + text);
        }
        return console.lines();
    }

    /** An example's {@code run(PrintStream)} method. */
    @FunctionalInterface
    public interface OutputOnly {
        void run(PrintStream out) throws Exception;
    }
}
