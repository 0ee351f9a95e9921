package dev.weft.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import com.hazelcast.core.LifecycleEvent;
import dev.weft.cluster.internal.Dispatcher;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The builder's settings, YAML files, client mode, and what a process that left the cluster gets. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClusterConfigTest {

    @Test
    void defaultsKeepAMemberOnLoopbackWithoutMulticastOrUsageReports() {
        Config c = Cluster.builder().memberConfig();
        assertThat(c.getClusterName()).isEqualTo("weft");
        assertThat(c.getNetworkConfig().getInterfaces().getInterfaces()).containsExactly("127.0.0.1");
        assertThat(c.getNetworkConfig().getPort()).isEqualTo(5701);
        assertThat(c.getNetworkConfig().getJoin().getMulticastConfig().isEnabled()).isFalse();
        assertThat(c.getNetworkConfig().getJoin().getTcpIpConfig().getMembers()).containsExactly("127.0.0.1:5701");
        assertThat(c.getProperty("hazelcast.phone.home.enabled")).isEqualTo("false");
        assertThat(c.getProperty("hazelcast.socket.bind.any")).isEqualTo("false");
        assertThat(c.getMemberAttributeConfig().getAttributes()).doesNotContainKey(Dispatcher.WORKER_ATTRIBUTE);
        Config w = Cluster.builder().worker(true).threads(3).join("10.0.0.1:5701").bind("10.0.0.2").memberConfig();
        assertThat(w.getMemberAttributeConfig().getAttribute(Dispatcher.WORKER_ATTRIBUTE)).isEqualTo("true");
        assertThat(w.getMemberAttributeConfig().getAttribute(Dispatcher.THREADS_ATTRIBUTE)).isEqualTo("3");
        assertThat(w.getExecutorConfig(Dispatcher.EXECUTOR).getPoolSize()).isEqualTo(3);
        assertThat(w.getNetworkConfig().getInterfaces().getInterfaces()).containsExactly("10.0.0.2");
        assertThat(w.getNetworkConfig().getJoin().getTcpIpConfig().getMembers()).containsExactly("10.0.0.1:5701");
    }

    @Test
    void aYamlFileIsTheStartAndTheBuildersSettingsGoOverIt(@TempDir Path dir) throws Exception {
        Path member = dir.resolve("member.yaml");
        Files.writeString(member, """
                hazelcast:
                  cluster-name: from-yaml
                  network:
                    port:
                      port: 6801
                  queue:
                    default:
                      backup-count: 2
                """);
        Config c = Cluster.builder().yaml(member).memberConfig();
        assertThat(c.getClusterName()).isEqualTo("from-yaml");
        assertThat(c.getNetworkConfig().getPort()).isEqualTo(6801);
        assertThat(c.getQueueConfig("default").getBackupCount()).isEqualTo(2);
        assertThat(c.getProperty("hazelcast.phone.home.enabled")).isEqualTo("false"); // Weft's own, always
        assertThat(c.getExecutorConfig(Dispatcher.EXECUTOR).getPoolSize()).isPositive();
        assertThat(Cluster.builder().yaml(member).name("over").port(6901).memberConfig())
                .satisfies(o -> assertThat(o.getClusterName()).isEqualTo("over"))
                .satisfies(o -> assertThat(o.getNetworkConfig().getPort()).isEqualTo(6901));

        Path client = dir.resolve("client.yaml");
        Files.writeString(client, """
                hazelcast-client:
                  cluster-name: client-yaml
                  network:
                    cluster-members:
                      - 127.0.0.1:6801
                """);
        ClientConfig cc = Cluster.builder().yaml(client).clientConfig();
        assertThat(cc.getClusterName()).isEqualTo("client-yaml");
        assertThat(cc.getNetworkConfig().getAddresses()).containsExactly("127.0.0.1:6801");
        assertThatThrownBy(() -> Cluster.builder().yaml(dir.resolve("missing.yaml")).memberConfig())
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("missing.yaml");
    }

    @Test
    void badSettingsAreRefusedAtOnce() {
        Cluster.Builder b = Cluster.builder();
        assertThatThrownBy(() -> b.port(-1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port");
        assertThatThrownBy(() -> b.threads(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.backupCount(7)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.memberTimeout(Duration.ofMillis(10))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.taskAttempts(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.name(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.allowPackage("java.util")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aClientRunsTasksOnMembersAndGetsClusterUnavailableOnceTheClusterIsGone() throws Exception {
        String name = "weft-client-test-" + UUID.randomUUID();
        Cluster member = Cluster.builder().name(name).port(0).worker(true).threads(2).member();
        String address = member.localMember().orElseThrow().address();
        Cluster client = Cluster.builder().name(name).join(address).memberTimeout(Duration.ofSeconds(1)).client();
        try {
            assertThat(client.isClient()).isTrue();
            assertThat(client.localMember()).isEmpty();
            assertThat(client.awaitWorkers(1, Duration.ofSeconds(60))).isTrue();
            try (ClusterPool pool = client.pool()) {
                assertThat(pool.map(x -> x + 1, List.of(1, 2, 3))).containsExactly(2, 3, 4);
            }
            client.dict("d").put("k", "v");
            assertThat(member.dict("d").get("k")).isEqualTo("v");
            assertThat(Cluster.current()).isSameAs(member); // the worker member of this JVM

            CountDownLatch gone = new CountDownLatch(1);
            client.hazelcast().getLifecycleService().addLifecycleListener(e -> {
                if (e.getState() == LifecycleEvent.LifecycleState.SHUTDOWN) {
                    gone.countDown();
                }
            });
            member.close();
            // The client tries to reconnect for twice its member timeout, then gives up: no hang.
            assertThat(gone.await(60, TimeUnit.SECONDS)).isTrue();
            assertThat(client.isRunning()).isFalse();
            assertThatThrownBy(client::pool).isInstanceOf(ClusterUnavailableException.class).hasMessageContaining(name);
            assertThatThrownBy(() -> client.dict("d")).isInstanceOf(ClusterUnavailableException.class);
            assertThatThrownBy(Cluster::current).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("no worker member runs in this JVM");
        } finally {
            client.close();
            member.close();
        }
    }
}
