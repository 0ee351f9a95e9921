package dev.weft.subprocess.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The {@link Communicator} of a {@link JdkChild}: the JDK gives no way to wait on several pipes at
 * once, so one daemon thread writes stdin and one reads each output pipe, and {@link #pump} waits
 * for them. The threads outlive a timeout and keep reading, so a later {@code pump} finds every
 * byte. Not API.
 */
final class ThreadCommunicator implements Communicator {
    private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long FINAL_DRAIN_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final JdkChild child;
    private final OutputBuffer stdout;
    private final OutputBuffer stderr;
    private CountDownLatch running;
    private long endedAt = Long.MIN_VALUE;

    ThreadCommunicator(JdkChild child) {
        this.child = child;
        this.stdout = new OutputBuffer("stdout of pid " + child.pid());
        this.stderr = new OutputBuffer("stderr of pid " + child.pid());
    }

    @Override
    public boolean pump(byte[] input, long deadline, long orphanGraceNanos) throws InterruptedException {
        if (running == null) {
            start(input);
        }
        while (true) {
            long now = System.nanoTime();
            long left = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - now;
            if (left <= 0) {
                return running.getCount() == 0;
            }
            if (running.await(Math.min(left, SLICE_NANOS), TimeUnit.NANOSECONDS)) {
                return true;
            }
            if (!child.isAlive()) {
                now = System.nanoTime();
                if (endedAt == Long.MIN_VALUE) {
                    endedAt = now;
                } else if (now - endedAt >= orphanGraceNanos) {
                    // The child is gone but a descendant it left holds a pipe open. The JDK cannot
                    // find orphans, so kill what is still findable and stop waiting for the rest.
                    child.killTree();
                    running.await(FINAL_DRAIN_NANOS, TimeUnit.NANOSECONDS);
                    return true;
                }
            }
        }
    }

    private void start(byte[] input) {
        OutputStream in = child.stdin();
        InputStream out = child.stdout();
        InputStream err = child.stderr();
        running = new CountDownLatch((in != null ? 1 : 0) + (out != null ? 1 : 0) + (err != null ? 1 : 0));
        long pid = child.pid();
        if (in != null) {
            thread("stdin", pid, () -> {
                try (in) {
                    if (input != null) {
                        in.write(input);
                    }
                } catch (IOException e) {
                    // The child stopped reading (EPIPE): the rest of the input is dropped, as Python does.
                }
            });
        }
        if (out != null) {
            thread("stdout", pid, () -> drain(out, stdout));
        }
        if (err != null) {
            thread("stderr", pid, () -> drain(err, stderr));
        }
    }

    private void thread(String stream, long pid, Runnable body) {
        Thread.ofPlatform().daemon().name("weft-" + pid + "-" + stream).start(() -> {
            try {
                body.run();
            } finally {
                running.countDown();
            }
        });
    }

    private static void drain(InputStream from, OutputBuffer into) {
        byte[] buf = new byte[64 * 1024];
        try (from) {
            for (int n; (n = from.read(buf)) >= 0; ) {
                into.append(buf, 0, n);
            }
        } catch (IOException e) {
            // The stream was closed under us (the Popen was closed): what was read is kept.
        }
    }

    @Override
    public byte[] stdout() {
        return stdout.bytes();
    }

    @Override
    public byte[] stderr() {
        return stderr.bytes();
    }
}
