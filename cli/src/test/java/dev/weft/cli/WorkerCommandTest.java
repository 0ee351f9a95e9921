package dev.weft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.weft.cluster.Cluster;
import dev.weft.cluster.ClusterPool;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/** {@code weft worker}: a member that runs a client's tasks, and its usage errors. */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WorkerCommandTest {

    private static int run(StringWriter err, String... args) {
        CommandLine cmd = new CommandLine(new Weft());
        cmd.setOut(new PrintWriter(new StringWriter(), true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    @Test
    void aWorkerJoinsRunsAClientsTasksAndEndsWhenItsMemberShutsDown() throws Exception {
        String name = "weft-worker-test-" + UUID.randomUUID();
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        StringWriter err = new StringWriter();
        String p = Integer.toString(port);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
                () -> run(err, "worker", "--cluster", name, "--port", p, "--threads", "1"));
        try (Cluster client = Cluster.builder().name(name).join("127.0.0.1:" + port)
                .memberTimeout(Duration.ofSeconds(30)).client()) {
            assertThat(client.awaitWorkers(1, Duration.ofSeconds(60))).isTrue();
            assertThat(client.workers().getFirst().address()).isEqualTo("127.0.0.1:" + port);
            try (ClusterPool pool = client.pool()) {
                assertThat(pool.map(x -> x * 10, List.of(1, 2, 3))).containsExactly(10, 20, 30);
            }
        }
        HazelcastInstance member = Hazelcast.getAllHazelcastInstances().stream()
                .filter(h -> h.getConfig().getClusterName().equals(name)).findFirst().orElseThrow();
        member.shutdown(); // what SIGTERM does, through Hazelcast's shutdown hook
        assertThat(exit.get(60, TimeUnit.SECONDS)).as(err.toString()).isZero();
    }

    @Test
    void badOptionsAreUsageErrorsThatSayWhatIsWrong() {
        StringWriter err = new StringWriter();
        assertThat(run(err, "worker", "--threads", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("threads must be at least 1");
        StringWriter err2 = new StringWriter();
        assertThat(run(err2, "worker", "--classpath", "/no/such/dir")).isEqualTo(2);
        assertThat(err2.toString()).contains("no such file or directory /no/such/dir");
        StringWriter err3 = new StringWriter();
        assertThat(run(err3, "worker", "--allow-package", "java.util")).isEqualTo(2);
    }
}
