package dev.weft.examples.cookbook;

import static dev.weft.examples.ExampleConsole.linesOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Cookbook's 12.10 "Defining an Actor Task", and a supervised actor: the exact output. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ActorExamplesTest {

    @Test
    void definingAnActorTask() throws Exception {
        assertThat(linesOf(DefiningAnActorTask::run)).containsExactly("Got: Hello", "Got: World");
    }

    @Test
    void supervisedActor() throws Exception {
        assertThat(linesOf(SupervisedActor::run)).containsExactly(
                "summer: started",
                "summer: added 1, total 1",
                "summer: added 2, total 3",
                "supervisor: NumberFormatException: For input string: \"three\" -> RESTART",
                "summer: started",
                "summer: added 4, total 7",
                "total asked: 7",
                "supervisor: NumberFormatException: For input string: \"five\" -> RESTART",
                "parent: summer failed after 1 restart: For input string: \"five\"",
                "summer alive: false");
    }

    @Test
    void theExamplesRunTheSameTwice() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(linesOf(DefiningAnActorTask::run)).containsExactly("Got: Hello", "Got: World");
            assertThat(linesOf(SupervisedActor::run)).hasSize(10);
        }
    }
}
