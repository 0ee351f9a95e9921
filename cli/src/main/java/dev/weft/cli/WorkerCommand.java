package dev.weft.cli;

import dev.weft.cluster.Cluster;
import dev.weft.cluster.Worker;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code weft worker --join host:port}: a cluster member that runs the tasks of cluster pools. */
@Command(
        name = "worker",
        mixinStandardHelpOptions = true,
        description = {
            "Starts a Hazelcast cluster member that runs the tasks of Weft's ClusterPool and ClusterExecutor,"
                    + " and serves until SIGTERM or Ctrl-C (then it leaves gracefully).",
            "It binds to 127.0.0.1 unless --bind says otherwise. Anyone who can join a cluster can run code"
                    + " on its members: keep members on a trusted network."
        })
final class WorkerCommand implements Callable<Integer> {

    @Option(names = "--join", paramLabel = "HOST:PORT", description = "a member to join (repeatable); none: start a cluster")
    List<String> join = new ArrayList<>();

    @Option(names = "--cluster", paramLabel = "NAME", defaultValue = "weft", description = "the cluster's name (default: ${DEFAULT-VALUE})")
    String cluster;

    @Option(names = "--port", paramLabel = "PORT", description = "the port to listen on (default 5701, or the next free one)")
    Integer port;

    @Option(names = "--bind", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "the address to bind to and announce (default: ${DEFAULT-VALUE})")
    String bind;

    @Option(names = "--threads", paramLabel = "N", description = "tasks run at once (default: the processors)")
    Integer threads;

    @Option(names = "--classpath", paramLabel = "PATH", split = ":",
            description = "jars and directories holding the application's task classes (':'-separated)")
    List<Path> classpath = new ArrayList<>();

    @Option(names = "--allow-package", paramLabel = "PACKAGE",
            description = "a package whose classes tasks may pass as values (repeatable)")
    List<String> allowPackages = new ArrayList<>();

    @Option(names = "--watch-stdin", description = "also leave when standard input reaches end of file")
    boolean watchStdin;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Cluster.Builder b;
        try {
            b = Cluster.builder().name(cluster).bind(bind).join(join.toArray(String[]::new));
            if (port != null) {
                b.port(port);
            }
            if (threads != null) {
                b.threads(threads);
            }
            for (String p : allowPackages) {
                b.allowPackage(p);
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (!classpath.isEmpty()) {
            b.classLoader(new URLClassLoader(urls(), WorkerCommand.class.getClassLoader()));
        }
        Worker.serve(b, watchStdin, System.out);
        return 0;
    }

    private URL[] urls() {
        List<URL> out = new ArrayList<>();
        for (Path p : classpath) {
            File f = p.toFile();
            if (!f.exists()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--classpath: no such file or directory " + p);
            }
            try {
                out.add(f.toURI().toURL());
            } catch (MalformedURLException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--classpath: " + p + ": " + e.getMessage());
            }
        }
        return out.toArray(URL[]::new);
    }
}
