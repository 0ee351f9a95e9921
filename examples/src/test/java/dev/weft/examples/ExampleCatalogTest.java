package dev.weft.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The conventions every example follows: a public {@code main}, a public static {@code run} that
 * takes the {@link PrintStream} (and, for "Press Enter" programs, the {@link BufferedReader}), a
 * private constructor; and a row in {@code docs/examples.md}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ExampleCatalogTest {

    /** The top-level example classes, found in the compiled classes of this module. */
    static List<Class<?>> exampleClasses() throws Exception {
        // The main classes' directory (the test classes have packages of the same names).
        Path root = Path.of(dev.weft.examples.recipes.PrintSumThread.class.getProtectionDomain()
                .getCodeSource().getLocation().toURI()).resolve("dev/weft/examples");
        try (Stream<Path> files = Files.walk(root)) {
            List<String> names = files
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(n -> n.contains("/") && n.endsWith(".class") && !n.contains("$")
                            && !n.endsWith("package-info.class") && !n.endsWith("Test.class"))
                    .sorted()
                    .toList();
            ClassLoader loader = ExampleCatalogTest.class.getClassLoader();
            List<Class<?>> classes = new java.util.ArrayList<>();
            for (String n : names) {
                String name = "dev.weft.examples." + n.substring(0, n.length() - ".class".length()).replace('/', '.');
                classes.add(Class.forName(name, false, loader));
            }
            return classes;
        }
    }

    @Test
    void everyExampleHasMainAndRun() throws Exception {
        List<Class<?>> classes = exampleClasses();
        assertThat(classes).hasSizeGreaterThanOrEqualTo(30);
        for (Class<?> c : classes) {
            Method main = c.getMethod("main", String[].class);
            assertThat(Modifier.isStatic(main.getModifiers())).as(c + " main is static").isTrue();
            assertThat(Arrays.stream(c.getMethods())
                    .filter(m -> m.getName().equals("run") && Modifier.isStatic(m.getModifiers()))
                    .map(Method::getParameterTypes))
                    .as(c + " has public static run(PrintStream) or run(PrintStream, BufferedReader)")
                    .anyMatch(p -> Arrays.equals(p, new Class<?>[] {PrintStream.class})
                            || Arrays.equals(p, new Class<?>[] {PrintStream.class, BufferedReader.class}));
            assertThat(Modifier.isFinal(c.getModifiers())).as(c + " is final").isTrue();
            assertThat(c.getConstructors()).as(c + " has no public constructor").isEmpty();
        }
    }

    @Test
    void everyExampleIsInTheTableOfDocsExamplesMd() throws Exception {
        Path docs = moduleDir().resolveSibling("docs").resolve("examples.md");
        String table = Files.readString(docs);
        for (Class<?> c : exampleClasses()) {
            String relative = c.getName().substring("dev.weft.examples.".length()).replace('.', '/');
            assertThat(table).as("docs/examples.md links " + c.getName())
                    .contains("(../examples/src/main/java/dev/weft/examples/" + relative + ".java)");
        }
    }

    private static Path moduleDir() throws URISyntaxException {
        String basedir = System.getProperty("basedir");
        return (basedir != null ? Path.of(basedir) : Path.of("").toAbsolutePath()).normalize();
    }
}
