package dev.weft.process.internal.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.function.ThrowingFunction;
import dev.weft.function.ThrowingRunnable;
import dev.weft.process.Process;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.lang.invoke.SerializedLambda;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Preload}: what a spare is told about earlier targets (no captured value ever), the bound
 * on how many, and the bytes on the spare's standard input, malformed ones included.
 */
class PreloadTest {

    @Test
    void theNeutralCopyOfALambdaKeepsItsMethodButNoneOfItsCapturedValues() {
        int n = 42;
        long big = 7L;
        String secret = "password";
        List<String> list = new ArrayList<>(List.of("x"));
        ThrowingFunction<Integer, String> f = x -> secret + n + big + list + x;
        SerializedLambda copy = Preload.neutralCopy(f);
        assertThat(copy).isNotNull();
        Object[] captured = new Object[copy.getCapturedArgCount()];
        for (int i = 0; i < captured.length; i++) {
            captured[i] = copy.getCapturedArg(i);
        }
        assertThat(Arrays.asList(captured)).containsExactlyInAnyOrder(null, 0, 0L, null);
        assertThat(copy.getCapturingClass()).isEqualTo(PreloadTest.class.getName().replace('.', '/'));
        assertThat(copy.getImplMethodName()).startsWith("lambda$");
        assertThat(Preload.neutralCopy("not a lambda")).isNull();
    }

    @Test
    void aTargetIsTheNeutralLambdaOrTheClassToInitialize() throws Exception {
        ThrowingRunnable lambda = () -> { };
        Preload.Target t = Preload.of(lambda, Process.class, List.of("a.B"), List.of("c"));
        assertThat(t.lambda()).isNotEmpty();
        assertThat(t.initialize()).isEmpty();
        assertThat(t.classes()).containsExactly("a.B");
        assertThat(t.packages()).containsExactly("c");
        Preload.Target named = Preload.of(new Named(), Process.class, List.of(), List.of());
        assertThat(named.lambda()).isEmpty();
        assertThat(named.initialize()).isEqualTo(Named.class.getName());
        // A subclass of Process runs as its own this::run: the subclass is what is initialized.
        Preload.Target subclass = Preload.of(lambda, Sub.class, List.of(), List.of());
        assertThat(subclass.initialize()).isEqualTo(Sub.class.getName());
        assertThat(subclass.lambda()).isNotEmpty();
    }

    static final class Named implements ThrowingRunnable {
        @Override
        public void run() { }
    }

    static final class Sub extends Process {
        @Override
        public void run() { }
    }

    @Test
    void onlyTheMostRecentTargetsAreKeptAndAKnownOneMovesToTheEnd() throws Exception {
        Preload.Learned learned = new Preload.Learned();
        List<Preload.Target> all = new ArrayList<>();
        for (int i = 0; i < Preload.MAX_TARGETS + 3; i++) {
            Preload.Target t = target(i);
            all.add(t);
            learned.add(t);
        }
        assertThat(learned.knows(all.get(0).key())).isFalse();
        assertThat(learned.knows(all.get(2).key())).isFalse();
        assertThat(learned.knows(all.get(3).key())).isTrue();
        assertThat(learned.knows(all.getLast().key())).isTrue();
        learned.add(all.get(3)); // known: moves to the newest end, so the next eviction spares it
        learned.add(target(100));
        assertThat(learned.knows(all.get(3).key())).isTrue();
        assertThat(learned.knows(all.get(4).key())).isFalse();
    }

    /** A target told apart by its key alone (key classes stand in for task and owner classes). */
    private static Preload.Target target(int i) {
        Class<?>[] keys = {String.class, Integer.class, Long.class, Double.class, Float.class, Short.class,
            Byte.class, Character.class, Boolean.class, Object.class, Number.class, List.class, Thread.class,
            Runnable.class};
        return new Preload.Target(List.of(keys[i % keys.length], i < keys.length ? Process.class : Sub.class),
                List.of("c" + i), List.of(), new byte[0], "");
    }

    @Test
    void whatTheParentWritesTheSpareReadsNewestTargetFirst() throws Exception {
        Preload.Learned learned = new Preload.Learned();
        learned.add(new Preload.Target(List.of(String.class, Process.class), List.of("old.C"), List.of("old"),
                new byte[] {1, 2}, ""));
        learned.add(new Preload.Target(List.of(Integer.class, Process.class), List.of("new.C"), List.of("new"),
                new byte[0], "new.Init"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        learned.write(out);
        out.write(99); // what follows on standard input is not read
        List<?> read = Preload.read(new ByteArrayInputStream(out.toByteArray()));
        assertThat(read).hasSize(3); // the allow lists of the next ALLOW, then the targets
        List<?> targets = (List<?>) read.get(2);
        assertThat(targets).hasSize(2);
        assertThat(((List<?>) targets.get(0)).get(0)).isEqualTo(List.of("new.C"));
        assertThat(((List<?>) targets.get(0)).get(3)).isEqualTo("new.Init");
        assertThat((byte[]) ((List<?>) targets.get(1)).get(2)).containsExactly(1, 2);
    }

    @Test
    void nothingLearnedIsAnEmptyListOfTargets() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Preload.writeNone(out);
        List<?> read = Preload.read(new ByteArrayInputStream(out.toByteArray()));
        assertThat((List<?>) read.get(2)).isEmpty();
        Preload.prepare(List.of()); // a zero length: nothing to do
    }

    @Test
    void aLengthOutOfBoundsIsRefusedAndATruncatedListIsTheParentGone() throws Exception {
        assertThatThrownBy(() -> Preload.read(new ByteArrayInputStream(length(Preload.MAX_BYTES + 1))))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(Integer.toString(Preload.MAX_BYTES + 1));
        assertThatThrownBy(() -> Preload.read(new ByteArrayInputStream(length(-1))))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("-1 bytes");
        byte[] truncated = Arrays.copyOf(length(100), 4 + 10);
        assertThatThrownBy(() -> Preload.read(new ByteArrayInputStream(truncated)))
                .isInstanceOf(EOFException.class)
                .hasMessageContaining("10 of 100");
        assertThatThrownBy(() -> Preload.read(new ByteArrayInputStream(new byte[2])))
                .isInstanceOf(EOFException.class);
    }

    private static byte[] length(int n) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new DataOutputStream(out).writeInt(n);
        return out.toByteArray();
    }

    @Test
    void aTargetThatCannotBePreparedIsSkipped() {
        // A class that does not exist, and a lambda encoding that is garbage: the spare goes on.
        Preload.prepare(List.of(List.of(), List.of(), List.of(
                List.of(List.of(), List.of(), new byte[0], "no.such.Clazz"),
                List.of(List.of(), List.of(), new byte[] {25, 3, 1}, ""))));
    }
}
