package dev.weft.cli.parallel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Inputs}, {@link HaltPolicy} and {@link JobTimeout}. */
class ParallelInputsAndOptionsTest {

    private static List<List<String>> drain(Inputs in) {
        List<List<String>> all = new ArrayList<>();
        for (List<String> a = in.next(); a != null; a = in.next()) {
            all.add(a);
        }
        return all;
    }

    @Test
    void groupsMakeEveryCombinationTheFirstVaryingSlowest() {
        Inputs in = Inputs.ofGroups(List.of(List.of("a", "b"), List.of("1", "2", "3")));
        assertThat(in.total()).isEqualTo(6);
        assertThat(in.sources()).isEqualTo(2);
        assertThat(drain(in)).containsExactly(List.of("a", "1"), List.of("a", "2"), List.of("a", "3"),
                List.of("b", "1"), List.of("b", "2"), List.of("b", "3"));
        assertThat(in.next()).isNull();
        assertThat(Inputs.ofGroups(List.of(List.of("a"), List.of())).total()).isZero();
    }

    @Test
    void standardInputGivesOneArgumentPerLineReadAsNeeded() {
        Inputs in = Inputs.ofLines(new ByteArrayInputStream("x y\n\nlast".getBytes(StandardCharsets.UTF_8)));
        assertThat(in.total()).isEqualTo(-1);
        assertThat(in.materialized().total()).isEqualTo(3);
        Inputs again = Inputs.ofLines(new ByteArrayInputStream("x y\n\nlast".getBytes(StandardCharsets.UTF_8)));
        assertThat(drain(again)).containsExactly(List.of("x y"), List.of(""), List.of("last"));
    }

    @Test
    void haltSpecsParseAndBadOnesSayWhatIsAccepted() {
        assertThat(HaltPolicy.parse("now,fail=1")).isEqualTo(new HaltPolicy(HaltPolicy.When.NOW, true, 1));
        assertThat(HaltPolicy.parse("soon,fail=3")).isEqualTo(new HaltPolicy(HaltPolicy.When.SOON, true, 3));
        assertThat(HaltPolicy.parse("soon,success=2")).isEqualTo(new HaltPolicy(HaltPolicy.When.SOON, false, 2));
        assertThat(HaltPolicy.parse("never")).isEqualTo(HaltPolicy.NEVER);
        assertThat(HaltPolicy.parse("2")).isEqualTo(new HaltPolicy(HaltPolicy.When.NOW, true, 1));
        assertThat(HaltPolicy.parse("now,fail=1").reached(1, 0)).isTrue();
        assertThat(HaltPolicy.parse("soon,fail=2").reached(1, 5)).isFalse();
        assertThat(HaltPolicy.NEVER.reached(1000, 0)).isFalse();
        for (String bad : List.of("now", "later,fail=1", "now,fail=0", "now,fail=-1", "now,fail=x", "soon,fail=10%")) {
            assertThatThrownBy(() -> HaltPolicy.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("invalid --halt '" + bad + "'").hasMessageContaining("now,fail=N");
        }
    }

    @Test
    void timeoutsAreSecondsOrCarryAUnit() {
        assertThat(JobTimeout.parse("30")).isEqualTo(Duration.ofSeconds(30));
        assertThat(JobTimeout.parse("2.5")).isEqualTo(Duration.ofMillis(2500));
        assertThat(JobTimeout.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(JobTimeout.parse("2s")).isEqualTo(Duration.ofSeconds(2));
        assertThat(JobTimeout.parse("1.5m")).isEqualTo(Duration.ofSeconds(90));
        assertThat(JobTimeout.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() -> JobTimeout.parse("-1")).hasMessage("--timeout must be above zero, not '-1'");
        assertThatThrownBy(() -> JobTimeout.parse("0")).hasMessage("--timeout must be above zero, not '0'");
        assertThatThrownBy(() -> JobTimeout.parse("soon")).hasMessageStartingWith("invalid --timeout 'soon'");
        assertThatThrownBy(() -> JobTimeout.parse("5 parsecs")).isInstanceOf(IllegalArgumentException.class);
    }
}
