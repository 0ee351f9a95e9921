package dev.weft.process;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD;

import dev.weft.process.internal.hub.Endpoints;
import dev.weft.process.internal.wire.Handshake;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Random bytes, truncated frames, huge length prefixes and random well-formed requests sent to a
 * manager's server, before and after authenticating: each closes (or fails) that connection alone,
 * and the server goes on serving a well-behaved client. Bounded in time (a few seconds); the seed is
 * printed so that a failure can be replayed.
 */
@Timeout(value = 60, unit = SECONDS, threadMode = SEPARATE_THREAD)
class ManagerFuzzTest {
    private static final byte[] AUTHKEY = "fuzz".getBytes();
    private static final long BUDGET_NANOS = 3_000_000_000L;

    @Test
    void garbageClosesOnlyItsOwnConnection() throws Exception {
        long seed = System.nanoTime();
        System.out.println("ManagerFuzzTest seed " + seed);
        Random random = new Random(seed);
        try (Manager manager = Manager.builder().inProcess().address(Address.loopback(0)).authkey(AUTHKEY)
                .maxFrameSize(64 * 1024).start()) {
            // Objects 1 to 6 take the random requests; the well-behaved client uses 7 and 8.
            manager.dict();
            manager.list(List.of("a"));
            manager.queue();
            manager.namespace();
            manager.value(1);
            manager.array(List.of(1, 2));
            DictProxy<Integer, Integer> d = manager.dict();
            ListProxy<String> l = manager.list(List.of("a"));
            long deadline = System.nanoTime() + BUDGET_NANOS;
            int rounds = 0;
            while (System.nanoTime() < deadline || rounds < 20) {
                try (SocketChannel raw = Endpoints.connect(manager.address())) {
                    switch (random.nextInt(4)) {
                        case 0 -> raw.write(ByteBuffer.wrap(bytes(random, random.nextInt(300))));
                        case 1 -> {
                            Handshake.connect(raw, Handshake.fromAuthkey(AUTHKEY));
                            raw.write(ByteBuffer.wrap(bytes(random, random.nextInt(300))));
                        }
                        case 2 -> {
                            Handshake.connect(raw, Handshake.fromAuthkey(AUTHKEY));
                            int length = random.nextBoolean() ? random.nextInt() : random.nextInt(200);
                            ByteBuffer b = ByteBuffer.allocate(5 + 64).putInt(length).put((byte) random.nextInt(6));
                            b.put(bytes(random, random.nextInt(64))).flip(); // often truncated
                            raw.write(b);
                        }
                        default -> {
                            Handshake.connect(raw, Handshake.fromAuthkey(AUTHKEY));
                            for (int i = random.nextInt(10); i >= 0; i--) {
                                raw.write(randomRequest(random));
                            }
                        }
                    }
                } catch (IOException | AuthenticationException e) {
                    // the server closed it first: fine
                }
                rounds++;
                d.put(rounds, rounds);
                assertThat(d.get(rounds)).isEqualTo(rounds);
            }
            assertThat(l).containsExactly("a");
            assertThat(Manager.connect(manager.address(), AUTHKEY).dict().size()).isZero();
            System.out.println("ManagerFuzzTest rounds " + rounds);
        }
    }

    /** A well-formed REQUEST frame to a random object (never object 0, which could shut the server down). */
    private static ByteBuffer randomRequest(Random random) {
        byte[] body = bytes(random, random.nextInt(40));
        ByteBuffer b = ByteBuffer.allocate(5 + 34 + body.length);
        b.putInt(34 + body.length).put((byte) 1);
        b.putLong(random.nextLong()).putLong(1 + random.nextInt(6)).put((byte) random.nextInt(16)).put((byte) random.nextInt(2));
        b.putLong(random.nextBoolean() ? 0 : random.nextInt(1000)).putLong(random.nextLong()).put(body);
        return b.flip();
    }

    private static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
