package dev.weft.process.internal.hub;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD;

import dev.weft.process.AuthenticationException;
import dev.weft.process.ObjectUnavailableException;
import dev.weft.process.internal.PrivateDirectory;
import dev.weft.process.internal.wire.ClassAllowlist;
import dev.weft.process.internal.wire.Handshake;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The hub under hostile and failing peers: wrong keys, garbage after authentication, a client
 * that leaves mid-call, the owner closing its hub, unknown objects. Each test uses a hub of its
 * own, so closing it disturbs nobody else.
 */
@Timeout(value = 30, unit = SECONDS, threadMode = SEPARATE_THREAD)
class HubTest {
    private Hub hub;
    private QueueObject queue;
    private RemoteRef ref;

    @BeforeEach
    void start() {
        hub = new Hub(PrivateDirectory.socket("test-hub-" + System.nanoTime() % 100_000 + ".sock"));
        queue = new QueueObject(0);
        ref = hub.ref(hub.export(queue), "Queue", 0, 0);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private SocketChannel connect() throws IOException {
        SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
        c.connect(UnixDomainSocketAddress.of(((dev.weft.process.Address.Unix) hub.address()).path()));
        return c;
    }

    private SocketChannel authenticated() throws IOException {
        SocketChannel c = connect();
        Handshake.connect(c, ref.key());
        return c;
    }

    /** Whether the hub still answers a fresh, well-behaved client. */
    private void assertStillServes() throws Exception {
        RemoteRef fresh = ref.withToken(0);
        HubClient client = HubClient.of(fresh);
        queue.put(new byte[] {42}, -1);
        Result r = client.call(fresh, QueueObject.GET, -1, 0, null);
        assertThat(r.body()).containsExactly(42);
    }

    /** Reads until the hub closes the connection; fails the test (by its timeout) if it never does. */
    private static void assertClosedByHub(SocketChannel c) throws IOException {
        ByteBuffer sink = ByteBuffer.allocate(1024);
        try {
            while (c.read(sink.clear()) >= 0) {
                // replies, if any, until the close
            }
        } catch (IOException reset) {
            // closed with unread data: a reset is a close too
        }
        c.close();
    }

    @Test
    void aWrongKeyIsRefusedAndTheHubKeepsServing() throws Exception {
        try (SocketChannel c = connect()) {
            assertThatThrownBy(() -> Handshake.connect(c, Handshake.newKey()))
                    .isInstanceOf(AuthenticationException.class);
        }
        RemoteRef wrongKey = new RemoteRef(ref.address(), Handshake.newKey(), ref.ownerPid(), ref.objectId(),
                ref.kind(), 0, 0);
        assertThatThrownBy(() -> HubClient.of(wrongKey).callQuick(wrongKey, QueueObject.QSIZE, 0, 0, null))
                .isInstanceOf(AuthenticationException.class);
        assertStillServes();
    }

    @Test
    void randomBytesAfterAuthenticationCloseThatConnectionOnly() throws Exception {
        assertStillServes();
        byte[] junk = new byte[4096];
        new Random(5).nextBytes(junk);
        try (SocketChannel c = authenticated()) {
            c.write(ByteBuffer.wrap(junk));
            assertClosedByHub(c);
        }
        assertStillServes();
    }

    @Test
    void aHugeLengthPrefixClosesThatConnectionOnly() throws Exception {
        try (SocketChannel c = authenticated()) {
            c.write(ByteBuffer.allocate(5).putInt(Integer.MAX_VALUE).put((byte) Protocol.REQUEST).flip());
            assertClosedByHub(c);
        }
        try (SocketChannel c = authenticated()) {
            c.write(ByteBuffer.allocate(5 + 3).putInt(3).put((byte) Protocol.REQUEST).put(new byte[3]).flip());
            assertClosedByHub(c); // a request shorter than its header
        }
        try (SocketChannel c = authenticated()) {
            c.write(ByteBuffer.allocate(5 + 10).putInt(100).put((byte) Protocol.REQUEST).put(new byte[10]).flip());
            c.shutdownOutput(); // a truncated frame
            assertClosedByHub(c);
        }
        assertStillServes();
    }

    @Test
    void aClientThatLeavesMidCallTakesNothingAndDisturbsNobody() throws Exception {
        try (SocketChannel c = authenticated()) {
            ByteBuffer get = Protocol.request(1, ref.objectId(), QueueObject.GET, 0, -1, 0, null);
            c.write(ByteBuffer.allocate(5 + get.remaining()).putInt(get.remaining()).put((byte) Protocol.REQUEST)
                    .put(get).flip());
            while (hub.connectionCount() == 0) {
                Thread.onSpinWait();
            }
        } // gone while its get waits in the hub
        while (hub.connectionCount() != 0) {
            Thread.onSpinWait();
        }
        assertStillServes(); // the item goes to the live client, not to the departed one
    }

    @Test
    void whenTheOwnerClosesItsHubWaitingAndLaterCallsFail() throws Exception {
        HubClient client = HubClient.of(ref);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        CountDownLatch connected = new CountDownLatch(1);
        client.callQuick(ref, QueueObject.QSIZE, 0, 0, null);
        Thread getter = Thread.ofPlatform().start(() -> {
            connected.countDown();
            try {
                // Waiting in the owner when it closes, or arriving as it closes: both fail.
                outcome.set(new AssertionError(client.call(ref, QueueObject.GET, -1, 0, null).rethrow(ref.describe())));
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        connected.await();
        hub.close();
        getter.join();
        assertThat(outcome.get()).isInstanceOf(ObjectUnavailableException.class)
                .hasMessageContaining("pid " + ProcessHandle.current().pid());
        assertThatThrownBy(() -> HubClient.of(ref).callQuick(ref, QueueObject.QSIZE, 0, 0, null))
                .isInstanceOf(ObjectUnavailableException.class);
    }

    @Test
    void anUnknownObjectOrOpFailsThatCallOnly() throws Exception {
        RemoteRef unknown = new RemoteRef(ref.address(), ref.key(), ref.ownerPid(), 999, "Queue", 0, 0);
        HubClient client = HubClient.of(ref);
        assertThatThrownBy(() -> client.callQuick(unknown, QueueObject.QSIZE, 0, 0, null).rethrow(unknown.describe()))
                .isInstanceOf(ObjectUnavailableException.class).hasMessageContaining("no object 999");
        assertThatThrownBy(() -> client.callQuick(ref, 99, 0, 0, null).rethrow(ref.describe()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no op 99");
        assertStillServes();
    }

    @Test
    void anInterruptedCallWhoseWorkCompletedAnywayReturnsItsResultWithTheInterruptSet() throws Exception {
        CountDownLatch working = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        HubObject stubborn = call -> call.async(() -> {
            working.countDown();
            boolean done = false;
            while (!done) {
                try {
                    done = finish.await(10, SECONDS); // deaf to the cancel, like a take that had already taken
                } catch (InterruptedException cancel) {
                    // ignored on purpose
                }
            }
            return Result.ok(new byte[] {7});
        });
        RemoteRef stubbornRef = hub.ref(hub.export(stubborn), "Stub", 0, 0);
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread caller = Thread.ofPlatform().start(() -> {
            try {
                Result r = HubClient.of(stubbornRef).call(stubbornRef, 1, -1, 0, null);
                outcome.set(Thread.currentThread().isInterrupted() ? r : "not interrupted");
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        working.await();
        caller.interrupt();
        while (caller.getState() != Thread.State.TIMED_WAITING) {
            Thread.onSpinWait(); // waiting for the owner's answer to the cancel
        }
        finish.countDown();
        caller.join();
        assertThat(outcome.get()).isInstanceOf(Result.class);
        assertThat(((Result) outcome.get()).body()).containsExactly(7);
    }

    @Test
    void aFailedPostIsReportedByALaterCallOnThatObject() throws Exception {
        HubClient client = HubClient.of(ref);
        client.post(ref, 99, 0, 0, null); // no such op: fails in the owner, after this returned
        assertThatThrownBy(() -> client.sync(ref, java.time.Duration.ofSeconds(10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no op 99");
        assertThat(client.sync(ref, java.time.Duration.ofSeconds(10))).isTrue(); // reported once
    }

    @Test
    void theRefAndTheHandlesItResolvesToAreAllowedByDefault() {
        ClassAllowlist defaults = ClassAllowlist.jdkDefaults();
        assertThat(defaults.allows(RemoteRef.class)).isTrue();
        for (String handle : new String[] {"dev.weft.process.Queue", "dev.weft.process.JoinableQueue",
                "dev.weft.process.SimpleQueue", "dev.weft.process.Connection"}) {
            assertThat(defaults.allows(handle)).as(handle).isTrue();
            assertThat(ClassAllowlist.builder().build().allows(handle)).as(handle).isTrue();
        }
        assertThat(defaults.allows("dev.weft.process.internal.hub.Hub")).isFalse();
        assertThat(ref.toString()).doesNotContain(java.util.HexFormat.of().formatHex(ref.key()));
    }
}
