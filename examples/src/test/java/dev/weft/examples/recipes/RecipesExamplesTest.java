package dev.weft.examples.recipes;

import static dev.weft.examples.ExampleConsole.linesOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.examples.ExampleConsole;
import dev.weft.subprocess.CompletedProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RecipesExamplesTest {

    @Test
    void listing10_1_printSumThread() throws Exception {
        assertThat(linesOf(PrintSumThread::run)).containsExactly("The sum of 1 and 2 is 3");
    }

    @Test
    void listing10_2_lockedAdder() throws Exception {
        assertThat(linesOf(LockedAdder::run)).containsExactly(
                "sum = 1",
                "acquire(blocking=False) while another thread holds the lock: false",
                "acquire(blocking=False) when the lock is free: true",
                "sum = 2");
    }

    @Test
    void listing10_3_barrierOfFive() throws Exception {
        List<String> lines = linesOf(BarrierOfFive::run);
        assertThat(lines).hasSize(10);
        // Nobody passes before all five have arrived.
        assertThat(lines.subList(0, 5)).containsExactlyInAnyOrderElementsOf(
                IntStream.rangeClosed(1, 5).mapToObj(i -> "Thread-" + i + " waiting at the barrier").toList());
        List<String> passed = lines.subList(5, 10);
        assertThat(passed).allMatch(l -> l.matches("Thread-[1-5] passed the barrier, arrival [0-4]"));
        assertThat(passed.stream().map(l -> l.substring(0, "Thread-n".length())))
                .containsExactlyInAnyOrder("Thread-1", "Thread-2", "Thread-3", "Thread-4", "Thread-5");
        assertThat(passed.stream().map(l -> l.substring(l.length() - 1)))
                .containsExactlyInAnyOrder("0", "1", "2", "3", "4");
    }

    @Test
    void listing10_9_spawningSubprocess() throws Exception {
        var console = new ExampleConsole();
        CompletedProcess<String> results = SpawningSubprocess.run(console.out());
        assertThat(results.args()).containsExactly("ls", "-l");
        assertThat(results.returncode()).isZero();
        assertThat(console.lines()).hasSize(5);
        assertThat(console.lines().getFirst()).matches("total \\d+");
        // LC_ALL=C: byte order, so "1." before "10." before "11.".
        assertThat(console.lines().subList(1, 4)).satisfiesExactly(
                l -> assertThat(l).matches("-\\S+ +\\d+ .* 15163 .* 1\\. Strings and Texts\\.ipynb"),
                l -> assertThat(l).matches("-\\S+ +\\d+ .* 14336 .* 10\\. Concurrency\\.ipynb"),
                l -> assertThat(l).matches("-\\S+ +\\d+ .* 9856 .* 11\\. C and Other Extensions\\.ipynb"));
        assertThat(console.lines().getLast()).isEqualTo("returncode 0");
        assertThat(results.stdout()).isEqualTo(String.join("\n", console.lines().subList(0, 4)) + "\n");
    }

    @Test
    void listing10_9_spawningSubprocessListsTheDirectoryItIsGiven(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("b.txt"), "bb");
        Files.createDirectory(dir.resolve("a dir"));
        var console = new ExampleConsole();
        SpawningSubprocess.run(console.out(), dir);
        assertThat(console.lines()).hasSize(4);
        assertThat(console.lines().get(1)).startsWith("d").endsWith(" a dir");
        assertThat(console.lines().get(2)).startsWith("-").matches(".* 2 .* b\\.txt");
        assertThat(console.lines().get(3)).isEqualTo("returncode 0");
    }
}
