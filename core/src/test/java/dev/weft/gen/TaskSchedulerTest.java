package dev.weft.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Tests of {@link TaskScheduler}: the Cookbook's run of {@code countdown(10)}, {@code countdown(5)}
 * and {@code countup(15)}, the queue after it, a failing task, tasks added by tasks.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TaskSchedulerTest {

    private final List<String> out = new ArrayList<>();

    private Generator<Void, Void> countdown(int n) {
        return Generator.of(y -> {
            for (int i = n; i > 0; i--) {
                out.add("T-minus " + i);
                y.yield();
            }
            out.add("Blastoff!");
        });
    }

    private Generator<Void, Void> countup(int n) {
        return Generator.of(y -> {
            for (int x = 0; x < n; x++) {
                out.add("Counting up " + x);
                y.yield();
            }
        });
    }

    @Test
    void runsTheCookbooksTasksRoundRobin() {
        TaskScheduler sched = new TaskScheduler();
        sched.newTask(countdown(10));
        sched.newTask(countdown(5));
        sched.newTask(countup(15));

        sched.run();

        assertThat(out).containsExactly(
                "T-minus 10", "T-minus 5", "Counting up 0",
                "T-minus 9", "T-minus 4", "Counting up 1",
                "T-minus 8", "T-minus 3", "Counting up 2",
                "T-minus 7", "T-minus 2", "Counting up 3",
                "T-minus 6", "T-minus 1", "Counting up 4",
                "T-minus 5", "Blastoff!", "Counting up 5",
                "T-minus 4", "Counting up 6",
                "T-minus 3", "Counting up 7",
                "T-minus 2", "Counting up 8",
                "T-minus 1", "Counting up 9",
                "Blastoff!", "Counting up 10",
                "Counting up 11", "Counting up 12", "Counting up 13", "Counting up 14");
        assertThat(sched.taskQueue()).isEmpty();
        assertThat(sched.taskQueue().toString()).isEqualTo("[]");
    }

    @Test
    void taskQueueIsASnapshotInOrder() {
        TaskScheduler sched = new TaskScheduler();
        Generator<Void, Void> a = countdown(1);
        Generator<Void, Void> b = countdown(1);
        sched.newTask(a);
        sched.newTask(b);
        List<Generator<?, ?>> q = sched.taskQueue();

        assertThat(q).containsExactly(a, b);
        assertThatThrownBy(() -> q.add(a)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(sched).hasToString("TaskScheduler[2 tasks]");
        assertThatThrownBy(() -> sched.newTask(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aFailingTaskEndsRunAndTheOthersStayQueued() {
        TaskScheduler sched = new TaskScheduler();
        IllegalStateException boom = new IllegalStateException("boom");
        Generator<Void, Void> failing = Generator.of(y -> {
            y.yield();
            throw boom;
        });
        Generator<Void, Void> other = countdown(3);
        sched.newTask(failing);
        sched.newTask(other);

        assertThatThrownBy(sched::run).isSameAs(boom);
        assertThat(sched.taskQueue()).containsExactly(other);
        sched.run();
        assertThat(out).endsWith("Blastoff!");
        assertThat(sched.taskQueue()).isEmpty();
    }

    @Test
    void aTaskMayAddTasks() {
        TaskScheduler sched = new TaskScheduler();
        sched.newTask(Generator.of(y -> {
            out.add("parent");
            sched.newTask(countdown(2));
            y.yield();
            out.add("parent again");
        }));
        sched.run();
        assertThat(out).containsExactly("parent", "T-minus 2", "parent again", "T-minus 1", "Blastoff!");
    }

    @Test
    void anEmptySchedulerReturnsAtOnce() {
        TaskScheduler sched = new TaskScheduler();
        sched.run();
        assertThat(sched.taskQueue()).isEmpty();
    }
}
