package dev.weft.examples.cookbook;

import static dev.weft.examples.ExampleConsole.linesOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.pubsub.Exchange;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Cookbook's 12.11 "Implementing Publish/Subscribe Messaging": the exact output. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PubSubExamplesTest {

    @Test
    void exchangeTasks() throws Exception {
        assertThat(linesOf(ExchangeTasks::run)).containsExactly(
                "task_a received msg1",
                "task_b received msg1",
                "task_a received msg2",
                "task_b received msg2");
    }

    @Test
    void displayMessages() throws Exception {
        assertThat(linesOf(ExchangeDisplayMessages::run)).containsExactly("msg[1]: 'some'", "msg[2]: 'data'");
    }

    @Test
    void theExamplesRunTheSameTwiceAndLeaveTheExchangeEmpty() throws Exception {
        assertThat(linesOf(ExchangeTasks::run)).isEqualTo(linesOf(ExchangeTasks::run));
        assertThat(linesOf(ExchangeDisplayMessages::run)).isEqualTo(linesOf(ExchangeDisplayMessages::run));
        assertThat(Exchange.named("name").subscriberCount()).isZero();
    }
}
