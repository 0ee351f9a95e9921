package dev.weft.bench.workloads;

import dev.weft.aio.Aio;
import dev.weft.aio.EventLoop;
import dev.weft.aio.Task;
import dev.weft.bench.Comparison;
import dev.weft.bench.Settings;
import dev.weft.bench.Side;
import dev.weft.bench.Target;
import dev.weft.bench.Workload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Steps of an event loop: {@code size} tasks each await {@code sleep(0)} {@value #STEPS} times, and
 * the main task gathers them; the figure is steps per second for all tasks together, from the
 * first task created to the end of the gather. Weft's {@link Aio#sleep} with
 * {@link java.time.Duration#ZERO} on one {@link dev.weft.aio.EventLoop} against CPython's
 * {@code await asyncio.sleep(0)} under {@code asyncio.run}. Each step is a switch from one task to
 * the next, so this measures the loop's hand-over: in Weft, one virtual thread unparking the next
 * and parking itself.
 *
 * <p>Two Weft sides: {@code weft}, a loop whose tasks are virtual threads of the JDK's shared
 * scheduler ({@code new EventLoop()}, the default), and {@code weft-own-carrier}, a loop whose tasks
 * run on a carrier thread of its own ({@link EventLoop#withOwnCarrier()}), which needs the JVM
 * option {@code --add-opens java.base/java.lang=ALL-UNNAMED} that this workload gives its JVMs.
 */
public final class AioWorkload extends Workload {
    static final int STEPS = 100;

    /** The {@code aio} workload. */
    public AioWorkload() {
        super("aio", "steps/s", true);
    }

    @Override
    public String describe(long size) {
        return size + " tasks x " + STEPS + " sleep(0) on one event loop";
    }

    @Override
    public List<Side> sides() {
        return List.of(
                Side.jvm("weft", "weft", "Aio.sleep(Duration.ZERO) in EventLoop tasks"),
                Side.jvm("weft-own-carrier", "weft", "the same on EventLoop.withOwnCarrier()"),
                Side.cpython("cpython", "await asyncio.sleep(0) in asyncio tasks", "bench_aio.py"));
    }

    @Override
    public List<Comparison> comparisons() {
        return List.of(new Comparison("aio", "weft", "cpython").withTarget(Target.ratioAtLeast(5, "issue 7")),
                new Comparison("aio/own-carrier", "weft-own-carrier", "cpython")
                        .withTarget(Target.ratioAtLeast(5, "issue 7")));
    }

    @Override
    public Settings settings(boolean quick) {
        // CPython does about 500,000 steps a second: 10,000 tasks x 100 take it two seconds.
        return quick
                ? new Settings(10_000, new Settings.Rounds(1, 3, 1), new Settings.Rounds(1, 3, 1))
                : new Settings(10_000, new Settings.Rounds(3, 7, 2), new Settings.Rounds(1, 5, 2));
    }

    @Override
    public double measure(String sideId, long size) {
        Supplier<EventLoop> loops = switch (sideId) {
            case "weft" -> EventLoop::new;
            case "weft-own-carrier" -> EventLoop::withOwnCarrier;
            default -> throw new IllegalArgumentException("no JVM side " + sideId);
        };
        int tasks = Math.toIntExact(size);
        return Aio.run(() -> {
            long t0 = System.nanoTime();
            List<Task<Void>> all = new ArrayList<>(tasks);
            for (int i = 0; i < tasks; i++) {
                all.add(Aio.createTask(AioWorkload::worker));
            }
            Aio.gather(all);
            return (double) tasks * STEPS / ((System.nanoTime() - t0) / 1e9);
        }, loops);
    }

    @Override
    public List<String> jvmOptions(long size) {
        return List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED");
    }

    private static Void worker() {
        for (int s = 0; s < STEPS; s++) {
            Aio.sleep(Duration.ZERO);
        }
        return null;
    }
}
