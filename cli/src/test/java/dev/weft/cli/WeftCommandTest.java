package dev.weft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/** The weft command line: help, version, the tour's chapters, and usage errors. */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WeftCommandTest {

    private record Result(int exitCode, String out, String err) {}

    private static Result run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cmd = new CommandLine(new Weft());
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void versionNamesWeftAndTheJava() {
        Result r = run("--version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).matches("(?s)weft \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R.*Java 2[5-9].*");
    }

    @Test
    void helpListsTheCommandsAndTheTestCommand() {
        Result r = run("--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("tour", "bench", "./weft test");
    }

    @Test
    void tourRunsEveryChapterAndReportsRealResults() {
        Result r = run("tour");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("== threading:", "== queue:")
                .contains("counter 1000000 of 1000000, ")       // the locked counter is exact
                .contains("action ran 5000 times, arrival indices 0..3 every round")
                .contains("cancel() = true")
                .contains("no deadlock")
                .contains("potential deadlock: ")
                .contains("sum right")
                .contains("1:page 1:alert 2:backup 2:report 2:index 3:cleanup")
                .contains("drained 30000 of 30000", "(3 of 3)")
                .contains("received 3000, 2000, 1000 items")
                .contains("== futures:", "== sched:")
                .contains("yields in input order: 40, 10, 30, 0, 20")
                .contains("[33, 50, 100], then at item 3: java.lang.ArithmeticException")
                .contains("on 8 workers [##############################] 40/40")
                .contains("wait(FIRST_EXCEPTION): 1 done, 3 not done")
                .contains("cancel() of the queued task = true, of the running one = false;"
                        + " cancel(true) of the running one = true (interrupted), cancelled() = true")
                .contains("fails with BrokenExecutorException, a later submit throws BrokenExecutorException")
                .contains("ran: A at ", "ran early then late")
                .contains("the clock now reads PT23H59M59S")
                .contains("== subprocess:")
                .contains("returncode 3, stdout 'out\\n', stderr 'err\\n'")
                .contains("communicate: 20 MB into cat and 20 MB back, every byte identical")
                .contains("SubprocessTimeoutException after ")
                .contains(") was killed too")
                .contains("grep -c 7): 40951 (right), returncodes [0, 0]; | grep -c x: 0, returncodes [0, 1]")
                .contains("== multiprocessing:")
                .contains("Process: exit codes 0 (returned), 3 (System.exit(3)), -9 (killed by SIGKILL)")
                .contains("Pipe: sent ping, got 'echo: ping', then EOFException once the child exited;"
                        + " Queue: got 'from the child's queue.put'")
                .contains("Pool(2).map(x -> x * x, [1, 2, 3]) = [1, 4, 9]")
                .contains("results in order and right, in 2 worker processes (none of them this one: right)")
                .contains("its task fails with WorkerDiedException: ", "signal 9 (SIGKILL)")
                .contains("still returns 42; the pool replaced the worker and goes on: map = [-1, -2]")
                .contains("task timeout: TimeoutException after ")
                .contains("pool closed: every worker has exited")
                .contains("== shared-state:")
                .contains("SharedValue.ofInt(0): 2 processes x 200000 increments under its lock: total 400000 (exact)")
                .contains("a process holding a ProcessLock was SIGKILLed: the next acquire got it in ")
                .contains("ownerDied() = true")
                .contains("3 children each did res.update({a: its pid}): keys [1, 2, 3], 3 different pids")
                .contains("4 processes x 1000 increments of a manager value under a manager lock: total 4000 (exact)")
                .contains("the lock is free again? yes, the server released it")
                .contains("Manager.connect with a wrong key: AuthenticationException; the server serves the others: [still, here]")
                .contains("the server SIGKILLed: the next proxy calls throw ManagerUnavailableException within ")
                .contains("== aio:")
                .contains("10,000 tasks x 100 sleep(0) on one loop: ")
                .contains("10,000 tasks x 100 sleep(0) on one loop with its own carrier: ")
                .contains("a plain int changed between await points without a lock: 1000000 (exact)")
                .contains("UncheckedTimeoutException after ", "the task is cancelled: true, its finally ran: true")
                .contains("TaskGroup: c failed, so its siblings [a, b] were cancelled; TaskGroupException with [c failed]")
                .contains("[echo: client 1, echo: client 2, echo: client 3]")
                .contains("(side by side); a subprocess said 'from a child', exit code 0")
                .contains("== actors:")
                .contains("PrintActor: [Got: Hello, Got: World], then ActorExit ended it (alive: false)")
                .contains("100,000 actors, a virtual thread each, spawned and sent a message: all handled in ")
                .contains("ask(41) of an adder: 42")
                .contains("1,000,000 messages through one actor: ", "every one received: yes")
                .contains("stopped at 'z' (the limit): stopped; its failure escalated; dead letters: 1 [CLOSED]")
                .contains("each actor got x, y, z in order: yes; the broken one was reported 3 times;"
                        + " subscribers left after the subscription closed: 0")
                .contains("== cluster:")
                .contains("the members wrote a ClusterDict; this JVM reads 100 entries, squares.get(12) = 144")
                .contains("half-way: 20,000 results, in order and each once: true")
                .contains("tour done: 10 chapters")
                .doesNotContain("WRONG");
    }

    @Test
    void theSubprocessChapterKillsATreeOnTimeoutAtOnce() {
        Result r = run("tour", "subprocess");
        assertThat(r.exitCode()).as(r.err()).isZero();
        var m = java.util.regex.Pattern.compile("SubprocessTimeoutException after (\\d+\\.\\d) ms").matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        // At the 200 ms timeout, not when the shell's sleeps would end (30 s); generous for a busy machine.
        assertThat(Double.parseDouble(m.group(1))).isBetween(200.0, 5000.0);
        assertThat(r.out()).contains("tour done: 1 chapters").doesNotContain("WRONG");
    }

    @Test
    void tourRunsOnlyTheNamedChapter() {
        Result r = run("tour", "queue");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("== queue:").doesNotContain("== threading:");
    }

    @Test
    void unknownChapterIsAUsageErrorThatListsTheChapters() {
        Result r = run("tour", "nosuch");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("no chapter named 'nosuch'", "threading", "queue");
    }

    @Test
    void benchListsItsWorkloads() {
        Result r = run("bench", "--list");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("factorize", "queue", "lock");
    }

    @Test
    void unknownWorkloadIsAUsageErrorThatListsTheWorkloads() {
        Result r = run("bench", "nosuch");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("no workload named 'nosuch'", "factorize, queue, lock");
    }

    @Test
    void benchWithoutANameIsAUsageError() {
        Result r = run("bench");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("name a workload");
    }

    @Test
    void benchChecksEveryNameBeforeRunningAnything() {
        // queue is valid; nosuch is not, so nothing runs and no report is written
        Result r = run("bench", "--report", "queue", "nosuch");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("no workload named 'nosuch'");
        assertThat(r.out()).doesNotContain("== queue");
    }

    @Test
    void benchHelpExplainsTheReport() {
        Result r = run("bench", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("--report", "--docs", "docs/performance.md", "docs/performance.svg");
    }
}
