package dev.weft.cluster;

import dev.weft.process.Process;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A cluster on loopback for tests: this JVM as a lite member (it holds no data and runs no tasks,
 * so killing workers never takes the test's own state with it) and worker members in child JVMs,
 * which die with this JVM. Each instance has a cluster name of its own, so test runs side by side
 * never join each other.
 */
final class Members implements AutoCloseable {
    static final Duration START = Duration.ofSeconds(90);

    final String name = "weft-test-" + UUID.randomUUID();
    final Cluster driver;
    final String address;
    private final List<Process> workers = new ArrayList<>();

    Members() {
        driver = Cluster.builder().name(name).port(0).liteMember(true).member();
        address = driver.localMember().orElseThrow().address();
    }

    /** Starts {@code n} worker members (2 threads each) and waits until they have all joined. */
    Members start(int n) throws InterruptedException {
        int before = driver.workers().size();
        for (int i = 0; i < n; i++) {
            workers.add(Worker.spawn(name, address, 2));
        }
        if (!driver.awaitWorkers(before + n, START)) {
            throw new IllegalStateException("workers did not join within " + START + ": " + driver.members());
        }
        return this;
    }

    /** The worker process whose member has {@code pid}. */
    Process process(long pid) {
        return workers.stream().filter(p -> p.pid() == pid).findFirst().orElseThrow();
    }

    /** SIGKILLs the member with process id {@code pid} and waits until the cluster has noticed. */
    void kill(long pid) throws InterruptedException {
        Process p = process(pid);
        java.util.concurrent.CountDownLatch gone = new java.util.concurrent.CountDownLatch(1);
        UUID listener = driver.hazelcast().getCluster().addMembershipListener(new com.hazelcast.cluster.MembershipListener() {
            @Override
            public void memberAdded(com.hazelcast.cluster.MembershipEvent e) {}

            @Override
            public void memberRemoved(com.hazelcast.cluster.MembershipEvent e) {
                if (dev.weft.cluster.internal.Dispatcher.pid(e.getMember()) == pid) {
                    gone.countDown();
                }
            }
        });
        try {
            p.kill();
            if (!gone.await(60, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new IllegalStateException("the cluster did not notice member " + pid + " die");
            }
        } finally {
            driver.hazelcast().getCluster().removeMembershipListener(listener);
        }
        p.join(Duration.ofSeconds(30));
    }

    @Override
    public void close() throws InterruptedException {
        driver.close();
        for (Process p : workers) {
            p.kill();
        }
        for (Process p : workers) {
            p.join(Duration.ofSeconds(30));
        }
    }
}
