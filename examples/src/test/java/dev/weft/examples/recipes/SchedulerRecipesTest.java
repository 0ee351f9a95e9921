package dev.weft.examples.recipes;

import static dev.weft.examples.ExampleConsole.linesOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SchedulerRecipesTest {

    private static final Pattern RAN = Pattern.compile("(reminder|print_time|goodbye): (\\d+) ms after the scheduler was created");

    @Test
    void listing10_10_schedulingEvents() throws Exception {
        List<String> lines = linesOf(SchedulingEvents::run);

        assertThat(lines).hasSize(9);
        assertThat(lines.get(0)).matches(
                "my_sched\\.enter\\(\\.\\.\\.\\) returned Event\\(time=-?\\d+, priority=1, sequence=0, action=.+, arguments=\\[\\]\\)");
        assertThat(lines.subList(1, 5)).containsExactly(
                "queue, in the order run() will take it (times after print_time's):",
                "  +0 ms, priority 0, sequence 1, arguments [reminder]",
                "  +0 ms, priority 1, sequence 0, arguments []",
                "  +20 ms, priority 1, sequence 2, arguments [goodbye]");
        long delay = SchedulingEvents.DELAY.toMillis();
        assertRan(lines.get(5), "reminder", delay);
        assertRan(lines.get(6), "print_time", delay);
        assertRan(lines.get(7), "goodbye", 2 * delay);
        assertThat(lines.get(8)).isEqualTo("run() returned; queue empty: true");
    }

    /** The event ran, and no earlier than its time (no upper bound: the machine may be busy). */
    private static void assertRan(String line, String name, long atLeastMillis) {
        Matcher m = RAN.matcher(line);
        assertThat(m.matches()).as("line \"%s\"", line).isTrue();
        assertThat(m.group(1)).isEqualTo(name);
        assertThat(Long.parseLong(m.group(2))).isGreaterThanOrEqualTo(atLeastMillis);
    }
}
