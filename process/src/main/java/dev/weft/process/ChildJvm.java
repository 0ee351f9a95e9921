package dev.weft.process;

import dev.weft.process.internal.worker.Spares;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a child JVM (a {@link Process} or a pool's worker) is started: extra JVM options, system
 * properties, and what happens to its output. Immutable; equal specs are interchangeable, so warm
 * spares made for one serve the other.
 *
 * <p>A child always runs the parent's own {@code java} with the parent's class path, so every
 * class the parent can name, the child can load. On top of the options given here, Weft adds
 * {@code --enable-native-access=ALL-UNNAMED} and a class-data-sharing archive kept per class path
 * (made by the first child and reused by the next ones), which cuts a child's start-up.
 *
 * <p>Output: by default each line a child writes to its standard output or error is forwarded to
 * the parent's current {@link System#out} or {@link System#err}, whole lines at a time (so lines of
 * two children never mix), optionally prefixed with the child's name ({@link #withPrefixedOutput}).
 * {@link #withInheritedOutput} hands the child the parent's file descriptors instead: no copying,
 * but a {@code System.setOut} in the parent does not see it.
 */
public final class ChildJvm {
    private static final ChildJvm DEFAULTS = new ChildJvm(List.of(), Map.of(), false, false);

    private final List<String> options;
    private final Map<String, String> properties;
    private final boolean inheritOutput;
    private final boolean prefixOutput;

    private ChildJvm(List<String> options, Map<String, String> properties, boolean inheritOutput,
            boolean prefixOutput) {
        this.options = options;
        this.properties = properties;
        this.inheritOutput = inheritOutput;
        this.prefixOutput = prefixOutput;
    }

    /**
     * No extra options or properties; output forwarded line by line without a prefix.
     *
     * @return the default spec
     */
    public static ChildJvm defaults() {
        return DEFAULTS;
    }

    /**
     * {@return this spec with {@code jvmOptions} added after the ones it has (for example {@code "-Xmx256m"},
     * {@code "-XX:+UseSerialGC"})}
     *
     * @param jvmOptions the options to add, each starting with {@code -}
     * @throws IllegalArgumentException if an option is empty or does not start with {@code -}
     * @throws NullPointerException if an option is null
     */
    public ChildJvm withOptions(String... jvmOptions) {
        List<String> all = new ArrayList<>(options);
        for (String o : jvmOptions) {
            Objects.requireNonNull(o, "JVM option");
            if (!o.startsWith("-")) {
                throw new IllegalArgumentException("a JVM option starts with '-': \"" + o + "\"");
            }
            all.add(o);
        }
        return new ChildJvm(List.copyOf(all), properties, inheritOutput, prefixOutput);
    }

    /**
     * {@return this spec with system property {@code name} set to {@code value} in the child}
     *
     * @param name the property's name
     * @param value its value
     * @throws IllegalArgumentException if {@code name} is empty or contains {@code =}
     * @throws NullPointerException if either is null
     */
    public ChildJvm withSystemProperty(String name, String value) {
        Objects.requireNonNull(value, "value");
        if (Objects.requireNonNull(name, "name").isEmpty() || name.indexOf('=') >= 0) {
            throw new IllegalArgumentException("not a system property name: \"" + name + "\"");
        }
        Map<String, String> all = new LinkedHashMap<>(properties);
        all.put(name, value);
        return new ChildJvm(options, Map.copyOf(all), inheritOutput, prefixOutput);
    }

    /** {@return this spec with each output line of the child prefixed by {@code [name] }} */
    public ChildJvm withPrefixedOutput() {
        return new ChildJvm(options, properties, false, true);
    }

    /** {@return this spec with the child writing straight to the parent's file descriptors 1 and 2} */
    public ChildJvm withInheritedOutput() {
        return new ChildJvm(options, properties, true, false);
    }

    /** {@return the extra JVM options, in order} */
    public List<String> options() {
        return options;
    }

    /** {@return the extra system properties} */
    public Map<String, String> systemProperties() {
        return properties;
    }

    /** {@return whether the child writes to the parent's file descriptors directly} */
    public boolean inheritsOutput() {
        return inheritOutput;
    }

    /** {@return whether forwarded lines are prefixed with the child's name} */
    public boolean prefixesOutput() {
        return prefixOutput;
    }

    /**
     * Keeps {@code spares} idle child JVMs of this spec started and connected, so that a
     * {@link Process#start()} or a new {@link Pool} takes one instead of waiting for a JVM to start
     * (a few hundred milliseconds); a spare has also run the path a start takes once, so that its
     * first task runs within milliseconds.
     *
     * <p>A spare also prepares for the targets of the last few processes of this spec that were
     * started before it (as a forked Python child finds its parent's modules imported, or as the
     * {@code forkserver} imports its preload modules): it loads and initializes their classes and
     * links their lambdas, so that a process started again with the same target does not pay for
     * that. Only class and method names reach the spare, never a value a target captured. So the
     * static initializer of a target's class may run in a spare that is never used, and a failure
     * in it shows when a process uses that class, as it would have in a fresh child.
     *
     * <p>A spare taken is replaced in the background: when the process that took it has ended and
     * its JVM is gone, or 200 ms after it was taken if that is sooner (a JVM starting at once
     * would compete for the CPUs with the process just started). Spares are killed
     * when the parent exits. {@code 0} stops keeping spares (idle ones are stopped). The default is
     * the system property {@code weft.process.warmSpares}, or 0.
     *
     * <p>Does not block: the spares start in the background.
     *
     * @param spares how many idle JVMs to keep ready; 0 stops keeping any
     * @throws IllegalArgumentException if {@code spares} is negative
     */
    public void keepWarm(int spares) {
        if (spares < 0) {
            throw new IllegalArgumentException("spares must not be negative: " + spares);
        }
        Spares.keep(this, spares);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChildJvm c && options.equals(c.options) && properties.equals(c.properties)
                && inheritOutput == c.inheritOutput && prefixOutput == c.prefixOutput;
    }

    @Override
    public int hashCode() {
        return Objects.hash(options, properties, inheritOutput, prefixOutput);
    }

    @Override
    public String toString() {
        return "ChildJvm[options=" + options + ", properties=" + properties + ", output="
                + (inheritOutput ? "inherited" : prefixOutput ? "forwarded with prefix" : "forwarded") + "]";
    }
}
