package dev.weft.subprocess.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Copies one child's stdout into another's stdin on a daemon thread, for the pipelines the
 * operating system cannot join (a launcher that cannot pass the descriptor on). Not API.
 */
public final class Pump {
    private Pump() {}

    /** Starts the copy; both streams are closed when the source ends or the sink breaks. */
    public static void start(InputStream from, OutputStream to, String threadName) {
        Thread.ofPlatform().daemon().name(threadName).start(() -> {
            try (from; to) {
                from.transferTo(to);
            } catch (IOException e) {
                // The reading child stopped reading (EPIPE) or the source broke: as in a shell,
                // the pipeline goes on and each stage's returncode tells what happened.
            }
        });
    }
}
