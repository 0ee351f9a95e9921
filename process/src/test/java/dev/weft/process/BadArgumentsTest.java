package dev.weft.process;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Bad arguments fail at once with a message that says what was wrong; nothing is started for them. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BadArgumentsTest {

    @Test
    void builders() {
        assertThatThrownBy(() -> new Pool(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("processes");
        assertThatThrownBy(() -> new ProcessPoolExecutor(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pool.builder().maxTasksPerChild(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pool.builder().retries(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pool.builder().taskTimeout(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pool.builder().taskTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pool.builder().allowPackage("java.util")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("JDK package");
        assertThatThrownBy(() -> ChildJvm.defaults().withOptions("Xmx1g")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChildJvm.defaults().withSystemProperty("a=b", "c")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChildJvm.defaults().keepWarm(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void processBeforeAndAfterStart() throws Exception {
        Process p = new Process(() -> { });
        assertThatThrownBy(p::join).isInstanceOf(IllegalStateException.class).hasMessageContaining("not started");
        assertThatThrownBy(p::pid).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> p.join(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Process.currentProcess().start()).isInstanceOf(IllegalStateException.class);
        p.start();
        assertThatThrownBy(() -> p.daemon(true)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> p.name("x")).isInstanceOf(IllegalStateException.class);
        p.join();
    }

    @Test
    void poolCallsAndEnding() throws Exception {
        Pool pool = new Pool(1);
        try {
            assertThatThrownBy(() -> pool.map(x -> x, List.of(1), 0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("chunksize");
            assertThatThrownBy(pool::join).isInstanceOf(IllegalStateException.class).hasMessageContaining("close()");
            assertThatThrownBy(() -> pool.applyAsync((Integer x) -> x, 1).get(Duration.ofMillis(-5)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> pool.apply(null, 1)).isInstanceOf(NullPointerException.class);
        } finally {
            pool.close();
        }
        assertThatThrownBy(() -> pool.apply((Integer x) -> x, 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> pool.join(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
