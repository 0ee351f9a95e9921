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
            sender.close(); // Python's idiom: start() has copied the end for the child already
            assertThat(pipe.first().recv()).isEqualTo("hello");
            assertThat(pipe.first().recv()).isEqualTo(42);
            assertThatThrownBy(() -> pipe.first().recv()).isInstanceOf(EOFException.class);
            p.join();
            assertThat(p.exitCode()).isEqualTo(OptionalInt.of(0));
        }
    }

    record Point(int x, int y) {}

    @Test
    void poolTasksPutTheirOwnRecordsOnAQueueBeforeTheirResultsArrive() throws Exception {
        Queue<Point> q = new Queue<>();
        try (Pool pool = new Pool(2)) {
            java.util.List<Integer> done = pool.map((Integer i) -> {
                q.put(new Point(i, i * i));
                return i;
            }, java.util.List.of(1, 2, 3, 4), 1);
            assertThat(done).containsExactly(1, 2, 3, 4);
            // Each task's put was confirmed before its result was sent: all four are there now.
            assertThat(q.qsize()).isEqualTo(4);
            java.util.Set<Point> got = new java.util.HashSet<>();
            for (int i = 0; i < 4; i++) {
                got.add(q.getNowait());
            }
            assertThat(got).containsExactlyInAnyOrder(new Point(1, 1), new Point(2, 4), new Point(3, 9), new Point(4, 16));
        }
    }

    @Test
    void anUnencodableTargetFailsAtStart() {
        Object notSerializable = new Object();
        Process p = new Process(() -> System.out.println(notSerializable));
        assertThatThrownBy(p::start).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.Object");
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
