package dev.weft.process.internal.wire;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.SelectableChannel;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;

/**
 * The write side of a non-blocking socket, made to wait as a blocking one does: a write that can
 * move nothing (the peer's receive buffer is full) waits, spinning briefly and then parking for
 * growing spells of up to a millisecond, until it moves at least one byte. For a {@link FrameWriter}
 * over a socket that is non-blocking so that any thread may write to it: a thread interrupted while
 * blocked in a blocking channel closes the channel, failing the connection for every user of it,
 * while a non-blocking write is not affected by interrupts. An interrupt does not stop the wait
 * either (a frame half written cannot be taken back); the interrupt status is kept. Not API.
 *
 * <p>Not a {@link java.nio.channels.SelectableChannel}, and reads are not offered: the reader of the
 * same socket polls it ({@link FrameReader#polling}).
 */
public final class WaitingWriteChannel implements GatheringByteChannel {
    private static final int SPINS = 100;
    private static final long LONGEST_PARK_NANOS = 1_000_000;

    private final GatheringByteChannel channel;

    /**
     * Wraps {@code channel} (a socket, or a pipe's sink), which must be in non-blocking mode.
     *
     * @param <C> a selectable channel that can write
     * @param channel the channel to write to
     * @throws IllegalArgumentException if {@code channel} is blocking
     */
    public <C extends SelectableChannel & GatheringByteChannel> WaitingWriteChannel(C channel) {
        this.channel = Objects.requireNonNull(channel, "channel");
        if (channel.isBlocking()) {
            throw new IllegalArgumentException("the channel must be in non-blocking mode");
        }
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        int n = channel.write(src);
        return n != 0 || !src.hasRemaining() ? n : (int) waitToWrite(() -> channel.write(src));
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        long n = channel.write(srcs, offset, length);
        return n != 0 || !hasRemaining(srcs, offset, length) ? n
                : waitToWrite(() -> channel.write(srcs, offset, length));
    }

    @Override
    public long write(ByteBuffer[] srcs) throws IOException {
        return write(srcs, 0, srcs.length);
    }

    /** One non-blocking write attempt: the bytes it moved. */
    private interface Attempt {
        long write() throws IOException;
    }

    /** Repeats {@code attempt}, idling between tries, until it moves something; keeps the interrupt status. */
    private long waitToWrite(Attempt attempt) throws IOException {
        boolean interrupted = Thread.interrupted(); // else parkNanos returns at once, again and again
        try {
            for (int tries = 1; ; tries++) {
                idle(tries);
                long n = attempt.write();
                if (n != 0) {
                    return n;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void idle(int attempt) throws ClosedChannelException {
        if (!channel.isOpen()) {
            throw new ClosedChannelException();
        }
        if (attempt <= SPINS) {
            Thread.onSpinWait();
        } else {
            LockSupport.parkNanos(Math.min(LONGEST_PARK_NANOS, 1_000L << Math.min(attempt - SPINS, 10)));
        }
    }

    private static boolean hasRemaining(ByteBuffer[] srcs, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (srcs[i].hasRemaining()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    /** Closes the underlying channel. */
    @Override
    public void close() throws IOException {
        channel.close();
    }
}
