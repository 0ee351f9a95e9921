package dev.weft.process;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD;

import java.io.EOFException;
import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Queues and pipe ends captured by a {@link Process}'s target: Python's usual idioms. */
@Timeout(value = 30, unit = SECONDS, threadMode = SEPARATE_THREAD)
class SharedObjectsWithProcessTest {

    @Test
    void aProcessPutsOnAQueueItCaptured() throws Exception {
        Queue<String> q = new Queue<>();
        Process p = new Process(() -> {
            for (int i = 0; i < 100; i++) {
                q.put("p" + i);
            }
        });
        p.start();
        for (int i = 0; i < 100; i++) {
            assertThat(q.get(Duration.ofSeconds(20))).isEqualTo("p" + i);
        }
        p.join();
        assertThat(p.exitCode()).isEqualTo(OptionalInt.of(0));
    }

    @Test
    void aProcessSendsThroughAPipeEndThenTheParentSeesEndOfFile() throws Exception {
        try (Pipe pipe = Pipe.open(false)) {
            Connection sender = pipe.second();
            Process p = new Process(() -> {
                sender.send("hello");
                sender.send(42);
                sender.close();
            });
            p.start();
            assertThat(pipe.first().recv()).isEqualTo("hello");
            // Python closes its copy right after start(); here start() encodes the task later, in
            // the background, so the parent closes its copy once the child surely has its own.
            sender.close();
            assertThat(pipe.first().recv()).isEqualTo(42);
            assertThatThrownBy(() -> pipe.first().recv()).isInstanceOf(EOFException.class);
            p.join();
            assertThat(p.exitCode()).isEqualTo(OptionalInt.of(0));
        }
    }

    @Test
    void aClosedEndCannotBeHandedOn() throws Exception {
        try (Pipe pipe = Pipe.open()) {
            pipe.second().close();
            assertThatThrownBy(() -> dev.weft.process.internal.hub.ItemCodec.encode(pipe.second()))
                    .hasMessageContaining("the connection is closed");
        }
    }

    @Test
    void aProcessMarksTasksDoneOnAJoinableQueue() throws Exception {
        JoinableQueue<Integer> q = new JoinableQueue<>();
        for (int i = 0; i < 10; i++) {
            q.put(i);
        }
        Process p = new Process(() -> {
            for (int i = 0; i < 10; i++) {
                q.get();
                q.taskDone();
            }
        });
        p.start();
        assertThat(q.join(Duration.ofSeconds(20))).isTrue();
        p.join();
        assertThat(p.exitCode()).isEqualTo(OptionalInt.of(0));
    }
}
