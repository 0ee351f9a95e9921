package dev.weft.process.internal.wire;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The classes a {@link Codec} may instantiate while decoding: the JDK value types it allows by
 * default (and the reference that Weft's shared queues and pipe ends travel as), plus the classes
 * and packages the user allowed. Everything else is refused with a
 * {@link ClassNotAllowedException} before the class is even loaded. Not API.
 *
 * <p>Decisions are made on binary class names, so an allowed name needs no class loading. An array
 * type is allowed when its element type is (primitive element types always are). A package allowed
 * with {@link Builder#allowPackage} covers that package and every package below it. Packages of
 * the JDK ({@code java}, {@code javax}, {@code jdk}, {@code sun}, {@code com.sun} and below) cannot
 * be allowed as a whole, because they hold the classic deserialization gadgets; their classes can
 * still be allowed one at a time with {@link Builder#allowClass}.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class ClassAllowlist {

    /**
     * JDK classes allowed by default: immutable values and the usual collections, plus the
     * serialization proxies these types write in their place, the classes those proxies resolve to
     * (the filter checks them as well), and the superclasses whose descriptors Java serialization
     * writes along with them.
     */
    private static final List<String> JDK_DEFAULTS = List.of(
            "java.lang.Object", // only ever reached as an array element type: Object is not Serializable
            "java.lang.Boolean", "java.lang.Byte", "java.lang.Short", "java.lang.Character",
            "java.lang.Integer", "java.lang.Long", "java.lang.Float", "java.lang.Double",
            "java.lang.Number", "java.lang.String", "java.lang.Enum",
            "java.lang.invoke.SerializedLambda",
            "java.math.BigInteger", "java.math.BigDecimal",
            "java.time.Ser", "java.time.Duration", "java.time.Instant", "java.time.LocalDate",
            "java.time.LocalTime", "java.time.LocalDateTime", "java.time.OffsetDateTime",
            "java.time.OffsetTime", "java.time.ZonedDateTime", "java.time.ZoneId",
            "java.time.ZoneOffset", "java.time.ZoneRegion", "java.time.Period", "java.time.Year",
            "java.time.YearMonth", "java.time.MonthDay", "java.time.DayOfWeek", "java.time.Month",
            "java.util.ArrayList", "java.util.LinkedList", "java.util.ArrayDeque",
            "java.util.HashMap", "java.util.LinkedHashMap", "java.util.TreeMap",
            "java.util.HashSet", "java.util.LinkedHashSet", "java.util.TreeSet",
            "java.util.EnumMap", "java.util.EnumSet$SerializationProxy",
            "java.util.RegularEnumSet", "java.util.JumboEnumSet",
            "java.util.CollSer", "java.util.Arrays$ArrayList",
            // What CollSer resolves to (List.of, Set.of, Map.of): the filter sees resolved objects too.
            "java.util.ImmutableCollections$List12", "java.util.ImmutableCollections$ListN",
            "java.util.ImmutableCollections$Set12", "java.util.ImmutableCollections$SetN",
            "java.util.ImmutableCollections$Map1", "java.util.ImmutableCollections$MapN",
            "java.util.Collections$EmptyList", "java.util.Collections$EmptySet",
            "java.util.Collections$EmptyMap", "java.util.Collections$SingletonList",
            "java.util.Collections$SingletonSet", "java.util.Collections$SingletonMap",
            "java.util.Collections$UnmodifiableCollection", "java.util.Collections$UnmodifiableList",
            "java.util.Collections$UnmodifiableRandomAccessList",
            "java.util.Collections$UnmodifiableSet", "java.util.Collections$UnmodifiableSortedSet",
            "java.util.Collections$UnmodifiableMap", "java.util.Collections$UnmodifiableSortedMap",
            "java.util.concurrent.ConcurrentHashMap", "java.util.concurrent.ConcurrentHashMap$Segment",
            "java.util.concurrent.CopyOnWriteArrayList",
            "java.util.UUID", "java.util.Date", "java.util.Locale", "java.util.BitSet",
            // HashMap and HashSet announce their table to the filter as a Map.Entry[] before allocating it.
            "java.util.Map$Entry");

    /**
     * Weft's own classes allowed by default: the reference a shared queue or pipe end travels as,
     * and the handles it resolves to (the filter checks those too, so every concrete class a
     * {@code ShmRef} or {@code RemoteRef} resolves to must be here, or a child whose own classes are
     * allowed by package could not decode a {@code SharedValue}). They cannot be instantiated from a
     * stream by content: their {@code readObject} refuses. A barrier's settings (its action and
     * timeout) are a plain record; the action's own classes are judged as any other.
     */
    private static final List<String> WEFT_DEFAULTS = List.of(
            "dev.weft.process.internal.hub.RemoteRef",
            "dev.weft.process.Queue", "dev.weft.process.JoinableQueue", "dev.weft.process.SimpleQueue",
            "dev.weft.process.Connection", "dev.weft.process.DictProxy", "dev.weft.process.ListProxy",
            "dev.weft.process.Namespace", "dev.weft.process.ValueProxy", "dev.weft.process.LockProxy",
            "dev.weft.process.SemaphoreProxy", "dev.weft.process.EventProxy", "dev.weft.process.ConditionProxy",
            "dev.weft.process.BarrierProxy", "dev.weft.process.internal.shm.ShmRef",
            "dev.weft.process.internal.shm.ShmHandle",
            // What a ShmRef resolves to: every concrete shared-memory class.
            "dev.weft.process.SharedValue$OfInt", "dev.weft.process.SharedValue$OfLong",
            "dev.weft.process.SharedValue$OfDouble", "dev.weft.process.SharedValue$OfBoolean",
            "dev.weft.process.SharedValue$OfByte", "dev.weft.process.SharedValue$OfChar",
            "dev.weft.process.SharedArray$OfInt", "dev.weft.process.SharedArray$OfLong",
            "dev.weft.process.SharedArray$OfDouble", "dev.weft.process.SharedArray$OfBoolean",
            "dev.weft.process.SharedArray$OfByte", "dev.weft.process.SharedArray$OfChar",
            "dev.weft.process.ProcessLock", "dev.weft.process.ProcessRLock",
            "dev.weft.process.ProcessSemaphore", "dev.weft.process.ProcessEvent",
            "dev.weft.process.ProcessCondition", "dev.weft.process.ProcessBarrier",
            "dev.weft.process.ProcessBarrier$Settings");

    private static final List<String> PROTECTED_PACKAGES = List.of("java", "javax", "jdk", "sun", "com.sun");

    private static final Pattern PACKAGE_NAME =
            Pattern.compile("\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*"
                    + "(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*");

    /** The JDK and Weft defaults, shared by every allowlist (a builder copies only what it adds). */
    private static final Set<String> DEFAULTS = defaults();

    private static final ClassAllowlist JDK = new ClassAllowlist(Set.of(), Set.of());

    private static Set<String> defaults() {
        Set<String> all = new HashSet<>(JDK_DEFAULTS);
        all.addAll(WEFT_DEFAULTS);
        return Set.copyOf(all);
    }

    /** The classes allowed besides {@link #DEFAULTS}. */
    private final Set<String> classes;
    private final Set<String> packages;
    private final boolean throwables;

    private ClassAllowlist(Set<String> classes, Set<String> packages) {
        this(classes, packages, false);
    }

    private ClassAllowlist(Set<String> classes, Set<String> packages, boolean throwables) {
        this.classes = classes;
        this.packages = packages;
        this.throwables = throwables;
    }

    /**
     * Whether every {@link Throwable} subclass is allowed too, for results from a trusted peer (a
     * pool's own worker) that may carry exceptions inside them. Such a class is loaded, without
     * being initialized, to find out whether it is a throwable.
     */
    public boolean allowsThrowables() {
        return throwables;
    }

    /** The defaults alone: the JDK's value types and collections, and Weft's shared-object references. */
    public static ClassAllowlist jdkDefaults() {
        return JDK;
    }

    /** A builder that starts from the JDK defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Whether the class with binary name {@code className} may be decoded. Array names
     * ({@code [Lcom.example.Foo;}, {@code [[I}) are judged by their element type; primitive types
     * and arrays of them are always allowed. Never loads a class.
     *
     * @throws NullPointerException if {@code className} is null
     */
    public boolean allows(String className) {
        String name = elementName(Objects.requireNonNull(className, "className"));
        if (name.isEmpty()) {
            return false;
        }
        if (isPrimitiveName(name) || DEFAULTS.contains(name) || classes.contains(name)) {
            return true;
        }
        // Walk up the package chain: an allowed package covers its sub-packages.
        for (int dot = name.lastIndexOf('.'); dot > 0; dot = name.lastIndexOf('.', dot - 1)) {
            if (packages.contains(name.substring(0, dot))) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code type} may be decoded; the same as {@code allows(type.getName())}. */
    public boolean allows(Class<?> type) {
        return allows(type.getName());
    }

    @Override
    public String toString() {
        return "ClassAllowlist[the defaults and " + classes.size() + " more classes, packages " + packages + "]";
    }

    /**
     * The element type's name of an array name ({@code [[Lcom.x.Foo;} gives {@code com.x.Foo},
     * {@code [I} gives {@code int}); any other name unchanged. A malformed array name gives "".
     */
    static String elementName(String name) {
        if (!name.startsWith("[")) {
            return name;
        }
        int i = 0;
        while (i < name.length() && name.charAt(i) == '[') {
            i++;
        }
        String rest = name.substring(i);
        if (rest.length() > 2 && rest.charAt(0) == 'L' && rest.endsWith(";")) {
            return rest.substring(1, rest.length() - 1);
        }
        return switch (rest) {
            case "Z" -> "boolean";
            case "B" -> "byte";
            case "C" -> "char";
            case "S" -> "short";
            case "I" -> "int";
            case "J" -> "long";
            case "F" -> "float";
            case "D" -> "double";
            default -> "";
        };
    }

    /** Whether {@code className} is in a JDK package that cannot be allowed as a whole. */
    public static boolean isProtectedPackage(String className) {
        for (String p : PROTECTED_PACKAGES) {
            if (className.equals(p) || className.startsWith(p + ".")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isPrimitiveName(String name) {
        return switch (name) {
            case "boolean", "byte", "char", "short", "int", "long", "float", "double", "void" -> true;
            default -> false;
        };
    }

    /**
     * Collects allowed classes and packages; {@link #build()} makes the immutable list. Not safe
     * for use by several threads at once.
     */
    public static final class Builder {
        private final Set<String> classes = new HashSet<>(); // besides the defaults
        private final Set<String> packages = new HashSet<>();
        private boolean throwables;

        private Builder() {}

        /**
         * Allows every {@link Throwable} subclass, and the JDK classes a throwable's serial form
         * holds ({@code StackTraceElement}, the empty and unmodifiable lists). Only for a trusted,
         * authenticated peer: exception classes with custom deserialization then run.
         *
         * @return this builder
         */
        public Builder allowThrowables() {
            throwables = true;
            classes.add("java.lang.StackTraceElement");
            classes.add("java.util.Collections$EmptyList");
            classes.add("java.util.Collections$UnmodifiableList");
            classes.add("java.util.Collections$UnmodifiableRandomAccessList");
            classes.add("java.util.Collections$UnmodifiableCollection");
            return this;
        }

        /**
         * Allows {@code type}; for an array type, its element type. A record or enum must be
         * allowed to be decoded; so must the class that created a serializable lambda.
         *
         * @return this builder
         * @throws NullPointerException if {@code type} is null
         */
        public Builder allowClass(Class<?> type) {
            Class<?> element = Objects.requireNonNull(type, "type");
            while (element.isArray()) {
                element = element.getComponentType();
            }
            classes.add(element.getName());
            return this;
        }

        /**
         * Allows the class with binary name {@code className} (for an array name, its element
         * type), without loading it: for names received from a trusted peer.
         *
         * @return this builder
         * @throws NullPointerException if {@code className} is null
         */
        public Builder allowClassName(String className) {
            classes.add(elementName(Objects.requireNonNull(className, "className")));
            return this;
        }

        /**
         * Allows every class in package {@code packageName} and in the packages below it
         * ({@code "com.example"} covers {@code com.example.Foo} and {@code com.example.sub.Bar},
         * not {@code com.examples.Baz}).
         *
         * @return this builder
         * @throws NullPointerException if {@code packageName} is null
         * @throws IllegalArgumentException if it is not a package name, or is a JDK package
         *     ({@code java}, {@code javax}, {@code jdk}, {@code sun}, {@code com.sun} or below),
         *     whose gadget classes must never be allowed wholesale
         */
        public Builder allowPackage(String packageName) {
            Objects.requireNonNull(packageName, "packageName");
            if (!PACKAGE_NAME.matcher(packageName).matches()) {
                throw new IllegalArgumentException("not a package name: \"" + packageName + "\"");
            }
            if (isProtectedPackage(packageName) || PROTECTED_PACKAGES.stream().anyMatch(p -> p.startsWith(packageName + "."))) {
                throw new IllegalArgumentException("package " + packageName + " is (or contains) a JDK package,"
                        + " which cannot be allowed as a whole; allow its classes one by one with allowClass");
            }
            packages.add(packageName);
            return this;
        }

        /** The allowlist with everything allowed so far; the builder can go on being used. */
        public ClassAllowlist build() {
            return new ClassAllowlist(Set.copyOf(classes), Set.copyOf(packages), throwables);
        }
    }
}
