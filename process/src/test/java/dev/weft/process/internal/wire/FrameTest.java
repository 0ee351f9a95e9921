package dev.weft.process.internal.wire;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link FrameWriter} and {@link FrameReader}: batching, round trips through small and large
 * buffers, the frame size limit (at, above, huge, negative), truncation and clean end of stream.
 */
@Timeout(value = 30, unit = SECONDS, threadMode = SEPARATE_THREAD)
class FrameTest {

    /** A channel over a byte array output that counts its {@code write} calls. */
    private static final class CountingSink implements WritableByteChannel {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final WritableByteChannel inner = Channels.newChannel(bytes);
        int writes;

        @Override
        public int write(ByteBuffer src) throws java.io.IOException {
            writes++;
            return inner.write(src);
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {}
    }

    /** A channel that hands out at most {@code chunk} bytes per read and counts reads. */
    private static final class TrickleSource implements ReadableByteChannel {
        private final ByteBuffer data;
        private final int chunk;
        int reads;

        TrickleSource(byte[] data, int chunk) {
            this.data = ByteBuffer.wrap(data);
            this.chunk = chunk;
        }

        @Override
        public int read(ByteBuffer dst) {
            reads++;
            if (!data.hasRemaining()) {
                return -1;
            }
            int n = Math.min(chunk, Math.min(dst.remaining(), data.remaining()));
            dst.put(data.slice(data.position(), n));
            data.position(data.position() + n);
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {}
    }

    private static byte[] header(int length, int type) {
        return ByteBuffer.allocate(5).putInt(length).put((byte) type).array();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static FrameReader reader(byte[] bytes, int bufferSize, int max) {
        return new FrameReader(Channels.newChannel(new ByteArrayInputStream(bytes)), bufferSize, max);
    }

    private static byte[] remainingBytes(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return a;
    }

    @Test
    void smallFramesAreBatchedIntoOneWrite() throws Exception {
        CountingSink sink = new CountingSink();
        FrameWriter writer = new FrameWriter(sink, 4096, 1 << 20);
        for (int i = 0; i < 100; i++) {
            writer.write(i % 256, ByteBuffer.wrap(new byte[] {(byte) i, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
        }
        assertThat(sink.writes).isZero();
        assertThat(writer.buffered()).isEqualTo(100 * 15);
        writer.flush();
        assertThat(sink.writes).isEqualTo(1);
        assertThat(writer.buffered()).isZero();
        FrameReader reader = reader(sink.bytes.toByteArray(), 64, 1 << 20);
        for (int i = 0; i < 100; i++) {
            assertThat(reader.next()).isEqualTo(i);
            assertThat(remainingBytes(reader.payload())).startsWith((byte) i).hasSize(10);
        }
        assertThat(reader.next()).isEqualTo(FrameReader.END_OF_STREAM);
    }

    @Test
    void manyFramesOfMixedSizesRoundTripThroughSmallAndLargeBuffers() throws Exception {
        Random random = new Random(7);
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            int size = switch (i % 5) {
                case 0 -> 0;
                case 1 -> random.nextInt(20);
                case 2 -> random.nextInt(300);
                case 3 -> 200 + random.nextInt(2_000);
                default -> random.nextInt(20_000);
            };
            byte[] p = new byte[size];
            random.nextBytes(p);
            payloads.add(p);
        }
        for (int writerBuffer : new int[] {16, 256, 65_536}) {
            for (int readerBuffer : new int[] {16, 128, 65_536}) {
                CountingSink sink = new CountingSink();
                FrameWriter writer = new FrameWriter(sink, writerBuffer, 1 << 20);
                for (int i = 0; i < payloads.size(); i++) {
                    ByteBuffer payload = ByteBuffer.wrap(payloads.get(i));
                    writer.write(i & 0xFF, payload);
                    assertThat(payload.hasRemaining()).isFalse();
                }
                writer.flush();
                TrickleSource source = new TrickleSource(sink.bytes.toByteArray(), 1 + random.nextInt(5_000));
                FrameReader reader = new FrameReader(source, readerBuffer, 1 << 20);
                for (int i = 0; i < payloads.size(); i++) {
                    assertThat(reader.next()).as("frame %d", i).isEqualTo(i & 0xFF);
                    assertThat(reader.type()).isEqualTo(i & 0xFF);
                    assertThat(remainingBytes(reader.payload())).as("frame %d", i).isEqualTo(payloads.get(i));
                }
                assertThat(reader.next()).isEqualTo(FrameReader.END_OF_STREAM);
                assertThat(reader.type()).isEqualTo(FrameReader.END_OF_STREAM);
            }
        }
    }

    @Test
    void largePayloadsGoOutWithAGatheringWriteThroughAPipe() throws Exception {
        Pipe pipe = Pipe.open();
        byte[] big = new byte[3 << 20];
        new Random(3).nextBytes(big);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread sender = Thread.ofVirtual().start(() -> {
            try (var sink = pipe.sink()) {
                FrameWriter writer = new FrameWriter(sink);
                writer.write(1, ByteBuffer.wrap(new byte[] {42}));
                writer.write(2, ByteBuffer.wrap(big));
                writer.write(3, ByteBuffer.allocate(0));
                writer.flush();
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        try (var source = pipe.source()) {
            FrameReader reader = new FrameReader(source);
            assertThat(reader.next()).isEqualTo(1);
            assertThat(remainingBytes(reader.payload())).containsExactly(42);
            assertThat(reader.next()).isEqualTo(2);
            assertThat(Arrays.equals(remainingBytes(reader.payload()), big)).isTrue();
            assertThat(reader.next()).isEqualTo(3);
            assertThat(reader.payload().remaining()).isZero();
            assertThat(reader.next()).isEqualTo(FrameReader.END_OF_STREAM);
        }
        sender.join();
        assertThat(failure.get()).isNull();
    }

    @Test
    void aFrameExactlyAtTheLimitPassesAndOneByteMoreIsRefused() throws Exception {
        CountingSink sink = new CountingSink();
        FrameWriter writer = new FrameWriter(sink, 64, 1000);
        writer.write(9, ByteBuffer.allocate(1000));
        assertThatThrownBy(() -> writer.write(9, ByteBuffer.allocate(1001)))
                .isInstanceOf(FrameTooLargeException.class)
                .hasMessageContaining("1001").hasMessageContaining("1000");
        writer.flush();
        FrameReader atLimit = reader(sink.bytes.toByteArray(), 64, 1000);
        assertThat(atLimit.next()).isEqualTo(9);
        assertThat(atLimit.payload().remaining()).isEqualTo(1000);

        FrameReader over = reader(concat(header(1001, 9), new byte[1001]), 64, 1000);
        assertThatThrownBy(over::next)
                .isInstanceOf(FrameTooLargeException.class)
                .hasMessage("frame of 1001 bytes exceeds the limit of 1000 bytes")
                .satisfies(e -> {
                    assertThat(((FrameTooLargeException) e).size()).isEqualTo(1001);
                    assertThat(((FrameTooLargeException) e).limit()).isEqualTo(1000);
                });
    }

    @Test
    void aHugeLengthPrefixIsRefusedBeforeReadingOrAllocatingMore() {
        // An endless stream: if the reader tried to read the payload it would never finish.
        AtomicInteger reads = new AtomicInteger();
        byte[] head = header(0x7FFF_FFFF, 1);
        ReadableByteChannel endless = new ReadableByteChannel() {
            private long served;

            @Override
            public int read(ByteBuffer dst) {
                reads.incrementAndGet();
                int n = 0;
                while (dst.hasRemaining()) {
                    dst.put(served < head.length ? head[(int) served] : 0);
                    served++;
                    n++;
                }
                return n;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {}
        };
        FrameReader reader = new FrameReader(endless); // default limit: 64 MiB
        assertThatThrownBy(reader::next)
                .isInstanceOf(FrameTooLargeException.class)
                .isInstanceOf(ProtocolException.class)
                .hasMessage("frame of 2147483647 bytes exceeds the limit of 67108864 bytes");
        assertThat(reads.get()).as("reads: only the one that brought the header").isEqualTo(1);
        assertThatThrownBy(reader::payload).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aNegativeLengthPrefixIsRefused() {
        FrameReader reader = reader(concat(header(-1, 0), new byte[10]), 64, 1000);
        assertThatThrownBy(reader::next)
                .isInstanceOf(FrameTooLargeException.class)
                .hasMessageContaining("negative: -1");
        FrameReader minValue = reader(header(Integer.MIN_VALUE, 0), 64, 1000);
        assertThatThrownBy(minValue::next).isInstanceOf(FrameTooLargeException.class);
    }

    @Test
    void aTruncatedPayloadIsAnEofException() {
        FrameReader small = reader(concat(header(10, 1), new byte[4]), 64, 1000);
        assertThatThrownBy(small::next)
                .isExactlyInstanceOf(EOFException.class)
                .hasMessage("truncated frame: expected 10 bytes of payload, got 4");
        // Larger than the reader's buffer: the other path.
        FrameReader large = reader(concat(header(500, 1), new byte[300]), 64, 1000);
        assertThatThrownBy(large::next)
                .isExactlyInstanceOf(EOFException.class)
                .hasMessage("truncated frame: expected 500 bytes of payload, got 300");
    }

    @Test
    void aTruncatedHeaderIsAnEofException() throws Exception {
        FrameReader reader = reader(concat(header(1, 1), new byte[] {5}, new byte[] {0, 0, 0}), 64, 1000);
        assertThat(reader.next()).isEqualTo(1);
        assertThatThrownBy(reader::next)
                .isExactlyInstanceOf(EOFException.class)
                .hasMessage("truncated frame header: expected 5 bytes, got 3");
    }

    @Test
    void theEndOfStreamBetweenFramesIsACleanSignal() throws Exception {
        FrameReader empty = reader(new byte[0], 64, 1000);
        assertThat(empty.next()).isEqualTo(FrameReader.END_OF_STREAM);
        assertThat(empty.next()).isEqualTo(FrameReader.END_OF_STREAM);
        assertThatThrownBy(empty::payload).isInstanceOf(IllegalStateException.class);
        FrameReader two = reader(concat(header(0, 7), header(2, 8), new byte[] {1, 2}), 16, 1000);
        assertThat(two.next()).isEqualTo(7);
        assertThat(two.next()).isEqualTo(8);
        assertThat(two.next()).isEqualTo(FrameReader.END_OF_STREAM);
    }

    @Test
    void badArgumentsAreRefused() throws Exception {
        CountingSink sink = new CountingSink();
        FrameWriter writer = new FrameWriter(sink);
        assertThatThrownBy(() -> writer.write(256, ByteBuffer.allocate(0))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> writer.write(-1, ByteBuffer.allocate(0))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FrameWriter(sink, 8, 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FrameWriter(sink, 64, -1)).isInstanceOf(IllegalArgumentException.class);
        Pipe pipe = Pipe.open();
        try (var source = pipe.source(); var sinkChannel = pipe.sink()) {
            source.configureBlocking(false);
            sinkChannel.configureBlocking(false);
            assertThatThrownBy(() -> new FrameReader(source)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("blocking");
            assertThatThrownBy(() -> new FrameWriter(sinkChannel)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void codecMessagesTravelInFrames() throws Exception {
        Codec codec = new Codec(ClassAllowlist.builder().allowPackage("dev.weft.process").build());
        CountingSink sink = new CountingSink();
        FrameWriter writer = new FrameWriter(sink);
        GrowableBuffer out = new GrowableBuffer();
        for (int i = 0; i < 1_000; i++) {
            out.clear();
            codec.encode(List.of(i, "task-" + i, new WireTypes.Point(i, -i)), out);
            writer.write(1, out.contents());
        }
        writer.flush();
        FrameReader reader = reader(sink.bytes.toByteArray(), 65_536, 1 << 20);
        for (int i = 0; i < 1_000; i++) {
            assertThat(reader.next()).isEqualTo(1);
            assertThat(codec.decode(reader.payload())).isEqualTo(List.of(i, "task-" + i, new WireTypes.Point(i, -i)));
        }
        assertThat(reader.next()).isEqualTo(FrameReader.END_OF_STREAM);
    }
}
