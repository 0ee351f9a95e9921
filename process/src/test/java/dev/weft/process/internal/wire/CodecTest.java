package dev.weft.process.internal.wire;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD;

import dev.weft.function.ThrowingFunction;
import dev.weft.process.internal.wire.WireTypes.Bag;
import dev.weft.process.internal.wire.WireTypes.Color;
import dev.weft.process.internal.wire.WireTypes.Handler;
import dev.weft.process.internal.wire.WireTypes.Holder;
import dev.weft.process.internal.wire.WireTypes.Line;
import dev.weft.process.internal.wire.WireTypes.Point;
import dev.weft.process.internal.wire.WireTypes.Positive;
import dev.weft.process.internal.wire.WireTypes.Primitives;
import dev.weft.process.internal.wire.WireTypes.Secret;
import dev.weft.process.internal.wire.WireTypes.Unserializable;
import java.io.ByteArrayOutputStream;
import java.io.Serializable;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import javax.management.BadAttributeValueExpException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Codec}: round trips of every type it knows, the allowlist on records, enums, lambdas and
 * Java serialization (gadget-ish types and proxies refused, the class named), the paths in encoding
 * errors, and the bounds on hostile input (lengths, depth, unknown tags).
 */
@Timeout(value = 30, unit = SECONDS, threadMode = SEPARATE_THREAD)
class CodecTest {

    private static final String THIS_PACKAGE = CodecTest.class.getPackageName();
    private final Codec codec = new Codec(ClassAllowlist.builder().allowPackage(THIS_PACKAGE).build());

    /** Encodes and decodes {@code value} with {@code codec}, checking that every byte was used. */
    private static Object roundTrip(Codec codec, Object value) throws Exception {
        ByteBuffer bytes = codec.encode(value);
        Object decoded = codec.decode(bytes);
        assertThat(bytes.hasRemaining()).as("bytes left after decoding").isFalse();
        return decoded;
    }

    private Object roundTrip(Object value) throws Exception {
        return roundTrip(codec, value);
    }

    private void assertRoundTrips(Object value) throws Exception {
        Object decoded = roundTrip(value);
        assertThat(Objects.deepEquals(decoded, value)).as("%s came back as %s", value, decoded).isTrue();
    }

    @Test
    void scalarsRoundTrip() throws Exception {
        for (Object v : List.of(true, false, (byte) -7, (short) -30000, 'x', '\uffff', 0, 1, -1,
                Integer.MIN_VALUE, Integer.MAX_VALUE, 0L, Long.MIN_VALUE, Long.MAX_VALUE, 1234567890123L,
                1.5f, Float.NaN, Float.NEGATIVE_INFINITY, -0.0, Double.MIN_VALUE, Math.PI, Double.NaN)) {
            Object decoded = roundTrip(v);
            assertThat(decoded).isEqualTo(v).hasSameClassAs(v);
        }
        assertThat(roundTrip(null)).isNull();
        assertThat(Double.doubleToRawLongBits((Double) roundTrip(-0.0))).isEqualTo(Double.doubleToRawLongBits(-0.0));
    }

    @Test
    void smallIntegersAreShort() throws Exception {
        assertThat(codec.encode(5).remaining()).isEqualTo(2);
        assertThat(codec.encode(-5L).remaining()).isEqualTo(2);
        assertThat(codec.encode(Integer.MIN_VALUE).remaining()).isEqualTo(6);
    }

    @Test
    void stringsRoundTripIncludingUnicode() throws Exception {
        for (String s : List.of("", "a", "héllo wörld", "中文字符", "emoji 🌍🚀 and \u0000 nul", "x".repeat(100_000))) {
            assertThat(roundTrip(s)).isEqualTo(s);
        }
    }

    @Test
    void primitiveArraysRoundTripSmallEmptyAndBig() throws Exception {
        Random random = new Random(42);
        byte[] bytes = new byte[1 << 20];
        random.nextBytes(bytes);
        int[] ints = random.ints(100_000).toArray();
        long[] longs = random.longs(50_000).toArray();
        double[] doubles = random.doubles(50_000).toArray();
        for (Object array : List.of(new byte[0], new int[0], new long[0], new double[0], bytes, ints, longs,
                doubles, new double[] {Double.NaN, -0.0, Double.MAX_VALUE})) {
            Object decoded = roundTrip(array);
            assertThat(decoded).hasSameClassAs(array);
            assertThat(Objects.deepEquals(decoded, array)).isTrue();
        }
    }

    @Test
    void objectArraysKeepTheirElementType() throws Exception {
        Object[] plain = {1, "two", null, new int[] {3}, List.of(4)};
        assertThat(roundTrip(plain)).isInstanceOf(Object[].class).hasSameClassAs(plain);
        assertRoundTrips(plain);
        String[] strings = {"a", null, "c"};
        assertThat(roundTrip(strings)).isInstanceOf(String[].class);
        assertRoundTrips(strings);
        Point[][] grid = {{new Point(1, 2)}, {}, null};
        assertThat(roundTrip(grid)).isInstanceOf(Point[][].class);
        assertRoundTrips(grid);
        assertRoundTrips(new Object[0]);
    }

    @Test
    void collectionsRoundTripAsMutableOnesInOrder() throws Exception {
        List<Object> list = new ArrayList<>(Arrays.asList(1, null, "three", List.of(), List.of(List.of(5))));
        Object decodedList = roundTrip(list);
        assertThat(decodedList).isInstanceOf(ArrayList.class).isEqualTo(list);
        assertThat(roundTrip(List.of(1, 2))).isInstanceOf(ArrayList.class).isEqualTo(List.of(1, 2));
        assertThat(roundTrip(Collections.unmodifiableList(list))).isEqualTo(list);

        Set<Object> set = new LinkedHashSet<>(Arrays.asList("z", "a", null, 7));
        Object decodedSet = roundTrip(set);
        assertThat(decodedSet).isInstanceOf(LinkedHashSet.class);
        assertThat(new ArrayList<Object>((Set<?>) decodedSet)).containsExactlyElementsOf(set);

        Map<Object, Object> map = new LinkedHashMap<>();
        map.put("z", 1);
        map.put("a", null);
        map.put(null, List.of("n"));
        map.put(new Point(1, 2), Map.of());
        Object decodedMap = roundTrip(map);
        assertThat(decodedMap).isInstanceOf(LinkedHashMap.class).isEqualTo(map);
        assertThat(new ArrayList<Object>(((Map<?, ?>) decodedMap).keySet())).containsExactlyElementsOf(map.keySet());

        TreeMap<String, Integer> sorted = new TreeMap<>(Comparator.reverseOrder());
        sorted.putAll(Map.of("a", 1, "b", 2, "c", 3));
        assertThat(new ArrayList<Object>(((Map<?, ?>) roundTrip(sorted)).keySet())).containsExactly("c", "b", "a");

        assertThat(roundTrip(Set.of())).isEqualTo(Set.of());
        assertThat(roundTrip(Map.of())).isEqualTo(Map.of());
    }

    @Test
    void optionalsRoundTrip() throws Exception {
        assertThat(roundTrip(Optional.empty())).isEqualTo(Optional.empty());
        assertThat(roundTrip(Optional.of(List.of("x")))).isEqualTo(Optional.of(List.of("x")));
    }

    @Test
    void recordsRoundTripThroughTheirCanonicalConstructor() throws Exception {
        Line line = new Line(new Point(1, -2), new Point(3, 4), "diagonal");
        assertThat(roundTrip(line)).isEqualTo(line);
        Primitives p = new Primitives(true, (byte) 1, (short) 2, 'c', 4, 5L, 6.5f, 7.25);
        assertThat(roundTrip(p)).isEqualTo(p);
        assertThat(roundTrip(new Holder(null))).isEqualTo(new Holder(null));
        // Many records of one class: its name is written once.
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            points.add(new Point(i, i));
        }
        assertThat(roundTrip(points)).isEqualTo(points);
        assertThat(codec.encode(points).remaining()).isLessThan(100 * 8 + Point.class.getName().length() + 16);
    }

    @Test
    void aLocalRecordRoundTrips() throws Exception {
        record Local(String name, List<Integer> values) {}
        Local local = new Local("n", List.of(1, 2));
        assertThat(roundTrip(local)).isEqualTo(local);
    }

    @Test
    void enumsRoundTripAsTheSameConstant() throws Exception {
        for (Color c : Color.values()) {
            assertThat(roundTrip(c)).isSameAs(c);
        }
        assertThat(roundTrip(List.of(Color.GREEN, Color.GREEN))).isEqualTo(List.of(Color.GREEN, Color.GREEN));
    }

    @Test
    void recordsAndEnumsOutsideTheAllowlistAreRefusedNamingTheClass() throws Exception {
        Codec narrow = new Codec(ClassAllowlist.builder().allowClass(Point.class).build());
        assertThat(roundTrip(narrow, new Point(1, 2))).isEqualTo(new Point(1, 2));
        ByteBuffer secret = narrow.encode(new Secret("s"));
        assertThatThrownBy(() -> narrow.decode(secret))
                .isInstanceOf(ClassNotAllowedException.class)
                .hasMessageContaining(Secret.class.getName())
                .hasMessageContaining("allowClass(" + Secret.class.getName() + ".class)")
                .hasMessageContaining("allowPackage(\"" + THIS_PACKAGE + "\")")
                .satisfies(e -> assertThat(((ClassNotAllowedException) e).className()).isEqualTo(Secret.class.getName()));
        ByteBuffer color = narrow.encode(Color.GREEN);
        assertThatThrownBy(() -> narrow.decode(color))
                .isInstanceOf(ClassNotAllowedException.class)
                .hasMessageContaining(Color.class.getName());
        ByteBuffer array = narrow.encode(new Secret[] {new Secret("s")});
        assertThatThrownBy(() -> narrow.decode(array))
                .isInstanceOf(ClassNotAllowedException.class)
                .hasMessageContaining(Secret.class.getName());
    }

    @Test
    void aRefusedClassInsideAnOtherwiseFineListIsNamed() throws Exception {
        Codec narrow = new Codec(ClassAllowlist.builder().allowClass(Point.class).build());
        ByteBuffer bytes = narrow.encode(List.of(1, "two", new Point(3, 3), Map.of("k", new Holder(4))));
        assertThatThrownBy(() -> narrow.decode(bytes))
                .isInstanceOf(ClassNotAllowedException.class)
                .hasMessageContaining(Holder.class.getName());
    }

    @Test
    void serializableLambdaRoundTripsWhenItsCapturingClassIsAllowed() throws Exception {
        int offset = 10;
        ThrowingFunction<Integer, Integer> f = x -> x * 2 + offset;
        Object decoded = roundTrip(f);
        @SuppressWarnings("unchecked")
        ThrowingFunction<Integer, Integer> g = (ThrowingFunction<Integer, Integer>) decoded;
        assertThat(g.apply(5)).isEqualTo(20);
        // Allowing just the capturing class is enough.
        Codec justThisClass = new Codec(ClassAllowlist.builder().allowClass(CodecTest.class).build());
        @SuppressWarnings("unchecked")
        ThrowingFunction<Integer, Integer> h = (ThrowingFunction<Integer, Integer>) roundTrip(justThisClass, f);
        assertThat(h.apply(1)).isEqualTo(12);
    }

    @Test
    void lambdaCapturingOnlyPlainValuesTravelsTaggedAndStillWorks() throws Exception {
        int offset = 10;
        String suffix = "!";
        WireTypes.Color color = WireTypes.Color.GREEN;
        ThrowingFunction<Integer, String> f = x -> (x * 2 + offset) + suffix + color;
        ByteBuffer bytes = codec.encode(f);
        assertThat(bytes.get(bytes.position())).as("tag").isEqualTo(Codec.LAMBDA);
        @SuppressWarnings("unchecked")
        ThrowingFunction<Integer, String> g = (ThrowingFunction<Integer, String>) roundTrip(f);
        assertThat(g.apply(5)).isEqualTo("20!green!");
        ThrowingFunction<Integer, Integer> noCapture = x -> x + 1;
        assertThat(codec.encode(noCapture).get(0)).isEqualTo(Codec.LAMBDA);
    }

    @Test
    void lambdaCapturingAMutableObjectGoesThroughJavaSerializationKeepingSharedReferences() throws Exception {
        ArrayList<Integer> shared = new ArrayList<>(List.of(1));
        ArrayList<Integer> alias = shared;
        ThrowingFunction<Integer, Boolean> sameList = x -> {
            shared.add(x);
            return alias.size() == 2; // the two captures are one list: both see the add
        };
        ByteBuffer bytes = codec.encode(sameList);
        assertThat(bytes.get(bytes.position())).as("tag").isEqualTo(Codec.SERIALIZED);
        @SuppressWarnings("unchecked")
        ThrowingFunction<Integer, Boolean> decoded = (ThrowingFunction<Integer, Boolean>) roundTrip(sameList);
        assertThat(decoded.apply(7)).isTrue();
    }

    @Test
    void aSerializedLambdaEncodesAsTheLambdaItStandsFor() throws Exception {
        int offset = 3;
        ThrowingFunction<Integer, Integer> f = x -> x + offset;
        java.lang.invoke.SerializedLambda form = Codec.lambdaForm(f);
        assertThat(form).isNotNull();
        assertThat(form.getCapturedArg(0)).isEqualTo(3);
        @SuppressWarnings("unchecked")
        ThrowingFunction<Integer, Integer> g = (ThrowingFunction<Integer, Integer>) roundTrip(form);
        assertThat(g.apply(1)).isEqualTo(4);
        assertThat(Codec.lambdaForm("not a lambda")).isNull();
        Runnable plain = () -> { };
        assertThat(Codec.lambdaForm(plain)).as("a lambda that is not Serializable").isNull();
    }

    @Test
    void taggedLambdaIsRefusedWhenItsCapturingClassIsNotAllowed() throws Exception {
        Codec jdkOnly = new Codec(ClassAllowlist.jdkDefaults());
        ThrowingFunction<Integer, Integer> f = x -> x + 1;
        ByteBuffer bytes = jdkOnly.encode(f);
        assertThat(bytes.get(0)).isEqualTo(Codec.LAMBDA);
        assertThatThrownBy(() -> jdkOnly.decode(bytes))
                .isInstanceOf(ClassNotAllowedException.class)
                .hasMessageContaining(CodecTest.class.getName());
    }

    @Test
    void taggedLambdaNamingAMethodTheClassHasNoLambdaForIsRefused() throws Exception {
        ThrowingFunction<Integer, Integer> f = x -> x + 1;
        java.lang.invoke.SerializedLambda real = Codec.lambdaForm(f);
        // The same lambda, but naming another private static method of this class as its body:
        // $deserializeLambda$ knows only the lambdas the source has, so it refuses.
        java.lang.invoke.SerializedLambda forged = new java.lang.invoke.SerializedLambda(CodecTest.class,
                real.getFunctionalInterfaceClass(), real.getFunctionalInterfaceMethodName(),
                real.getFunctionalInterfaceMethodSignature(), real.getImplMethodKind(), real.getImplClass(),
                "forgedTarget", real.getImplMethodSignature(), real.getInstantiatedMethodType(), new Object[0]);
        ByteBuffer bytes = codec.encode(forged);
        assertThatThrownBy(() -> codec.decode(bytes))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("forgedTarget")
                .hasMessageContaining(CodecTest.class.getName());
    }

    @SuppressWarnings("unused") // named by the forged lambda above
    private static Integer forgedTarget(Integer x) {
        return -x;
    }

    @Test
    void truncatedTaggedLambdaIsAProtocolError() throws Exception {
        ThrowingFunction<Integer, Integer> f = x -> x + 1;
        ByteBuffer bytes = codec.encode(f);
        for (int cut : new int[] {1, 5, bytes.remaining() / 2, bytes.remaining() - 1}) {
            ByteBuffer part = bytes.duplicate().limit(cut);
            assertThatThrownBy(() -> codec.decode(part)).as("cut at %d", cut).isInstanceOf(ProtocolException.class);
        }
    }

    @Test
    void immutableJdkCollectionsInsideSerializableObjectsRoundTrip() throws Exception {
        // In a Box, these go through Java serialization, where List.of and friends are written as
        // proxies that resolve to JDK-internal classes.
        WireTypes.Box box = new WireTypes.Box(new java.util.concurrent.CopyOnWriteArrayList<>(
                List.of(List.of(1, 2, 3), Set.of("a"), Map.of("k", List.of()), List.of(1),
                        Collections.unmodifiableMap(new TreeMap<>(Map.of(1, 2))), Collections.emptyList())));
        assertThat(roundTrip(box)).isEqualTo(box);
    }

    @Test
    void serializableLambdaIsRefusedWhenItsCapturingClassIsNot() throws Exception {
        Codec jdkOnly = new Codec(ClassAllowlist.jdkDefaults());
        ThrowingFunction<Integer, Integer> f = x -> x + 1;
        ByteBuffer bytes = jdkOnly.encode(f);
        assertThatThrownBy(() -> jdkOnly.decode(bytes))
                .isInstanceOf(ClassNotAllowedException.class)
                .hasMessageContaining(CodecTest.class.getName());
    }

    @Test
    void jdkValueTypesGoThroughJavaSerializationByDefault() throws Exception {
        Codec jdkOnly = new Codec(ClassAllowlist.jdkDefaults());
        for (Object v : List.of(new BigInteger("123456789012345678901234567890"), new BigDecimal("-1.50"),
                Instant.ofEpochSecond(1_700_000_000L, 5), Duration.ofMillis(1500),
                ZonedDateTime.of(2024, 3, 31, 2, 30, 0, 0, ZoneId.of("Europe/Paris")), UUID.randomUUID(),
                new ArrayList<>(List.of(1)))) {
            assertThat(roundTrip(jdkOnly, v)).isEqualTo(v);
        }
    }

    @Test
    void serializableObjectsKeepSharingAndTheirJdkInsides() throws Exception {
        Bag bag = new Bag();
        Bag decoded = (Bag) roundTrip(bag);
        assertThat(decoded).isEqualTo(bag);
        assertThat(decoded.shared[0]).isSameAs(decoded.shared[1]);
    }

    @Test
    void gadgetIshTypesAreRefused() throws Exception {
        // URLDNS: a HashMap key of type java.net.URL makes the receiver resolve a host name.
        ByteBuffer urlKey = codec.encode(Map.of(URI.create("http://example.invalid/").toURL(), "x"));
        assertThatThrownBy(() -> codec.decode(urlKey))
                .isInstanceOf(ClassNotAllowedException.class)
                .hasMessageContaining(URL.class.getName())
                .hasMessageContaining("JDK packages cannot be allowed as a whole");
        ByteBuffer badAttribute = codec.encode(new BadAttributeValueExpException("x"));
        assertThatThrownBy(() -> codec.decode(badAttribute))
                .isInstanceOf(ClassNotAllowedException.class)
                .hasMessageContaining(BadAttributeValueExpException.class.getName());
        Object proxy = Proxy.newProxyInstance(CodecTest.class.getClassLoader(),
                new Class<?>[] {Comparator.class, Serializable.class}, new Handler());
        ByteBuffer proxyBytes = codec.encode(proxy);
        assertThatThrownBy(() -> codec.decode(proxyBytes))
                .isInstanceOf(ClassNotAllowedException.class)
                .hasMessageContaining("dynamic proxy")
                .hasMessageContaining("java.util.Comparator");
        // Even a user record cannot smuggle one in through a field.
        ByteBuffer inRecord = codec.encode(new Holder(proxy));
        assertThatThrownBy(() -> codec.decode(inRecord)).isInstanceOf(ClassNotAllowedException.class);
    }

    @Test
    void encodingErrorsNameTheClassAndThePath() {
        List<Object> list = List.of(1, 2, 3, new Holder(List.of(new Object())));
        assertThatThrownBy(() -> codec.encode(list))
                .isInstanceOf(NotEncodableException.class)
                .hasMessageContaining("java.lang.Object")
                .hasMessageContaining("list element 3 → record field `x` → list element 0")
                .satisfies(e -> {
                    NotEncodableException n = (NotEncodableException) e;
                    assertThat(n.className()).isEqualTo("java.lang.Object");
                    assertThat(n.path()).isEqualTo("list element 3 → record field `x` → list element 0");
                });
        assertThatThrownBy(() -> codec.encode(Map.of("k", new Unserializable())))
                .isInstanceOf(NotEncodableException.class)
                .hasMessageContaining("java.lang.Object")
                .hasMessageContaining("map value 0 (key k) → inside " + Unserializable.class.getName());
        Runnable plainLambda = () -> {};
        assertThatThrownBy(() -> codec.encode(plainLambda))
                .isInstanceOf(NotEncodableException.class)
                .hasMessageContaining("lambda")
                .hasMessageContaining("(the top-level value)");
    }

    @Test
    void aFailedEncodeLeavesTheBufferAsItWas() throws Exception {
        GrowableBuffer out = new GrowableBuffer(4);
        codec.encode("first", out);
        int size = out.size();
        assertThatThrownBy(() -> codec.encode(List.of("a", "b", new Object()), out))
                .isInstanceOf(NotEncodableException.class);
        assertThat(out.size()).isEqualTo(size);
        codec.encode(7, out);
        ByteBuffer both = out.contents();
        assertThat(codec.decode(both)).isEqualTo("first");
        assertThat(codec.decode(both)).isEqualTo(7);
    }

    @Test
    void nestingIsCappedBothWays() throws Exception {
        Object deep = "leaf";
        for (int i = 0; i < Codec.MAX_DEPTH; i++) {
            deep = List.of(deep);
        }
        assertThat(roundTrip(deep)).isEqualTo(deep);
        Object tooDeep = List.of(deep);
        assertThatThrownBy(() -> codec.encode(tooDeep))
                .isInstanceOf(NotEncodableException.class)
                .hasMessageContaining("nesting deeper than " + Codec.MAX_DEPTH);
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);
        assertThatThrownBy(() -> codec.encode(cycle))
                .isInstanceOf(NotEncodableException.class)
                .hasMessageContaining("cycle");
        // A hostile message: 100,000 nested list headers decode to an error, not a stack overflow.
        byte[] nested = new byte[200_000];
        for (int i = 0; i < nested.length; i += 2) {
            nested[i] = Codec.LIST;
            nested[i + 1] = 1;
        }
        assertThatThrownBy(() -> codec.decode(ByteBuffer.wrap(nested)))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("nesting deeper than " + Codec.MAX_DEPTH);
    }

    @Test
    void declaredLengthsLargerThanTheBytesLeftAreRefusedBeforeAllocating() {
        for (byte tag : new byte[] {Codec.STRING, Codec.BYTES, Codec.INTS, Codec.LONGS, Codec.DOUBLES,
                Codec.OBJECTS, Codec.LIST, Codec.SET, Codec.MAP}) {
            byte[] hostile = {tag, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07, 0, 0};
            assertThatThrownBy(() -> codec.decode(ByteBuffer.wrap(hostile)))
                    .as("tag %d", tag)
                    .isInstanceOf(ProtocolException.class)
                    .hasMessageContaining("declared length 2147483647");
        }
        byte[] serialized = {Codec.SERIALIZED, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0};
        assertThatThrownBy(() -> codec.decode(ByteBuffer.wrap(serialized)))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("2147483647 bytes");
    }

    @Test
    void malformedEncodingsAreProtocolExceptions() {
        assertThatThrownBy(() -> codec.decode(ByteBuffer.wrap(new byte[] {(byte) 200})))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("unknown tag 200");
        assertThatThrownBy(() -> codec.decode(ByteBuffer.allocate(0)))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("encoding ends");
        assertThatThrownBy(() -> codec.decode(ByteBuffer.wrap(new byte[] {Codec.LONG, (byte) 0x80, (byte) 0x80})))
                .isInstanceOf(ProtocolException.class);
        byte[] overlong = {Codec.INT, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 1};
        assertThatThrownBy(() -> codec.decode(ByteBuffer.wrap(overlong))).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> codec.decode(ByteBuffer.wrap(new byte[] {Codec.OPTIONAL, Codec.NULL})))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("Optional holding null");
    }

    @Test
    void recordMessagesThatDoNotFitTheRecordAreProtocolExceptions() {
        String point = Point.class.getName();
        assertThatThrownBy(() -> codec.decode(record(point, 2, out -> {
            out.write(Codec.STRING);
            out.write(1);
            out.write('a');
            out.write(Codec.INT);
            out.write(4);
        }))).isInstanceOf(ProtocolException.class).hasMessageContaining(point);
        assertThatThrownBy(() -> codec.decode(record(point, 1, out -> out.write(Codec.NULL))))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("has 2 components, the message has 1");
        assertThatThrownBy(() -> codec.decode(record(Positive.class.getName(), 1, out -> {
            out.write(Codec.INT);
            out.write(1); // zigzag for -1
        }))).isInstanceOf(ProtocolException.class).hasMessageContaining("negative: -1");
        assertThatThrownBy(() -> codec.decode(record("java.lang.String", 0, out -> {})))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("not a record");
        assertThatThrownBy(() -> codec.decode(record(THIS_PACKAGE + ".DoesNotExist", 0, out -> {})))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("cannot be loaded");
        assertThatThrownBy(() -> codec.decode(record("java.lang.Runtime", 0, out -> {})))
                .isInstanceOf(ClassNotAllowedException.class).hasMessageContaining("java.lang.Runtime");
    }

    @Test
    void anUnknownEnumConstantIsAProtocolException() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Codec.ENUM);
        out.write(0); // a new class name follows
        writeName(out, Color.class.getName());
        writeName(out, "PURPLE");
        assertThatThrownBy(() -> codec.decode(ByteBuffer.wrap(out.toByteArray())))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("PURPLE");
    }

    @Test
    void decodeReadsBigEndianWhateverTheBufferOrder() throws Exception {
        ByteBuffer bytes = codec.encode(new int[] {1, 2, 0x01020304});
        bytes.order(java.nio.ByteOrder.LITTLE_ENDIAN);
        assertThat((int[]) codec.decode(bytes)).containsExactly(1, 2, 0x01020304);
        assertThat(bytes.order()).isEqualTo(java.nio.ByteOrder.LITTLE_ENDIAN);
        ByteBuffer direct = ByteBuffer.allocateDirect(64);
        direct.put(codec.encode(List.of("direct", 1.5))).flip();
        assertThat(codec.decode(direct)).isEqualTo(List.of("direct", 1.5));
    }

    /** Bytes of a RECORD message for class {@code name} with {@code count} components written by {@code body}. */
    private static ByteBuffer record(String name, int count, java.util.function.Consumer<ByteArrayOutputStream> body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Codec.RECORD);
        out.write(0); // a new class name follows
        writeName(out, name);
        out.write(count);
        body.accept(out);
        return ByteBuffer.wrap(out.toByteArray());
    }

    private static void writeName(ByteArrayOutputStream out, String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        out.write(bytes.length); // every name in these tests is under 128 bytes: a one-byte varint
        out.writeBytes(bytes);
    }

    @Test
    void codecsAreUsableFromManyThreadsAtOnce() throws Exception {
        List<Thread> threads = new ArrayList<>();
        Map<Integer, Throwable> failures = Collections.synchronizedMap(new HashMap<>());
        for (int t = 0; t < 8; t++) {
            int id = t;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    for (int i = 0; i < 2_000; i++) {
                        Line line = new Line(new Point(id, i), new Point(i, id), "t" + id);
                        assertThat(roundTrip(codec, line)).isEqualTo(line);
                    }
                } catch (Throwable e) {
                    failures.put(id, e);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(failures).isEmpty();
    }
}
