package dev.weft.process.internal.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import dev.weft.process.Pool;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The unboxed list a map of ints returns behaves as the ArrayList it stands for. */
class IntListTest {
    @Test
    void itIsAMutableListOfIntegers() {
        IntList l = new IntList(new int[] {1, 2, 3});
        assertThat(l).containsExactly(1, 2, 3).isEqualTo(List.of(1, 2, 3));
        assertThat(l.hashCode()).isEqualTo(List.of(1, 2, 3).hashCode());
        assertThat(l.set(0, 10)).isEqualTo(1);
        l.add(4);
        l.add(0, 0);
        assertThat(l).containsExactly(0, 10, 2, 3, 4);
        assertThat(l.remove(1)).isEqualTo(10);
        assertThat(l.remove((Object) 4)).isTrue();
        assertThat(l).containsExactly(0, 2, 3);
        assertThatThrownBy(() -> l.get(3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void anythingElseMovesItToBoxedStorage() {
        IntList l = new IntList(new int[] {1, 2});
        l.add("three");
        l.add(null);
        l.set(0, 1.5);
        assertThat(l).containsExactly(1.5, 2, "three", null);
        l.add(5);
        assertThat(new ArrayList<>(l)).containsExactly(1.5, 2, "three", null, 5);
        l.clear();
        assertThat(l).isEmpty();
        l.add(7);
        assertThat(l).containsExactly(7);
    }

    @Test
    void aMapOfIntsAndAMapWithOtherResultsGiveTheSameLists() throws Exception {
        try (Pool pool = new Pool(2)) {
            List<Integer> ints = pool.map((Integer x) -> x * 2, List.of(1, 2, 3, 4, 5), 2);
            assertThat(ints).isInstanceOf(IntList.class).containsExactly(2, 4, 6, 8, 10);
            List<Object> mixed = pool.map((Integer x) -> x == 3 ? (Object) "three" : x, List.of(1, 2, 3, 4, 5), 2);
            assertThat(mixed).isInstanceOf(ArrayList.class).containsExactly(1, 2, "three", 4, 5);
            List<Integer> withNull = pool.map((Integer x) -> x == 5 ? null : x, List.of(1, 2, 3, 4, 5), 1);
            assertThat(withNull).containsExactly(1, 2, 3, 4, null);
        }
    }
}
