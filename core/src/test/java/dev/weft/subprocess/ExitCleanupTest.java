package dev.weft.subprocess;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.subprocess.internal.ProcessTable;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** No child outlives the JVM that started it: the shutdown hook kills every running tree. */
@Timeout(value = 90, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ExitCleanupTest {

    static List<Object[]> cases() {
        List<Object[]> cases = new ArrayList<>();
        Mechanisms.available().forEach(m -> {
            cases.add(new Object[] {m, "return"});
            cases.add(new Object[] {m, "exit"});
        });
        return cases;
    }

    @ParameterizedTest(name = "{0}, main does {1}")
    @MethodSource("cases")
    void childrenStillRunningAtExitAreKilledWithTheirTrees(LaunchMechanism m, String how) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED",
                "-D" + dev.weft.subprocess.internal.Launchers.PROPERTY + "=" + m,
                "-cp", codeSource(Popen.class) + File.pathSeparator + codeSource(LeavesChildRunningMain.class),
                LeavesChildRunningMain.class.getName(), how);

        // Weft runs the child JVM too: a bounded run whose timeout would kill it and its children.
        CompletedProcess<String> r = Subprocess.run(command, Options.defaults().captureOutput().text().timeout(Duration.ofSeconds(60)));

        assertThat(r.returncode()).as("stderr: %s", r.stderr()).isEqualTo(how.equals("exit") ? 3 : 0);
        long child = pidAfter(r.stdout(), "child ");
        long grandchild = pidAfter(r.stdout(), "grandchild ");
        assertThat(ProcessTable.awaitGone(child, Duration.ofSeconds(10))).as("child %d", child).isTrue();
        assertThat(ProcessTable.awaitGone(grandchild, Duration.ofSeconds(10))).as("grandchild %d", grandchild).isTrue();
    }

    private static long pidAfter(String out, String prefix) {
        return out.lines().filter(l -> l.startsWith(prefix)).mapToLong(l -> Long.parseLong(l.substring(prefix.length()).trim()))
                .findFirst().orElseThrow(() -> new AssertionError("no '" + prefix + "' line in " + out));
    }

    private static String codeSource(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
