package dev.weft.process.internal.wire;

import java.nio.channels.Channel;
import java.nio.channels.SelectableChannel;

/** What {@link FrameReader} and {@link FrameWriter} check alike. Not API. */
final class FrameChannels {
    private FrameChannels() {}

    /**
     * Rejects a buffer below 16 bytes, a negative frame limit, and a non-blocking channel (a read
     * or write could then move nothing, and the reader or writer would have to spin).
     *
     * @throws IllegalArgumentException naming the bad argument
     */
    static void checkArguments(Channel channel, int bufferSize, int maxFrameSize) {
        checkSizes(bufferSize, maxFrameSize);
        if (channel instanceof SelectableChannel selectable && !selectable.isBlocking()) {
            throw new IllegalArgumentException("the channel must be in blocking mode");
        }
    }

    /**
     * Rejects a buffer below 16 bytes and a negative frame limit.
     *
     * @throws IllegalArgumentException naming the bad argument
     */
    static void checkSizes(int bufferSize, int maxFrameSize) {
        if (bufferSize < 16) {
            throw new IllegalArgumentException("bufferSize must be at least 16: " + bufferSize);
        }
        if (maxFrameSize < 0) {
            throw new IllegalArgumentException("maxFrameSize must not be negative: " + maxFrameSize);
        }
    }
}
