package dev.weft.examples.notes;

import static dev.weft.examples.ExampleConsole.linesOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.examples.ExampleConsole;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The multiprocessing sections of the notes. Examples whose children print run with
 * {@code System.out} and {@code System.err} pointed at the console, since Weft forwards a child's
 * lines there.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class NotesMultiprocessingExamplesTest {

    @Test
    void processApi() throws Exception {
        var console = new ExampleConsole();
        try (var redirect = console.redirectSystemOutput()) {
            ProcessApi.run(console.out());
        }
        // join() returns after the child's lines, so the order is fixed; the terminated child's
        // finally block never ran.
        assertThat(console.lines()).containsExactly(
                "doing smthg",
                "exitcode: 0",
                "sleeper is_alive(): true",
                "after terminate(): is_alive() false, exitcode -15",
                "raised an exception: exitcode 1",
                "System.exit(3): exitcode 3");
        // The failing child's stack trace, on its standard error, as Python prints the traceback.
        assertThat(console.errText())
                .containsPattern("Process Process-\\d+:\njava.lang.IllegalStateException: something went wrong\n");
    }

    @Test
    void helloBobProcesses() throws Exception {
        var console = new ExampleConsole();
        try (var redirect = console.redirectSystemOutput()) {
            HelloBobProcesses.run(console.out());
        }
        assertThat(console.lines()).containsExactlyInAnyOrder("hello bob", "hello jerry");
    }

    @Test
    void poolMethods() throws Exception {
        var console = new ExampleConsole();
        List<String> expected = List.of(
                "map: [0, 1, 4, 9, 16, 25, 36, 49, 64, 81]",
                "map_async callback: [0, 1, 4, 9, 16, 25, 36, 49, 64, 81]",
                "map_async get: [0, 1, 4, 9, 16, 25, 36, 49, 64, 81]",
                "apply: 49",
                "apply_async callback: 64",
                "apply_async get: 64",
                "error_callback: java.lang.ArithmeticException: / by zero");
        try (var redirect = console.redirectSystemOutput()) {
            PoolMethods.run(console.out());
            // A worker's lines and a callback's line may come just after the call that waited.
            console.awaitLines(lines -> lines.size() >= expected.size() + PoolMethods.POOL_SIZE, "every line");
        }
        List<String> lines = console.lines();
        List<String> starting = lines.stream().filter(l -> l.startsWith("Starting ")).toList();
        // One initializer run per worker (more only if a worker had been replaced).
        assertThat(starting).hasSize(PoolMethods.POOL_SIZE).allMatch(l -> l.matches("Starting PoolWorker-\\d+"));
        assertThat(starting).doesNotHaveDuplicates();
        List<String> rest = lines.stream().filter(l -> !l.startsWith("Starting ")).toList();
        assertThat(rest).containsExactlyInAnyOrderElementsOf(expected);
        // What the main thread prints comes in program order.
        assertThat(rest.stream().filter(l -> !l.contains("callback")))
                .containsExactly(expected.get(0), expected.get(2), expected.get(3), expected.get(5));
    }

    @Test
    void poolSquares() throws Exception {
        assertThat(linesOf(PoolSquares::run)).containsExactly("[1, 4, 9]");
    }

    @Test
    void duplexPipe() throws Exception {
        assertThat(linesOf(DuplexPipe::run)).containsExactly(
                "parent got: hello from the child",
                "parent got: the child got: hello from the parent",
                "EOFException: the child's end is closed");
    }

    @Test
    void processQueuePut() throws Exception {
        assertThat(linesOf(ProcessQueuePut::run)).containsExactly("[42, null, hello]");
    }

    @Test
    void processPoolExecutorBasics() throws Exception {
        assertThat(linesOf(ProcessPoolExecutorBasics::run)).containsExactly(
                "submit: 49",
                "done: true",
                "map: 1 4 9 16 25",
                "exception: java.lang.ArithmeticException: / by zero",
                "done callback: 100",
                "shut down: true");
    }

    @Test
    void runInParallelWithAManagerDict() throws Exception {
        var console = new ExampleConsole();
        try (var redirect = console.redirectSystemOutput()) {
            RunInParallel.run(console.out());
        }
        List<String> lines = console.lines();
        // The parent's lines, in order; the dict the children filled comes back last.
        assertThat(lines.subList(0, 7)).containsExactly("{'func1': [1], 'func2': [2]}", "h1", "[1, <DictProxy>]",
                "h3", "h1", "[2, <DictProxy>]", "h3");
        assertThat(lines.getLast()).isIn("{1: 1, 2: 2}", "{2: 2, 1: 1}"); // in the order the children wrote
        // Each child's lines, in its own order, were forwarded before its join returned.
        for (String f : List.of("func1", "func2")) {
            List<String> own = lines.stream().filter(l -> l.startsWith(f + ":")).toList();
            assertThat(own).containsExactly(f + ": starting", f + ": finishing");
        }
        assertThat(lines.stream().filter("appended"::equals)).hasSize(2);
    }

    @Test
    void sharedMemoryValueAndArray() throws Exception {
        assertThat(linesOf(SharedMemoryValueArray::run)).containsExactly("counter: 4000", "array: [0.0, 1.5, 3.0, 4.5]");
    }
}
