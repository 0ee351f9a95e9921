package dev.weft.process.internal.wire;

import java.io.Serializable;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** Types the wire tests send: records, enums, a Serializable class, a would-be gadget handler. */
final class WireTypes {
    private WireTypes() {}

    /** A record of primitives; Serializable too, so that it can also travel inside a {@link Box}. */
    record Point(int x, int y) implements Serializable {}

    /** A record of records and a string. */
    record Line(Point from, Point to, String label) {}

    /** A record holding anything. */
    record Holder(Object x) {}

    /** A record of every primitive type. */
    record Primitives(boolean z, byte b, short s, char c, int i, long l, float f, double d) {}

    /** A record whose constructor validates. */
    record Positive(int value) {
        Positive {
            if (value < 0) {
                throw new IllegalArgumentException("negative: " + value);
            }
        }
    }

    /** A record that is never allowed by the narrow allowlists of the tests. */
    record Secret(String text) {}

    /** An enum, with a constant that has a body (so its class is not the enum's class). */
    enum Color {
        RED,
        GREEN {
            @Override
            public String toString() {
                return "green!";
            }
        },
        BLUE
    }

    /** A Serializable class with JDK collections and values inside, for the Java serialization path. */
    static final class Bag implements Serializable {
        private static final long serialVersionUID = 1L;
        final HashMap<String, Integer> map = new HashMap<>(Map.of("a", 1, "b", 2));
        final ArrayList<Object> list = new ArrayList<>(List.of(1, "two", 3.0));
        final LinkedList<String> linked = new LinkedList<>(List.of("x", "y"));
        final TreeSet<String> sorted = new TreeSet<>(Set.of("q", "p"));
        final HashSet<Long> set = new HashSet<>(Set.of(5L, 6L));
        final EnumSet<Color> colors = EnumSet.of(Color.RED, Color.BLUE);
        final BigDecimal amount = new BigDecimal("12.345");
        final LocalDate date = LocalDate.of(2024, 2, 29);
        final Object[] shared;

        Bag() {
            Object same = new ArrayList<>(List.of("shared"));
            shared = new Object[] {same, same};
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bag b && map.equals(b.map) && list.equals(b.list) && linked.equals(b.linked)
                    && sorted.equals(b.sorted) && set.equals(b.set) && colors.equals(b.colors)
                    && amount.equals(b.amount) && date.equals(b.date)
                    && java.util.Arrays.equals(shared, b.shared);
        }

        @Override
        public int hashCode() {
            return Objects.hash(map, list, date);
        }
    }

    /** A Serializable box (not a record, so it goes through Java serialization). */
    static final class Box implements Serializable {
        private static final long serialVersionUID = 1L;
        final Object value;

        Box(Object value) {
            this.value = value;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Box b && Objects.deepEquals(value, b.value);
        }

        @Override
        public int hashCode() {
            return Objects.hashCode(value);
        }
    }

    /** A Serializable class with a field that is not Serializable. */
    static final class Unserializable implements Serializable {
        private static final long serialVersionUID = 1L;
        final String fine = "fine";
        final Object notSerializable = new Object();
    }

    /** A serializable invocation handler, so that a dynamic proxy can be serialized at all. */
    static final class Handler implements InvocationHandler, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) {
            return 0;
        }
    }
}
