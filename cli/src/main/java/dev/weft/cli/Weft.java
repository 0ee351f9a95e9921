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
 * compares Weft with CPython and the best JVM peer, {@code manager serve} runs a manager server,
 * {@code worker} a cluster member.
 */
@Command(
        name = "weft",
        mixinStandardHelpOptions = true,
        versionProvider = Weft.Version.class,
        description = "Python's concurrency model on the JVM, without a GIL.",
        subcommands = {TourCommand.class, ParallelCommand.class, BenchCommand.class, ManagerCommand.class,
            WorkerCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "From a source checkout, ./weft test builds Weft and runs its whole test suite."})
public final class Weft implements Runnable {

    /** The command, for picocli: {@link #execute} and {@link #main} make one per command line. */
    public Weft() {}

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Runs the command line and returns its exit code (0 ok, 1 failed, 2 bad usage; {@code
     * parallel} has its own, see {@link ParallelCommand}).
     *
     * @param args the arguments, as given to {@code weft}
     * @return the exit code
     */
    public static int execute(String... args) {
        return new CommandLine(new Weft()).execute(args);
    }

    /**
     * Runs the command line and exits the JVM with its exit code ({@link #execute}).
     *
     * @param args the arguments, as given to {@code weft}
     */
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
