package dev.weft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The text progress bar: its drawing, and that a non-terminal output gets only the final bar. */
class ProgressBarTest {

    @Test
    void rendersDoneOutOfTotal() {
        var bar = new ProgressBar(new PrintWriter(new StringWriter()), "work", false);
        assertThat(bar.render(0, 4)).isEqualTo("work [" + ".".repeat(30) + "] 0/4");
        assertThat(bar.render(2, 4)).isEqualTo("work [" + "#".repeat(15) + ".".repeat(15) + "] 2/4");
        assertThat(bar.render(4, 4)).isEqualTo("work [" + "#".repeat(30) + "] 4/4");
        assertThat(bar.render(3, -1)).isEqualTo("work [" + "?".repeat(30) + "] 3/?");
    }

    @Test
    void withoutATerminalOnlyTheFinishedBarIsPrinted() {
        StringWriter text = new StringWriter();
        var bar = new ProgressBar(new PrintWriter(text), "work", false);
        bar.progress(1, 3);
        bar.progress(2, -1);
        assertThat(text.toString()).isEmpty();
        bar.progress(3, 3);
        assertThat(text.toString()).isEqualTo("work [" + "#".repeat(30) + "] 3/3" + System.lineSeparator());
    }

    @Test
    void onATerminalEveryStepRedrawsTheLine() {
        StringWriter text = new StringWriter();
        var bar = new ProgressBar(new PrintWriter(text), "w", true);
        bar.progress(1, 2);
        bar.progress(2, 2);
        assertThat(text.toString()).isEqualTo("\rw [" + "#".repeat(15) + ".".repeat(15) + "] 1/2"
                + "\rw [" + "#".repeat(30) + "] 2/2" + System.lineSeparator());
    }
}
