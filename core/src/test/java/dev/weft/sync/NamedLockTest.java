package dev.weft.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Unit tests of {@link NamedLock} as a lock, apart from the recorder: its name, fairness and
 * reentrancy, its place in the global order of {@link Locks#acquireAll} (creation order), and that
 * a deserialized copy is a lock of its own with a rank of its own.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class NamedLockTest {

    @Test
    void hasTheNameItWasGiven() {
        NamedLock lock = new NamedLock("accounts");

        assertThat(lock.name()).isEqualTo("accounts");
        assertThat(lock).hasToString("NamedLock[accounts]");
    }

    @Test
    void aNullNameIsRejected() {
        assertThatThrownBy(() -> new NamedLock(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new NamedLock(null, true)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void fairnessIsWhatWasAsked() {
        assertThat(new NamedLock("n").isFair()).isFalse();
        assertThat(new NamedLock("f", true).isFair()).isTrue();
    }

    @Test
    void isReentrantLikeAReentrantLock() throws InterruptedException {
        NamedLock lock = new NamedLock("r");

        lock.lock();
        assertThat(lock.tryLock()).isTrue();
        lock.lockInterruptibly();
        assertThat(lock.tryLock(1, TimeUnit.SECONDS)).isTrue();
        assertThat(lock.getHoldCount()).isEqualTo(4);
        for (int i = 0; i < 4; i++) {
            lock.unlock();
        }

        assertThat(lock.isLocked()).isFalse();
        assertThatThrownBy(lock::unlock).isInstanceOf(IllegalMonitorStateException.class);
    }

    @Test
    void ranksFollowCreationOrder() {
        NamedLock first = new NamedLock("first");
        NamedLock second = new NamedLock("second");

        assertThat(first.rank()).isLessThan(second.rank());
        try (var _ = Locks.acquireAll(second, first)) {
            assertThat(Locks.heldByCurrentThread()).containsExactly(first, second);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T copyBySerialization(T object) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    @Test
    void aDeserializedCopyIsAnotherLockWithItsOwnRank() throws Exception {
        NamedLock original = new NamedLock("shared");

        NamedLock copy = copyBySerialization(original);

        assertThat(copy).isNotSameAs(original);
        assertThat(copy.name()).isEqualTo("shared");
        assertThat(copy.isLocked()).isFalse();
        assertThat(copy.rank())
                .as("ranks are unique: a copy that kept the original's rank would be taken for the same lock")
                .isNotEqualTo(original.rank());
        try (var _ = Locks.acquireAll(original, copy)) {
            assertThat(Locks.heldByCurrentThread()).containsExactlyInAnyOrder(original, copy);
        }
    }
}
