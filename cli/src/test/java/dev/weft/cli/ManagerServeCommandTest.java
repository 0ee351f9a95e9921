package dev.weft.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.process.Address;
import dev.weft.process.AuthenticationException;
import dev.weft.process.DictProxy;
import dev.weft.process.Manager;
import dev.weft.process.ManagerUnavailableException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code weft manager serve}: a real server, reached by real clients, stopped as a user would. */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ManagerServeCommandTest {

    private static final byte[] KEY = "the shared secret".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private Path keyFile(byte[] key, String mode) throws Exception {
        Path file = dir.resolve("authkey");
        Files.write(file, key);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    private record Run(CommandLine cmd, StringWriter out, StringWriter err) {
        ManagerServeCommand serve() {
            return (ManagerServeCommand) cmd.getSubcommands().get("manager").getSubcommands().get("serve").getCommand();
        }
    }

    private static Run commandLine() {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cmd = new CommandLine(new Weft());
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return new Run(cmd, out, err);
    }

    @Test
    void servesADictToClientsThatKnowTheKeyUntilStopped() throws Exception {
        Run run = commandLine();
        Path key = keyFile(KEY, "rw-------");
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> run.cmd().execute(
                "manager", "serve", "--address", "127.0.0.1:0", "--authkey-file", key.toString()));
        Address address = run.serve().listening.get(60, TimeUnit.SECONDS);

        assertThat(address).isInstanceOf(Address.Tcp.class);
        assertThat(((Address.Tcp) address).port()).isPositive();
        assertThat(run.out().toString()).startsWith("weft manager: serving at " + address + " (pid ");
        try (Manager one = Manager.connect(address, KEY); Manager two = Manager.connect(address, KEY)) {
            DictProxy<String, Integer> d = one.dict();
            d.put("answer", 42);
            two.dict().put("other", 1); // two clients at once, each with its own dict
            assertThat(d).containsExactly(java.util.Map.entry("answer", 42));
        }
        assertThatThrownBy(() -> Manager.connect(address, "a wrong key".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(AuthenticationException.class);
        // the server goes on serving after a wrong key
        try (Manager again = Manager.connect(address, KEY)) {
            assertThat(again.list(List.of(1, 2, 3))).containsExactly(1, 2, 3);
        }

        run.serve().stop();

        assertThat(exit.get(60, TimeUnit.SECONDS)).isZero();
        assertThat(run.out().toString()).endsWith("weft manager: shut down" + System.lineSeparator());
        assertThatThrownBy(() -> Manager.connect(address, KEY)).isInstanceOf(ManagerUnavailableException.class);
    }

    @Test
    void sigtermShutsAServerInItsOwnJvmDownCleanly() throws Exception {
        Path key = keyFile(KEY, "rw-------");
        Path socket = dir.resolve("m.sock");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Weft.class.getName(),
                "manager", "serve", "--address", "unix:" + socket, "--authkey-file", key.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (var lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String first = lines.readLine();
            assertThat(first).startsWith("weft manager: serving at unix:" + socket + " (pid " + p.pid() + ")");
            Address address = Address.parse("unix:" + socket);
            Manager client = Manager.connect(address, KEY);
            DictProxy<String, String> d = client.dict();
            d.put("k", "v");
            assertThat(d.get("k")).isEqualTo("v");
            assertThatThrownBy(() -> Manager.connect(address, new byte[] {1, 2, 3}))
                    .isInstanceOf(AuthenticationException.class);

            p.toHandle().destroy(); // SIGTERM; unlike Process.destroy, leaves its output readable

            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(lines.readLine()).isEqualTo("weft manager: shut down");
            assertThat(p.exitValue()).isEqualTo(128 + 15); // the JVM's status after SIGTERM
            assertThat(socket).doesNotExist();
            assertThatThrownBy(() -> d.get("k")).isInstanceOf(ManagerUnavailableException.class);
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void aKeyFileThatIsEmptyOrOpenToOthersIsRefused() throws Exception {
        Run empty = commandLine();
        assertThat(empty.cmd().execute("manager", "serve", "--authkey-file", keyFile(new byte[0], "rw-------").toString()))
                .isEqualTo(2);
        assertThat(empty.err().toString()).contains("is empty", "head -c 32 /dev/urandom");

        Run open = commandLine();
        assertThat(open.cmd().execute("manager", "serve", "--authkey-file", keyFile(KEY, "rw-r--r--").toString()))
                .isEqualTo(2);
        assertThat(open.err().toString()).contains("open to other users (mode rw-r--r--)", "chmod 600");

        Run missing = commandLine();
        assertThat(missing.cmd().execute("manager", "serve", "--authkey-file", dir.resolve("nosuch").toString()))
                .isEqualTo(2);
        assertThat(missing.err().toString()).contains("no authkey file");
    }

    @Test
    void aBadAddressOrAMissingKeyIsAUsageError() throws Exception {
        Run bad = commandLine();
        assertThat(bad.cmd().execute("manager", "serve", "--address", "nowhere", "--authkey-file",
                keyFile(KEY, "rw-------").toString())).isEqualTo(2);
        assertThat(bad.err().toString()).contains("not an address");

        Run noKey = commandLine();
        assertThat(noKey.cmd().execute("manager", "serve")).isEqualTo(2);
        assertThat(noKey.err().toString()).contains("--authkey-file");
    }

    @Test
    void helpExplainsTheKeyAndHowToStop() {
        Run help = commandLine();
        assertThat(help.cmd().execute("manager", "serve", "--help")).isZero();
        assertThat(help.out().toString()).contains("--address", "--authkey-file", "--max-frame", "SIGTERM",
                "chmod 600", "127.0.0.1:0");
    }
}
