package dev.weft.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code weft} command: {@code tour} runs a short real workload per chapter of Weft,
 * {@code parallel} runs a command over many arguments as GNU parallel does, {@code bench}
 * compares Weft with CPython and the best JVM peer.
 */
@Command(
        name = "weft",
        mixinStandardHelpOptions = true,
        versionProvider = Weft.Version.class,
        description = "Python's concurrency model on the JVM, without a GIL.",
        subcommands = {TourCommand.class, ParallelCommand.class, BenchCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "From a source checkout, ./weft test builds Weft and runs its whole test suite."})
public final class Weft implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Runs the command line and returns its exit code (0 ok, 1 failed, 2 bad usage; {@code
     * parallel} has its own, see {@link ParallelCommand}).
     */
    public static int execute(String... args) {
        return new CommandLine(new Weft()).execute(args);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** The version Maven wrote into {@code version.properties}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"weft " + version(), "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"};
        }

        static String version() {
            try (InputStream in = Weft.class.getResourceAsStream("version.properties")) {
                Properties p = new Properties();
                if (in != null) {
                    p.load(in);
                }
                return p.getProperty("version", "unknown");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
