package dev.weft.subprocess.internal.posix;

import static dev.weft.subprocess.internal.posix.Children.LONG;
import static dev.weft.subprocess.internal.posix.Children.returncode;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.subprocess.Descriptors;
import dev.weft.subprocess.LaunchException;
import dev.weft.subprocess.LaunchMechanism;
import dev.weft.subprocess.Signal;
import dev.weft.subprocess.internal.Child;
import dev.weft.subprocess.internal.ChildRegistry;
import dev.weft.subprocess.internal.Communicator;
import dev.weft.subprocess.internal.Stdio;
import dev.weft.testing.TestThreads;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The posix_spawn launcher through the launcher SPI: returncodes (exit codes, signals, default
 * signal dispositions), launch failures, redirections (pipes, files, /dev/null, merging, another
 * child's stdout), working directory, environment and PATH search, descriptor hygiene (nothing
 * of the JVM leaks into a child, nothing leaks in the JVM), the process registry and the
 * abandoned-children sweep.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PosixSpawnLauncherTest {
    private static final long GRACE = 1_000_000_000L;

    @RegisterExtension
    final Children children = new Children();

    // ------------------------------------------------------------------ returncodes

    @Test
    void trueReturnsZero() throws Exception {
        Child c = children.start("true");

        assertThat(returncode(c)).isZero();
        assertThat(c.poll()).hasValue(0);
        assertThat(PosixSpawnLauncher.INSTANCE.mechanism()).isEqualTo(LaunchMechanism.POSIX_SPAWN);
    }

    @Test
    void exitCodeIsTheReturncode() throws Exception {
        assertThat(returncode(children.start("sh", "-c", "exit 3"))).isEqualTo(3);
    }

    @Test
    void aChildKilledBySignalReturnsMinusTheSignal() throws Exception {
        assertThat(returncode(children.start("sh", "-c", "kill -9 $$"))).isEqualTo(-9);
    }

    @Test
    void signalDispositionsAreResetToDefault() throws Exception {
        // The JVM ignores or handles SIGPIPE; the child must get the default action (death).
        assertThat(returncode(children.start("sh", "-c", "kill -PIPE $$"))).isEqualTo(-13);
    }

    @Test
    void signalReachesTheChildAndIsANoOpOnceReaped() throws Exception {
        Child c = children.start("sleep", "1000");

        assertThat(c.poll()).isEmpty();
        c.signal(Signal.TERM);

        assertThat(returncode(c)).isEqualTo(-15);
        c.signal(Signal.KILL); // reaped: nothing happens, nothing is thrown
        assertThat(c.poll()).hasValue(-15);
    }

    @Test
    void awaitTimesOutAndCanBeInterrupted() throws Exception {
        Child c = children.start("sleep", "1000");

        assertThat(c.await(50_000_000L)).isEmpty();
        assertThat(c.await(0)).isEmpty();
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> c.await(Long.MAX_VALUE)).isInstanceOf(InterruptedException.class);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        assertThat(c.poll()).as("the child is not touched").isEmpty();
    }

    // ------------------------------------------------------------------ launch failures

    @Test
    void aMissingProgramIsNamedWithENOENT() {
        assertThatThrownBy(() -> children.start("no-such-program-weft"))
                .isInstanceOf(LaunchException.class)
                .hasMessageContaining("'no-such-program-weft'")
                .satisfies(e -> assertThat(((LaunchException) e).reason()).isEqualTo("No such file or directory (ENOENT)"));
        assertThatThrownBy(() -> children.start("/no/such/program"))
                .isInstanceOf(LaunchException.class)
                .hasMessageContaining("'/no/such/program'")
                .hasMessageContaining("ENOENT");
    }

    @Test
    void aMissingWorkingDirectoryIsSaidSo(@TempDir Path tmp) throws Exception {
        Path missing = tmp.resolve("gone");
        Set<String> before = Descriptors.pipesAndPidfds();

        assertThatThrownBy(() -> children.start(Children.spec(List.of("true"), missing, null, Stdio.PIPE, Stdio.PIPE, Stdio.PIPE)))
                .isInstanceOf(LaunchException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("ENOENT")
                .hasMessageContaining("working directory does not exist");
        assertThat(Descriptors.pipesAndPidfds()).as("the pipes made for it are closed").isSubsetOf(before);
    }

    @Test
    void aNonExecutableFileIsEACCES(@TempDir Path tmp) throws Exception {
        Path script = Files.writeString(tmp.resolve("script"), "#!/bin/sh\nexit 0\n");

        assertThatThrownBy(() -> children.start(script.toString()))
                .isInstanceOf(LaunchException.class)
                .hasMessageContaining("EACCES");
    }

    @Test
    void anUnopenableRedirectFileIsNamed(@TempDir Path tmp) {
        Path target = tmp.resolve("no/such/dir/out.txt");

        assertThatThrownBy(() -> children.start(Stdio.INHERIT, new Stdio.WriteFile(target, false), Stdio.INHERIT, "true"))
                .isInstanceOf(LaunchException.class)
                .hasMessageContaining(target.toString())
                .hasMessageContaining("stdout")
                .hasMessageContaining("ENOENT");
    }

    // ------------------------------------------------------------------ redirections

    @Test
    void filesDevNullAndMergeWithStdout(@TempDir Path tmp) throws Exception {
        Path in = Files.writeString(tmp.resolve("in.txt"), "from a file\n");
        Path out = tmp.resolve("out.txt");

        Child c = children.start(new Stdio.ReadFile(in), new Stdio.WriteFile(out, false), Stdio.MERGE_WITH_STDOUT,
                "sh", "-c", "cat; echo to-stderr >&2");
        assertThat(returncode(c)).isZero();
        assertThat(Files.readString(out)).isEqualTo("from a file\nto-stderr\n");

        Child append = children.start(Stdio.DEVNULL, new Stdio.WriteFile(out, true), Stdio.DEVNULL,
                "sh", "-c", "cat; echo appended; echo hidden >&2");
        assertThat(returncode(append)).isZero();
        assertThat(Files.readString(out)).isEqualTo("from a file\nto-stderr\nappended\n");

        Child truncate = children.start(Stdio.DEVNULL, new Stdio.WriteFile(out, false), Stdio.INHERIT, "echo", "new");
        assertThat(returncode(truncate)).isZero();
        assertThat(Files.readString(out)).isEqualTo("new\n");
    }

    @Test
    void stderrMergedIntoAStdoutPipe() throws Exception {
        Child c = children.start(Stdio.DEVNULL, Stdio.PIPE, Stdio.MERGE_WITH_STDOUT, "sh", "-c", "echo out; echo err >&2");

        assertThat(c.stderr()).isNull();
        assertThat(c.communicator().pump(null, Long.MAX_VALUE, GRACE)).isTrue();
        assertThat(new String(c.communicator().stdout(), UTF_8)).isEqualTo("out\nerr\n");
        assertThat(c.communicator().stderr()).isEmpty();
    }

    @Test
    void fromStreamJoinsTwoChildrenAndTheParentGivesUpItsCopy() throws Exception {
        Child up = children.start(Stdio.DEVNULL, Stdio.PIPE, Stdio.INHERIT,
                "sh", "-c", "head -c 3000000 /dev/zero | tr '\\0' a");
        InputStream upstream = up.detachStdout();
        assertThat(up.stdout()).isNull();
        Set<String> before = Descriptors.pipesAndPidfds();

        Child down = children.start(new Stdio.FromStream(upstream), Stdio.PIPE, Stdio.INHERIT, "wc", "-c");

        Set<String> after = Descriptors.pipesAndPidfds();
        Set<String> added = new HashSet<>(after);
        added.removeAll(before);
        Set<String> gone = new HashSet<>(before);
        gone.removeAll(after);
        assertThat(added).as("new: the child's pidfd and the parent's end of its stdout").hasSize(2)
                .anyMatch(d -> d.contains("pidfd")).anyMatch(d -> d.contains("pipe:"));
        assertThat(gone).as("the parent's copy of the upstream pipe is closed").anyMatch(d -> d.contains("pipe:"));
        assertThatThrownBy(upstream::read).isInstanceOf(IOException.class)
                .hasMessageContaining("stdout of pid " + up.pid())
                .hasMessageContaining("given to the stdin of pid " + down.pid());
        assertThat(down.communicator().pump(null, Long.MAX_VALUE, GRACE)).isTrue();
        assertThat(new String(down.communicator().stdout(), UTF_8).trim()).isEqualTo("3000000");
        assertThat(returncode(up)).isZero();
        assertThat(returncode(down)).isZero();
        assertThat(up.communicator().pump(null, Long.MAX_VALUE, GRACE)).as("the upstream's communicator skips stdout").isTrue();
        assertThat(up.communicator().stdout()).isEmpty();
    }

    @Test
    void theDownstreamGetsSigpipeWhenItStopsReading() throws Exception {
        Child up = children.start(Stdio.DEVNULL, Stdio.PIPE, Stdio.INHERIT, "sh", "-c", "while :; do echo y; done");
        Child down = children.start(new Stdio.FromStream(up.detachStdout()), Stdio.PIPE, Stdio.INHERIT, "head", "-n", "3");

        assertThat(down.communicator().pump(null, Long.MAX_VALUE, GRACE)).isTrue();
        assertThat(new String(down.communicator().stdout(), UTF_8)).isEqualTo("y\ny\ny\n");
        // No copy of the pipe's read end is left in the parent, so the writer dies of SIGPIPE.
        assertThat(up.await(LONG.toNanos())).isNotEmpty();
    }

    @Test
    void fromAnyOtherStreamIsPumpedByAThread() throws Exception {
        byte[] data = new byte[2_000_000];
        Arrays.fill(data, (byte) 'q');

        Child c = children.start(new Stdio.FromStream(new ByteArrayInputStream(data)), Stdio.PIPE, Stdio.INHERIT, "wc", "-c");

        assertThat(c.stdin()).as("stdin belongs to the pump, not the caller").isNull();
        assertThat(c.communicator().pump(null, Long.MAX_VALUE, GRACE)).isTrue();
        assertThat(new String(c.communicator().stdout(), UTF_8).trim()).isEqualTo("2000000");
    }

    @Test
    void fromAClosedStreamFailsToLaunch() throws Exception {
        Child up = children.start(Stdio.DEVNULL, Stdio.PIPE, Stdio.INHERIT, "true");
        InputStream upstream = up.detachStdout();
        upstream.close();

        assertThatThrownBy(() -> children.start(new Stdio.FromStream(upstream), Stdio.INHERIT, Stdio.INHERIT, "cat"))
                .isInstanceOf(LaunchException.class)
                .hasMessageContaining("stdout of pid " + up.pid())
                .hasMessageContaining("closed");
    }

    // ------------------------------------------------------------------ cwd, env, PATH

    @Test
    void workingDirectoryAndEnvironment(@TempDir Path tmp) throws Exception {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("WEFT_TEST", "hello world");

        Child c = children.start(Children.spec(List.of("sh", "-c", "pwd; echo \"$WEFT_TEST\""), tmp, env, Stdio.DEVNULL, Stdio.PIPE, Stdio.INHERIT));

        assertThat(c.communicator().pump(null, Long.MAX_VALUE, GRACE)).isTrue();
        assertThat(new String(c.communicator().stdout(), UTF_8)).isEqualTo(tmp.toRealPath() + "\nhello world\n");
    }

    @Test
    void theParentEnvironmentIsPassedWhenNoneIsGiven() throws Exception {
        Child c = children.start(Stdio.DEVNULL, Stdio.PIPE, Stdio.INHERIT, "sh", "-c", "echo \"$PATH\"");

        assertThat(c.communicator().pump(null, Long.MAX_VALUE, GRACE)).isTrue();
        assertThat(new String(c.communicator().stdout(), UTF_8)).isEqualTo(System.getenv("PATH") + "\n");
    }

    @Test
    void theChildsPathIsSearchedWhenItDiffers(@TempDir Path tmp) throws Exception {
        Path bin = Files.createDirectory(tmp.resolve("bin"));
        Path tool = Files.writeString(bin.resolve("weft-tool"), "#!/bin/sh\necho tool \"$1\"\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> env = Map.of("PATH", "/nonexistent:" + bin);

        Child c = children.start(Children.spec(List.of("weft-tool", "ran"), null, env, Stdio.DEVNULL, Stdio.PIPE, Stdio.INHERIT));

        assertThat(c.communicator().pump(null, Long.MAX_VALUE, GRACE)).isTrue();
        assertThat(new String(c.communicator().stdout(), UTF_8)).isEqualTo("tool ran\n");
        assertThatThrownBy(() -> children.start(Children.spec(List.of("true"), null, env, Stdio.INHERIT, Stdio.INHERIT, Stdio.INHERIT)))
                .isInstanceOf(LaunchException.class)
                .hasMessageContaining("ENOENT");
    }

    // ------------------------------------------------------------------ descriptors

    @Test
    void noDescriptorOfTheJvmLeaksIntoTheChild() throws Exception {
        // A pipe without close-on-exec: only closefrom(3) keeps it out of the child.
        int[] leaky = new int[2];
        assertThat(LibC.pipe2(leaky, 0)).isZero();
        try {
            Child c = children.start(Stdio.DEVNULL, Stdio.PIPE, Stdio.PIPE, "ls", "/proc/self/fd");

            assertThat(c.communicator().pump(null, Long.MAX_VALUE, GRACE)).isTrue();
            Set<String> fds = new TreeSet<>(new String(c.communicator().stdout(), UTF_8).lines().toList());
            // 0-2, and 3 for the directory ls itself is listing.
            assertThat(fds).isSubsetOf("0", "1", "2", "3").contains("0", "1", "2");
            assertThat(returncode(c)).isZero();
        } finally {
            LibC.close(leaky[0]);
            LibC.close(leaky[1]);
        }
    }

    @Test
    void noDescriptorLeaksInTheParent() throws Exception {
        byte[] input = "ping".getBytes(UTF_8);
        for (int i = 0; i < 20; i++) { // warm up: lazily opened JDK files are not leaks
            runCat(input);
        }
        Set<String> before = Descriptors.pipesAndPidfds();

        for (int i = 0; i < 200; i++) {
            runCat(input);
        }

        assertThat(Descriptors.pipesAndPidfds()).isSubsetOf(before);
    }

    @Test
    void concurrentLaunchesKeepTheirPipesApart() throws Exception {
        runCat("warm".getBytes(UTF_8));
        Set<String> before = Descriptors.pipesAndPidfds();
        List<TestThreads.Checked> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int id = t;
            threads.add(TestThreads.start("launcher-" + t, () -> {
                for (int i = 0; i < 50; i++) {
                    runCat(("thread " + id + " run " + i + "\n").repeat(1000).getBytes(UTF_8));
                }
            }));
        }
        for (TestThreads.Checked t : threads) {
            t.joinSuccessfully();
        }
        assertThat(Descriptors.pipesAndPidfds()).isSubsetOf(before);
    }

    private void runCat(byte[] input) throws InterruptedException {
        Child c = PosixSpawnLauncher.INSTANCE.launch(Children.spec(List.of("cat"), null, null, Stdio.PIPE, Stdio.PIPE, Stdio.PIPE));
        Communicator com = c.communicator();
        assertThat(com.pump(input, Long.MAX_VALUE, GRACE)).isTrue();
        assertThat(com.stdout()).isEqualTo(input);
        assertThat(returncode(c)).isZero();
        c.close();
    }

    // ------------------------------------------------------------------ availability

    @Test
    void probingWithoutNativeAccessPrintsNoWarning() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = codeSource(PosixSpawnLauncher.class) + ":" + codeSource(NoNativeAccessProbeMain.class);

        Child c = children.start(Stdio.DEVNULL, Stdio.PIPE, Stdio.PIPE,
                java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", classPath, NoNativeAccessProbeMain.class.getName());

        assertThat(c.communicator().pump(null, System.nanoTime() + LONG.toNanos(), GRACE)).isTrue();
        assertThat(new String(c.communicator().stderr(), UTF_8)).isEmpty();
        assertThat(new String(c.communicator().stdout(), UTF_8)).isEqualTo(
                "JDK\nfalse\nnative access is not enabled; start the JVM with --enable-native-access=ALL-UNNAMED\n");
        assertThat(returncode(c)).isZero();
    }

    private static String codeSource(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    // ------------------------------------------------------------------ registry and abandoned children

    @Test
    void aChildIsRegisteredUntilReaped() throws Exception {
        Child c = children.start("sleep", "1000");
        int registered = ChildRegistry.size();
        assertThat(registered).isPositive();

        c.killTree();
        assertThat(returncode(c)).isEqualTo(-9);

        assertThat(ChildRegistry.size()).isEqualTo(registered - 1);
    }

    @Test
    void aClosedRunningChildIsReapedByALaterLaunch() throws Exception {
        Child c = PosixSpawnLauncher.INSTANCE.launch(Children.spec(List.of("sleep", "1000"), null, null, Stdio.INHERIT, Stdio.INHERIT, Stdio.INHERIT));
        int pid = (int) c.pid();
        c.close();
        assertThat(PosixChild.abandonedCount()).isPositive();

        c.killTree();
        assertThat(Children.diesWithin(pid, LONG)).isTrue(); // dead, a zombie until reaped
        assertThat(returncode(children.start("true"))).isZero();

        assertThat(c.poll()).as("reaped by the launch").hasValue(-9);
        assertThat(Files.exists(Path.of("/proc/" + pid))).as("no zombie left").isFalse();
    }
}
