package dev.weft.cli.tour;

import static dev.weft.cli.tour.Clock.ms;
import static dev.weft.cli.tour.Clock.perSecond;

import dev.weft.aio.Aio;
import dev.weft.aio.AsyncSubprocess;
import dev.weft.aio.EventLoop;
import dev.weft.aio.Server;
import dev.weft.aio.Streams;
import dev.weft.aio.Task;
import dev.weft.aio.TaskGroup;
import dev.weft.aio.TaskGroupException;
import dev.weft.futures.UncheckedTimeoutException;
import dev.weft.subprocess.Options;
import dev.weft.subprocess.Redirect;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Python's {@code asyncio}, {@code dev.weft.aio}: many tasks on one loop, one at a time; exact
 * shared state without locks; cancellation at await points; a task group; streams; blocking calls
 * and a subprocess beside the loop.
 */
final class AioChapter implements Chapter {
    static final int TASKS = 10_000;
    static final int STEPS = 100;

    @Override
    public String name() {
        return "aio";
    }

    @Override
    public String title() {
        return "an event loop: 10,000 tasks, no locks, cancellation, a task group, an echo server, blocking calls";
    }

    /** Changed by every task between await points, without a lock. */
    private int counter;

    @Override
    public void run(PrintWriter out) throws Exception {
        Aio.run(() -> {
            steps(out, "");
            return null;
        });
        if (EventLoop.ownCarrierAvailable()) {
            Aio.run(() -> {
                steps(out, " with its own carrier");
                return null;
            }, EventLoop::withOwnCarrier);
        }
        Aio.run(() -> {
            cancellation(out);
            taskGroup(out);
            echo(out);
            blocking(out);
            return null;
        });
    }

    private void steps(PrintWriter out, String how) {
        counter = 0;
        long t0 = System.nanoTime();
        List<Task<Void>> tasks = new ArrayList<>(TASKS);
        for (int i = 0; i < TASKS; i++) {
            tasks.add(Aio.createTask(() -> {
                for (int s = 0; s < STEPS; s++) {
                    int read = counter;
                    Aio.sleep(Duration.ZERO); // every other task runs here...
                    counter = counter + 1;     // ...but none between this read and this write
                    if (read < 0) {
                        throw new AssertionError();
                    }
                }
                return null;
            }));
        }
        Aio.gather(tasks);
        long took = System.nanoTime() - t0;
        out.printf("%,d tasks x %d sleep(0) on one loop%s: %s; a plain int changed between await points"
                        + " without a lock: %d (%s)%n", TASKS, STEPS, how, perSecond((long) TASKS * STEPS, took, "steps"),
                counter, counter == TASKS * STEPS ? "exact" : "WRONG");
    }

    private static void cancellation(PrintWriter out) {
        boolean[] cleanedUp = {false};
        Task<Void> slow = Aio.createTask(() -> {
            try {
                Aio.sleep(Duration.ofDays(1));
            } finally {
                cleanedUp[0] = true;
            }
            return null;
        });
        long t0 = System.nanoTime();
        try {
            Aio.waitFor(slow, Duration.ofMillis(50));
            out.println("waitFor: no timeout: WRONG");
        } catch (UncheckedTimeoutException e) {
            out.printf("waitFor(a task sleeping a day, 50 ms): UncheckedTimeoutException after %s; the task is"
                    + " cancelled: %s, its finally ran: %s%n", ms(System.nanoTime() - t0), slow.isCancelled(), cleanedUp[0]);
        }
    }

    private static void taskGroup(PrintWriter out) {
        List<String> cancelled = new ArrayList<>();
        try {
            TaskGroup.run(g -> {
                for (String name : List.of("a", "b")) {
                    g.createTask(() -> {
                        try {
                            Aio.sleep(Duration.ofDays(1));
                        } finally {
                            cancelled.add(name);
                        }
                        return null;
                    });
                }
                g.createTask(() -> {
                    Aio.sleep(Duration.ofMillis(5));
                    throw new IllegalStateException("c failed");
                });
            });
            out.println("TaskGroup: no failure: WRONG");
        } catch (TaskGroupException e) {
            out.printf("TaskGroup: c failed, so its siblings %s were cancelled; TaskGroupException with %s%n",
                    cancelled, e.exceptions().stream().map(Throwable::getMessage).toList());
        }
    }

    private static void echo(PrintWriter out) {
        try (Server server = Streams.startServer((reader, writer) -> {
            byte[] line;
            while ((line = reader.readline()).length > 0) {
                writer.write(("echo: " + new String(line, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
                writer.drain();
            }
        }, 0)) {
            List<Task<String>> clients = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                String msg = "client " + i + "\n";
                clients.add(Aio.createTask(() -> {
                    try (Streams.Connection c = Streams.openConnection("127.0.0.1", server.port())) {
                        c.writer().write(msg.getBytes(StandardCharsets.UTF_8));
                        c.writer().drain();
                        return new String(c.reader().readline(), StandardCharsets.UTF_8).strip();
                    }
                }));
            }
            out.printf("an echo server and 3 clients, all tasks of this loop, on %s: %s%n",
                    server.address(), Aio.gather(clients));
        }
    }

    private static void blocking(PrintWriter out) {
        long t0 = System.nanoTime();
        CountDownLatch inside = new CountDownLatch(5);
        List<Task<Boolean>> calls = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            calls.add(Aio.createTask(() -> Aio.blocking(() -> {
                inside.countDown();
                boolean together = inside.await(30, TimeUnit.SECONDS); // all five are off the loop at once
                try (Selector selector = Selector.open()) {
                    selector.select(100); // Effective Python's slow_systemcall: select() for 0.1 s
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return together;
            })));
        }
        boolean together = Aio.gather(calls).stream().allMatch(b -> b);
        long took = System.nanoTime() - t0;
        var echo = AsyncSubprocess.createSubprocessExec(List.of("echo", "from a child"),
                Options.defaults().stdout(Redirect.PIPE));
        String said = new String(echo.communicate().stdout(), StandardCharsets.UTF_8).strip();
        out.printf("5 blocking 100 ms select() calls in Aio.blocking took %s together (%s); a subprocess said '%s',"
                        + " exit code %d%n", ms(took), together ? "side by side" : "not all at once: WRONG",
                said, echo.waitFor());
    }
}
