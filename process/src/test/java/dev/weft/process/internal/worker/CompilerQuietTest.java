package dev.weft.process.internal.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link CompilerQuiet}: it finds this JVM's compiler threads, reads their time, and is bounded. */
@Timeout(60)
class CompilerQuietTest {

    @Test
    void findsTheCompilerThreadsAndTheirTimeGrowsWithCompiling() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux /proc");
        List<Path> counters = CompilerQuiet.compilerCounters();
        assertThat(counters).isNotEmpty().allSatisfy(p -> assertThat(p.getFileName().toString()).isEqualTo("schedstat"));
        long before = CompilerQuiet.nanos(counters);
        assertThat(before).isPositive(); // this JVM has compiled things already
        // New code to compile: its time grows (each round is a class of its own, never seen).
        long spent = before;
        for (int round = 0; round < 50 && spent == before; round++) {
            hot(round);
            spent = CompilerQuiet.nanos(counters);
        }
        assertThat(spent).isGreaterThan(before);
    }

    /** Runs one of several loops hot enough to be compiled. */
    private static long hot(int round) {
        long x = 0;
        for (int i = 0; i < 200_000; i++) {
            x += switch (round % 3) {
                case 0 -> Long.toString(i * 31L + round).length();
                case 1 -> Integer.toHexString(i ^ round).hashCode();
                default -> String.valueOf((double) i / (round + 1)).indexOf('.');
            };
        }
        return x;
    }

    @Test
    void aQuietJvmIsFoundQuietAndTheWaitIsBounded() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux /proc");
        // Within a generous bound the compilers of an idle test JVM go quiet.
        assertThat(CompilerQuiet.await(30_000)).isTrue();
        hot(7); // the compilers busy again
        long start = System.nanoTime();
        CompilerQuiet.await(50); // whatever it finds, it returns within its bound (and a margin)
        assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
    }

    @Test
    void nothingToReadIsNotQuiet() {
        assertThat(CompilerQuiet.nanos(List.of(Path.of("/nonexistent/schedstat")))).isEqualTo(-1);
        assertThat(CompilerQuiet.nanos(List.of())).isEqualTo(-1);
    }
}
