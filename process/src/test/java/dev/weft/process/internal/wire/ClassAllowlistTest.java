package dev.weft.process.internal.wire;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD;

import java.lang.invoke.SerializedLambda;
import java.math.BigDecimal;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link ClassAllowlist}: the JDK defaults, classes, packages and their sub-packages, arrays, refusals. */
@Timeout(value = 30, unit = SECONDS, threadMode = SEPARATE_THREAD)
class ClassAllowlistTest {

    @Test
    void jdkValueTypesAreAllowedByDefaultAndNothingElse() {
        ClassAllowlist jdk = ClassAllowlist.jdkDefaults();
        for (Class<?> c : new Class<?>[] {Integer.class, String.class, BigDecimal.class, ZonedDateTime.class,
                ArrayList.class, HashMap.class, SerializedLambda.class, int[].class, String[][].class, long.class}) {
            assertThat(jdk.allows(c)).as(c.getName()).isTrue();
        }
        for (String name : new String[] {"java.net.URL", "java.lang.Runtime", "java.lang.ProcessBuilder",
                "javax.management.BadAttributeValueExpException", "java.util.PriorityQueue",
                "[Ljava.net.URL;", "com.example.Foo", "", "[", "[Q", "java.lang.reflect.Proxy"}) {
            assertThat(jdk.allows(name)).as(name).isFalse();
        }
    }

    @Test
    void aPackageCoversItselfAndItsSubPackagesOnly() {
        ClassAllowlist list = ClassAllowlist.builder().allowPackage("com.example").build();
        assertThat(list.allows("com.example.Foo")).isTrue();
        assertThat(list.allows("com.example.sub.deeper.Bar$Inner")).isTrue();
        assertThat(list.allows("[[Lcom.example.Foo;")).isTrue();
        assertThat(list.allows("com.examples.Foo")).isFalse();
        assertThat(list.allows("com.Foo")).isFalse();
        assertThat(list.allows("com.example")).isFalse(); // a class named like the package, in package "com"
    }

    @Test
    void aClassIsAllowedAloneAndArraysByTheirElement() {
        ClassAllowlist list = ClassAllowlist.builder().allowClass(WireTypes.Point[][].class).build();
        assertThat(list.allows(WireTypes.Point.class)).isTrue();
        assertThat(list.allows(WireTypes.Point[].class)).isTrue();
        assertThat(list.allows(WireTypes.Line.class)).isFalse();
        assertThat(ClassAllowlist.jdkDefaults().allows(WireTypes.Point.class)).as("defaults unchanged").isFalse();
    }

    @Test
    void jdkPackagesAndMalformedNamesCannotBeAllowedWhole() {
        ClassAllowlist.Builder builder = ClassAllowlist.builder();
        for (String p : new String[] {"java", "java.util", "javax.management", "jdk.internal", "sun.misc", "com.sun",
                "com.sun.rowset", "com"}) {
            assertThatThrownBy(() -> builder.allowPackage(p)).as(p)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("allowClass");
        }
        for (String p : new String[] {"", ".", "com.", "com..x", "1abc", "a b"}) {
            assertThatThrownBy(() -> builder.allowPackage(p)).as(p).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(builder.allowPackage("javafoo").build().allows("javafoo.X")).isTrue();
        assertThat(builder.allowClass(java.net.URL.class).build().allows("java.net.URL")).isTrue();
    }
}
