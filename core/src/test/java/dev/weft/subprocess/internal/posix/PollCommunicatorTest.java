package dev.weft.subprocess.internal.posix;

import static dev.weft.subprocess.internal.posix.Children.LONG;
import static dev.weft.subprocess.internal.posix.Children.returncode;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.weft.subprocess.internal.Child;
import dev.weft.subprocess.internal.Communicator;
import dev.weft.subprocess.internal.Stdio;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The poll(2) communicator: big input and outputs at once without deadlock, EPIPE on stdin,
 * deadlines that expire and resume with nothing lost, interrupts, and children that leave an
 * orphan holding their pipes; and killing trees, orphaned parts included.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PollCommunicatorTest {
    private static final long GRACE = 500_000_000L;

    @RegisterExtension
    final Children children = new Children();

    private static long deadlineIn(long millis) {
        return System.nanoTime() + millis * 1_000_000L;
    }

    @Test
    void bigInputAndBothOutputsAtOnceDoNotDeadlock() throws Exception {
        byte[] input = new byte[10_000_000];
        new Random(42).nextBytes(input);
        // stderr floods before stdin is read and again after: a parent that only wrote, or only
        // read one pipe, would block against the child.
        Child c = children.start(Stdio.PIPE, Stdio.PIPE, Stdio.PIPE,
                "sh", "-c", "head -c 12000000 /dev/zero >&2; cat; head -c 11000000 /dev/zero >&2");
        Communicator com = c.communicator();

        assertThat(com.pump(input, deadlineIn(LONG.toMillis()), GRACE)).isTrue();

        assertThat(com.stdout()).isEqualTo(input);
        assertThat(com.stderr()).hasSize(23_000_000).containsOnly(0);
        assertThat(com.stdout()).as("joined once, then the same array").isSameAs(com.stdout());
        assertThat(returncode(c)).isZero();
    }

    @Test
    void noInputClosesStdinAtOnce() throws Exception {
        Child c = children.start(Stdio.PIPE, Stdio.PIPE, Stdio.PIPE, "sh", "-c", "cat; echo done");

        assertThat(c.communicator().pump(null, deadlineIn(LONG.toMillis()), GRACE)).isTrue();

        assertThat(new String(c.communicator().stdout(), UTF_8)).isEqualTo("done\n");
        assertThat(c.communicator().stderr()).isEmpty();
    }

    @Test
    void aChildThatStopsReadingStdinIsNotAnError() throws Exception {
        byte[] input = new byte[20_000_000];
        Child c = children.start(Stdio.PIPE, Stdio.PIPE, Stdio.DEVNULL, "sh", "-c", "head -c 5 >/dev/null; echo read-five");

        assertThat(c.communicator().pump(input, deadlineIn(LONG.toMillis()), GRACE)).isTrue();

        assertThat(new String(c.communicator().stdout(), UTF_8)).isEqualTo("read-five\n");
        assertThat(returncode(c)).isZero();
    }

    @Test
    void aDeadlineThatPassesKeepsEverythingForTheNextCall(@TempDir Path tmp) throws Exception {
        Path go = tmp.resolve("go");
        byte[] input = "the input\n".getBytes(UTF_8);
        // The child echoes its input, then waits until the test lets it finish.
        Child c = children.start(Stdio.PIPE, Stdio.PIPE, Stdio.PIPE,
                "sh", "-c", "cat; while [ ! -e \"$1\" ]; do sleep 0.02; done; echo second; echo err >&2", "sh", go.toString());
        Communicator com = c.communicator();

        long start = System.nanoTime();
        assertThat(com.pump(input, deadlineIn(100), GRACE)).isFalse();
        assertThat(System.nanoTime() - start).as("returns at the deadline").isLessThan(LONG.toNanos());
        while (com.stdout().length < input.length) {
            assertThat(com.pump(null, deadlineIn(50), GRACE)).isFalse();
        }
        assertThat(com.stdout()).isEqualTo(input);

        Files.createFile(go);
        assertThat(com.pump(null, Long.MAX_VALUE, GRACE)).isTrue();

        assertThat(new String(com.stdout(), UTF_8)).isEqualTo("the input\nsecond\n");
        assertThat(new String(com.stderr(), UTF_8)).isEqualTo("err\n");
        assertThat(returncode(c)).isZero();
    }

    @Test
    void anInterruptIsThrownAndStateKept(@TempDir Path tmp) throws Exception {
        Path go = tmp.resolve("go");
        Child c = children.start(Stdio.DEVNULL, Stdio.PIPE, Stdio.INHERIT,
                "sh", "-c", "echo first; while [ ! -e \"$1\" ]; do sleep 0.02; done; echo second", "sh", go.toString());
        Communicator com = c.communicator();
        while (com.stdout().length == 0) {
            com.pump(null, deadlineIn(50), GRACE);
        }

        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> com.pump(null, Long.MAX_VALUE, GRACE)).isInstanceOf(InterruptedException.class);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();

        Files.createFile(go);
        assertThat(com.pump(null, Long.MAX_VALUE, GRACE)).isTrue();
        assertThat(new String(com.stdout(), UTF_8)).isEqualTo("first\nsecond\n");
    }

    @Test
    void anOrphanHoldingAPipeIsKilledAfterTheGrace() throws Exception {
        // In a terminal's foreground job children keep the JVM's group, and orphans cannot be found.
        assumeFalse(PosixSpawnLauncher.jvmIsForegroundJob(), "the JVM is a terminal's foreground job");
        Child c = children.start(Stdio.DEVNULL, Stdio.PIPE, Stdio.INHERIT, "sh", "-c", "sleep 1000 & echo $!");

        long start = System.nanoTime();
        assertThat(c.communicator().pump(null, deadlineIn(LONG.toMillis()), GRACE)).isTrue();

        assertThat(System.nanoTime() - start).isLessThan(10_000_000_000L);
        String out = new String(c.communicator().stdout(), UTF_8);
        long orphan = Long.parseLong(out.trim());
        assertThat(Children.diesWithin(orphan, LONG)).as("orphan %d", orphan).isTrue();
        assertThat(returncode(c)).isZero();
    }

    @Test
    void killTreeKillsAGrandchildOrphanedBeforeTheKill() throws Exception {
        // In a terminal's foreground job children keep the JVM's group, and orphans cannot be found.
        assumeFalse(PosixSpawnLauncher.jvmIsForegroundJob(), "the JVM is a terminal's foreground job");
        Child c = children.start(Stdio.DEVNULL, Stdio.PIPE, Stdio.INHERIT, "sh", "-c", "sleep 1000 & echo $!");
        long grandchild = Long.parseLong(readLine(c));
        assertThat(returncode(c)).as("the parent exits, orphaning sleep").isZero();
        assertThat(Children.alive(grandchild)).isTrue();

        c.killTree();

        assertThat(Children.diesWithin(grandchild, LONG)).as("grandchild %d", grandchild).isTrue();
    }

    @Test
    void killTreeKillsTheChildAndItsDescendants() throws Exception {
        // Each shell execs sleep, so no process notices its children dying and exits on its own
        // before its own SIGKILL arrives.
        Child c = children.start(Stdio.DEVNULL, Stdio.PIPE, Stdio.INHERIT,
                "sh", "-c", "sh -c 'sleep 1000 & echo $!; exec sleep 1000' & exec sleep 1000");
        long grandgrandchild = Long.parseLong(readLine(c));

        c.killTree();

        assertThat(returncode(c)).isEqualTo(-9);
        assertThat(Children.diesWithin(grandgrandchild, LONG)).isTrue();
        c.killTree(); // after the reap: harmless
    }

    /** Reads one line from the child's stdout stream (bytes until a newline). */
    private static String readLine(Child c) throws Exception {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = c.stdout().read()) >= 0 && b != '\n') {
            line.append((char) b);
        }
        return line.toString();
    }
}
