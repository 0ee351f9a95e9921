package dev.weft.process.internal.wire;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD;

import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link FrameReader#poll()} over a non-blocking channel, and {@link WaitingWriteChannel}. */
@Timeout(value = 60, unit = SECONDS, threadMode = SEPARATE_THREAD)
class FramePollingTest {

    private static byte[] header(int length, int type) {
        return ByteBuffer.allocate(FrameWriter.HEADER_SIZE).putInt(length).put((byte) type).array();
    }

    private static void put(Pipe.SinkChannel sink, byte[] bytes) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            sink.write(b);
        }
    }

    private static Pipe nonBlockingPipe() throws Exception {
        Pipe pipe = Pipe.open();
        pipe.source().configureBlocking(false);
        return pipe;
    }

    @Test
    void aFrameArrivingInPiecesIsReturnedOnceWhole() throws Exception {
        Pipe pipe = nonBlockingPipe();
        var sink = pipe.sink();
        try (var source = pipe.source()) {
            FrameReader reader = FrameReader.polling(source, 64, 1000);
            assertThat(reader.poll()).isEqualTo(FrameReader.NO_FRAME);
            byte[] header = header(3, 9);
            put(sink, Arrays.copyOfRange(header, 0, 2));
            assertThat(reader.poll()).isEqualTo(FrameReader.NO_FRAME);
            put(sink, Arrays.copyOfRange(header, 2, 5));
            put(sink, new byte[] {1, 2});
            assertThat(reader.poll()).isEqualTo(FrameReader.NO_FRAME);
            put(sink, new byte[] {3});
            assertThat(reader.poll()).isEqualTo(9);
            ByteBuffer p = reader.payload();
            assertThat(new byte[] {p.get(), p.get(), p.get()}).containsExactly(1, 2, 3);
            // two frames that arrived together come one poll each
            put(sink, header(0, 4));
            put(sink, header(1, 5));
            put(sink, new byte[] {7});
            assertThat(reader.poll()).isEqualTo(4);
            assertThat(reader.poll()).isEqualTo(5);
            assertThat(reader.payload().get()).isEqualTo((byte) 7);
            assertThat(reader.poll()).isEqualTo(FrameReader.NO_FRAME);
            sink.close();
            assertThat(reader.poll()).isEqualTo(FrameReader.END_OF_STREAM);
        } finally {
            sink.close();
        }
    }

    @Test
    void aFrameLargerThanTheBufferIsFilledAcrossPolls() throws Exception {
        Pipe pipe = nonBlockingPipe();
        try (var source = pipe.source(); var sink = pipe.sink()) {
            FrameReader reader = FrameReader.polling(source, 16, 1000);
            byte[] payload = new byte[100];
            for (int i = 0; i < payload.length; i++) {
                payload[i] = (byte) i;
            }
            put(sink, header(100, 2));
            put(sink, Arrays.copyOfRange(payload, 0, 40));
            assertThat(reader.poll()).isEqualTo(FrameReader.NO_FRAME);
            put(sink, Arrays.copyOfRange(payload, 40, 100));
            assertThat(reader.poll()).isEqualTo(2);
            ByteBuffer p = reader.payload();
            byte[] got = new byte[p.remaining()];
            p.get(got);
            assertThat(got).isEqualTo(payload);
        }
    }

    @Test
    void badStreamsFailAsNextDoes() throws Exception {
        Pipe pipe = nonBlockingPipe();
        try (var source = pipe.source(); var sink = pipe.sink()) {
            FrameReader reader = FrameReader.polling(source, 64, 10);
            put(sink, header(11, 1));
            assertThatThrownBy(reader::poll).isInstanceOf(FrameTooLargeException.class);
        }
        Pipe truncated = nonBlockingPipe();
        try (var source = truncated.source()) {
            FrameReader reader = FrameReader.polling(source, 64, 100);
            try (var sink = truncated.sink()) {
                put(sink, header(5, 1));
                put(sink, new byte[] {1, 2});
                assertThat(reader.poll()).isEqualTo(FrameReader.NO_FRAME);
            }
            assertThatThrownBy(reader::poll).isInstanceOf(EOFException.class).hasMessageContaining("expected 5");
        }
        Pipe shortHeader = nonBlockingPipe();
        try (var source = shortHeader.source()) {
            FrameReader reader = FrameReader.polling(source, 64, 100);
            try (var sink = shortHeader.sink()) {
                put(sink, new byte[] {0, 0});
            }
            assertThatThrownBy(reader::poll).isInstanceOf(EOFException.class).hasMessageContaining("header");
        }
    }

    @Test
    void eachReaderReadsOneWay() throws Exception {
        Pipe pipe = Pipe.open();
        try (var source = pipe.source(); var sink = pipe.sink()) {
            assertThatThrownBy(() -> FrameReader.polling(source, 64, 100)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("non-blocking");
            assertThatThrownBy(() -> new WaitingWriteChannel(sink)).isInstanceOf(IllegalArgumentException.class);
            FrameReader blocking = new FrameReader(source);
            assertThatThrownBy(blocking::poll).isInstanceOf(IllegalStateException.class);
            source.configureBlocking(false);
            FrameReader polling = FrameReader.polling(source, 64, 100);
            assertThatThrownBy(polling::next).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aWriterWaitsForAFullPipeAndAnInterruptDoesNotStopIt() throws Exception {
        Pipe pipe = Pipe.open();
        pipe.sink().configureBlocking(false);
        try (var source = pipe.source(); var sink = pipe.sink()) {
            FrameWriter writer = new FrameWriter(new WaitingWriteChannel(sink), 1024, 8 << 20);
            byte[] payload = new byte[4 << 20]; // far more than a pipe holds
            new java.util.Random(1).nextBytes(payload);
            CountDownLatch writing = new CountDownLatch(1);
            CompletableFuture<Boolean> interruptKept = new CompletableFuture<>();
            Thread w = Thread.ofPlatform().start(() -> {
                try {
                    writing.countDown();
                    writer.write(3, ByteBuffer.wrap(payload));
                    writer.flush();
                    interruptKept.complete(Thread.currentThread().isInterrupted());
                } catch (Throwable t) {
                    interruptKept.completeExceptionally(t);
                }
            });
            writing.await();
            w.interrupt(); // while it waits for the pipe to drain
            FrameReader reader = new FrameReader(source, 1024, 8 << 20);
            assertThat(reader.next()).isEqualTo(3);
            ByteBuffer p = reader.payload();
            byte[] got = new byte[p.remaining()];
            p.get(got);
            assertThat(got).isEqualTo(payload);
            assertThat(interruptKept.get()).isTrue();
            assertThat(sink.isOpen()).isTrue();
            w.join();
        }
    }
}
