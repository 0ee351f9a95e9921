package dev.weft.process;

import dev.weft.process.internal.hub.ItemCodec;
import dev.weft.process.internal.wire.ClassAllowlist;
import java.util.List;
import java.util.Objects;

/**
 * What this JVM may decode from other processes on {@link Queue}s and {@link Pipe}s, beyond the
 * defaults; every {@link Process}, {@link Pool} and {@link ProcessPoolExecutor} started afterwards
 * passes it on to its children.
 *
 * <p>The defaults: the JDK's value types and collections, Weft's own queue and pipe handles, and
 * the packages of the code this JVM has sent to a child (a process target, a pool's functions) or
 * been sent by its parent; so records declared beside that code travel without ceremony. Anything
 * else is refused with an error naming the class, before the class is loaded. Pools also take
 * their own additions ({@link Pool.Builder#allowPackage}), which count here too.
 *
 * <p>Additions are for the life of the JVM and cannot be taken back.
 */
public final class Allowlist {
    private Allowlist() {}

    /**
     * Allows values of {@code type} (for an array type, its element type).
     *
     * @param type the class to allow
     */
    public static void allowClass(Class<?> type) {
        Class<?> element = Objects.requireNonNull(type, "type");
        while (element.isArray()) {
            element = element.getComponentType();
        }
        ItemCodec.allow(List.of(element.getName()), List.of());
    }

    /**
     * Allows values of every class in {@code packageName} and the packages below it.
     *
     * @param packageName the package to allow, with its subpackages
     * @throws IllegalArgumentException if it is not a package name, or is a JDK package
     *     ({@code java}, {@code javax}, {@code jdk}, {@code sun}, {@code com.sun} or below)
     */
    public static void allowPackage(String packageName) {
        ClassAllowlist.builder().allowPackage(Objects.requireNonNull(packageName, "packageName"));
        ItemCodec.allow(List.of(), List.of(packageName));
    }
}
