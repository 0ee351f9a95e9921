package dev.weft.process.internal.wire;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD;

import dev.weft.function.ThrowingFunction;
import dev.weft.process.internal.wire.WireTypes.Bag;
import dev.weft.process.internal.wire.WireTypes.Box;
import dev.weft.process.internal.wire.WireTypes.Color;
import dev.weft.process.internal.wire.WireTypes.Holder;
import dev.weft.process.internal.wire.WireTypes.Line;
import dev.weft.process.internal.wire.WireTypes.Point;
import dev.weft.process.internal.wire.WireTypes.Positive;
import dev.weft.process.internal.wire.WireTypes.Primitives;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Random and mutated input for {@link Codec#decode} and {@link FrameReader}: whatever the bytes,
 * the only outcomes are a value or one of the documented exceptions ({@link ProtocolException},
 * {@link ClassNotAllowedException}, {@link EOFException}); never another exception, an
 * {@link OutOfMemoryError} or a hang. Each run is bounded (2 seconds or 20,000 cases per target)
 * and seeded; the seed is in every failure message, and {@code -Dweft.fuzz.seed=N} replays it.
 */
@Timeout(value = 30, unit = SECONDS, threadMode = SEPARATE_THREAD)
class WireFuzzTest {
    /** Per target; {@code -Dweft.fuzz.millis} and {@code -Dweft.fuzz.cases} make a longer run. */
    private static final long BUDGET_NANOS = Long.getLong("weft.fuzz.millis", 2_000L) * 1_000_000L;
    private static final int MAX_CASES = Integer.getInteger("weft.fuzz.cases", 20_000);
    private static final int MAX_FRAME = 4096;
    /** Interesting byte values: tags, varint continuation, sign bits, Java serialization markers. */
    private static final byte[] INTERESTING = {0, 1, 2, 0x7F, (byte) 0x80, (byte) 0xFF, Codec.LIST, Codec.MAP,
        Codec.RECORD, Codec.SERIALIZED, Codec.TYPED_ARRAY, 0x70, 0x71, 0x72, 0x73, 0x75, 0x78, 0x7E};

    private final long seed = Long.getLong("weft.fuzz.seed", System.nanoTime());
    private final Random random = new Random(seed);
    private final Codec codec = new Codec(ClassAllowlist.builder().allowPackage(WireFuzzTest.class.getPackageName()).build());

    private List<byte[]> corpus() throws Exception {
        int k = 3;
        ThrowingFunction<Integer, Integer> lambda = x -> x + k;
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put("a", List.of(1, 2L, 3.0f));
        map.put(Color.GREEN, Optional.of(new Point(1, 2)));
        map.put(null, new int[] {1, -1, Integer.MAX_VALUE});
        List<Object> values = List.of(
                1, -70_000L, "héllo 🌍", new byte[] {1, 2, 3}, new long[] {Long.MIN_VALUE}, new double[] {0.5},
                new Object[] {null, true, 'c', (short) 3, (byte) 4}, new String[] {"x", null},
                new Point[][] {{new Point(5, 6)}}, List.of(List.of(List.of())), Set.of("s", "t"), map,
                new Line(new Point(1, 1), new Point(2, 2), "l"), new Holder(Color.BLUE), new Positive(3),
                new Primitives(true, (byte) 1, (short) 2, 'c', 4, 5L, 6f, 7d), Optional.empty(), lambda,
                new Bag(), new Box(List.of(1, 2)), new BigDecimal("1.5"), LocalDate.of(2020, 1, 1),
                List.of(new Box(new Point(1, 2)), new Box(new Point(3, 4))));
        List<byte[]> corpus = new ArrayList<>();
        for (Object v : values) {
            ByteBuffer b = codec.encode(v);
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            corpus.add(bytes);
        }
        return corpus;
    }

    private byte[] mutate(byte[] original) {
        byte[] bytes = original.clone();
        int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations && bytes.length > 0; m++) {
            int at = random.nextInt(bytes.length);
            switch (random.nextInt(6)) {
                case 0 -> bytes[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> bytes[at] = INTERESTING[random.nextInt(INTERESTING.length)];
                case 2 -> bytes[at] = (byte) random.nextInt(256);
                case 3 -> bytes = java.util.Arrays.copyOf(bytes, at); // truncate
                case 4 -> { // insert random bytes
                    byte[] insert = new byte[1 + random.nextInt(8)];
                    random.nextBytes(insert);
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    out.write(bytes, 0, at);
                    out.writeBytes(insert);
                    out.write(bytes, at, bytes.length - at);
                    bytes = out.toByteArray();
                }
                default -> { // duplicate a slice somewhere else
                    int length = Math.min(bytes.length - at, 1 + random.nextInt(16));
                    int to = random.nextInt(bytes.length);
                    System.arraycopy(bytes, at, bytes, to, Math.min(length, bytes.length - to));
                }
            }
        }
        return bytes;
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[random.nextInt(200)];
        random.nextBytes(bytes);
        if (bytes.length > 0 && random.nextBoolean()) {
            bytes[0] = (byte) random.nextInt(26); // a valid tag, so the fuzz gets past the first byte
        }
        return bytes;
    }

    private String describe(int i, byte[] input) {
        String hex = HexFormat.of().formatHex(input, 0, Math.min(input.length, 512));
        return "seed=" + seed + " (replay with -Dweft.fuzz.seed=" + seed + "), case " + i + ", input " + hex;
    }

    @Test
    void decodingRandomAndMutatedEncodingsOnlyThrowsDocumentedExceptions() throws Exception {
        List<byte[]> corpus = corpus();
        for (byte[] valid : corpus) {
            codec.decode(ByteBuffer.wrap(valid)); // the corpus itself decodes
        }
        long deadline = System.nanoTime() + BUDGET_NANOS;
        int cases = 0;
        for (; cases < MAX_CASES && System.nanoTime() < deadline; cases++) {
            byte[] input = cases % 4 == 0 ? randomBytes() : mutate(corpus.get(random.nextInt(corpus.size())));
            try {
                codec.decode(ByteBuffer.wrap(input));
            } catch (ProtocolException | ClassNotAllowedException expected) {
                assertThat(expected.getMessage()).as(describe(cases, input)).isNotBlank();
            } catch (Throwable t) {
                fail("undocumented " + t + " for " + describe(cases, input), t);
            }
        }
        assertThat(cases).as("cases run, seed=" + seed).isGreaterThan(100);
    }

    @Test
    void readingRandomAndMutatedFrameStreamsOnlyThrowsDocumentedExceptions() throws Exception {
        List<byte[]> corpus = corpus();
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        FrameWriter writer = new FrameWriter(Channels.newChannel(sink), 64, MAX_FRAME);
        for (byte[] payload : corpus) {
            if (payload.length <= MAX_FRAME) {
                writer.write(random.nextInt(256), ByteBuffer.wrap(payload));
            }
        }
        writer.flush();
        byte[] stream = sink.toByteArray();
        long deadline = System.nanoTime() + BUDGET_NANOS;
        int cases = 0;
        for (; cases < MAX_CASES && System.nanoTime() < deadline; cases++) {
            byte[] input = cases % 4 == 0 ? randomBytes() : mutate(stream);
            FrameReader reader = new FrameReader(Channels.newChannel(new ByteArrayInputStream(input)),
                    16 + random.nextInt(200), MAX_FRAME);
            try {
                // Every frame takes at least 5 bytes, so this loop ends within input.length / 5 + 1 rounds.
                for (int frames = 0; reader.next() != FrameReader.END_OF_STREAM; frames++) {
                    assertThat(frames).as(describe(cases, input)).isLessThanOrEqualTo(input.length / 5);
                    assertThat(reader.payload().remaining()).isLessThanOrEqualTo(MAX_FRAME);
                    try {
                        codec.decode(reader.payload());
                    } catch (ProtocolException | ClassNotAllowedException expected) {
                        // a damaged payload in an intact frame: that message fails, the stream goes on
                    }
                }
            } catch (ProtocolException | EOFException expected) {
                assertThat(expected.getMessage()).as(describe(cases, input)).isNotBlank();
            } catch (Throwable t) {
                fail("undocumented " + t + " for " + describe(cases, input), t);
            }
        }
        assertThat(cases).as("cases run, seed=" + seed).isGreaterThan(100);
    }
}
