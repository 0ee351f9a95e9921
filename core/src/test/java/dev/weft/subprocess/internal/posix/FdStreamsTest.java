package dev.weft.subprocess.internal.posix;

import static dev.weft.subprocess.internal.posix.Children.returncode;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.subprocess.internal.Child;
import dev.weft.subprocess.internal.Stdio;
import dev.weft.testing.TestThreads;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The parent's pipe streams: blocking reads and writes over non-blocking descriptors, big
 * transfers, end-of-file, broken pipes, interrupts, and closing while another thread waits.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FdStreamsTest {
    @RegisterExtension
    final Children children = new Children();

    @Test
    void writeAndReadThroughCat() throws Exception {
        Child c = children.start(Stdio.PIPE, Stdio.PIPE, Stdio.INHERIT, "cat");
        byte[] data = new byte[3_000_000];
        Arrays.fill(data, (byte) 7);
        AtomicReference<byte[]> read = new AtomicReference<>();
        TestThreads.Checked reader = TestThreads.start("reader", () -> read.set(c.stdout().readAllBytes()));

        try (OutputStream in = c.stdin()) {
            in.write(data);
            in.write('!');
        }
        reader.joinSuccessfully();

        assertThat(read.get()).hasSize(data.length + 1).endsWith('!');
        assertThat(c.stdout().read()).as("end-of-file again").isEqualTo(-1);
        assertThat(returncode(c)).isZero();
    }

    @Test
    void writingToAChildThatExitedIsABrokenPipe() throws Exception {
        Child c = children.start(Stdio.PIPE, Stdio.INHERIT, Stdio.INHERIT, "true");
        returncode(c);

        assertThatThrownBy(() -> c.stdin().write(new byte[100_000]))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("stdin of pid " + c.pid())
                .hasMessageContaining("Broken pipe (EPIPE)");
    }

    @Test
    void aBlockedReadSeesAnInterrupt() throws Exception {
        Child c = children.start(Stdio.DEVNULL, Stdio.PIPE, Stdio.INHERIT, "sleep", "1000");
        InputStream out = c.stdout();

        Thread.currentThread().interrupt();
        assertThatThrownBy(out::read).isInstanceOf(InterruptedIOException.class).hasMessageContaining("stdout of pid " + c.pid());
        assertThat(Thread.interrupted()).as("the interrupt status stays set").isTrue();
    }

    @Test
    void closingUnblocksAReaderInAnotherThread() throws Exception {
        Child c = children.start(Stdio.DEVNULL, Stdio.PIPE, Stdio.INHERIT, "sleep", "1000");
        InputStream out = c.stdout();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        TestThreads.Checked reader = TestThreads.start("reader", () -> {
            try {
                out.read();
            } catch (IOException e) {
                thrown.set(e);
            }
        });
        Children.awaitInPoll(reader.thread());

        out.close();
        reader.joinSuccessfully();

        assertThat(thrown.get()).isInstanceOf(IOException.class).hasMessageContaining("stdout of pid " + c.pid() + " is closed");
        assertThatThrownBy(out::read).isInstanceOf(IOException.class).hasMessageContaining("is closed");
        out.close(); // idempotent
    }

    /** Letting go of the child leaves its pipes to whoever still holds them. */
    @Test
    void closingTheChildLeavesItsPipesOpen() throws Exception {
        Child c = children.start(Stdio.PIPE, Stdio.PIPE, Stdio.PIPE, "sh", "-c", "cat; echo eof-seen");
        InputStream out = c.stdout();

        c.close();
        c.close(); // idempotent
        c.stdin().write("still open\n".getBytes(UTF_8));
        c.stdin().close();

        assertThat(new String(out.readAllBytes(), UTF_8)).isEqualTo("still open\neof-seen\n");
        out.close();
        assertThatThrownBy(out::read).isInstanceOf(IOException.class).hasMessageContaining("closed");
        assertThat(returncode(c)).isZero();
    }

    @Test
    void readsGoStraightIntoTheCallersArrayAtAnOffset() throws Exception {
        Child c = children.start(Stdio.DEVNULL, Stdio.PIPE, Stdio.INHERIT, "printf", "abc");
        byte[] buf = new byte[10];
        Arrays.fill(buf, (byte) '-');

        int n = 0;
        while (n < 3) {
            int r = c.stdout().read(buf, 4 + n, 6 - n);
            assertThat(r).isPositive();
            n += r;
        }

        assertThat(new String(buf, UTF_8)).isEqualTo("----abc---");
        assertThat(c.stdout().read(buf, 0, 0)).isZero();
        assertThatThrownBy(() -> c.stdout().read(buf, 8, 5)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
