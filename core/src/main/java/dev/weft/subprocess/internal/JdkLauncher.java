package dev.weft.subprocess.internal;

import dev.weft.subprocess.LaunchException;
import dev.weft.subprocess.LaunchMechanism;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link LaunchMechanism#JDK}: children started by {@link ProcessBuilder}, which works wherever the
 * JDK does. Not API.
 */
final class JdkLauncher implements Launcher {
    static final JdkLauncher INSTANCE = new JdkLauncher();

    private static final File DEV_NULL = new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    /**
     * The errno in the JDK's message, which reads {@code error=2, No such file or directory} or
     * {@code Exec failed, error: 2 (No such file or directory)} depending on the version.
     */
    private static final Pattern ERRNO = Pattern.compile("error[=:] ?(\\d+)(?:, | \\()([^)]*)\\)?\\s*$");

    private JdkLauncher() {}

    @Override
    public LaunchMechanism mechanism() {
        return LaunchMechanism.JDK;
    }

    @Override
    public Child launch(LaunchSpec spec) {
        if (spec.newSession()) {
            // ProcessBuilder has no way to call setsid in the child, and a setsid(1) wrapper
            // would turn a missing program into an exit status instead of a LaunchException.
            throw new LaunchException(spec.args(), spec.cwd(), "a new session needs the POSIX_SPAWN launch mechanism;"
                    + " ProcessBuilder cannot start one", null);
        }
        ProcessBuilder pb = new ProcessBuilder(spec.args());
        if (spec.cwd() != null) {
            pb.directory(spec.cwd().toFile());
        }
        if (spec.env() != null) {
            Map<String, String> env = pb.environment();
            env.clear();
            env.putAll(spec.env());
        }
        InputStream upstream = null;
        switch (spec.stdin()) {
            case Stdio.Pipe p -> pb.redirectInput(ProcessBuilder.Redirect.PIPE);
            case Stdio.DevNull d -> pb.redirectInput(DEV_NULL);
            case Stdio.Inherit i -> pb.redirectInput(ProcessBuilder.Redirect.INHERIT);
            case Stdio.ReadFile f -> pb.redirectInput(f.path().toFile());
            case Stdio.FromStream s -> {
                pb.redirectInput(ProcessBuilder.Redirect.PIPE);
                upstream = s.upstream();
            }
            default -> throw new IllegalArgumentException("stdin cannot be " + spec.stdin());
        }
        pb.redirectOutput(output(spec.stdout()));
        if (spec.stderr() instanceof Stdio.MergeWithStdout) {
            pb.redirectErrorStream(true);
        } else {
            pb.redirectError(output(spec.stderr()));
        }
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new LaunchException(spec.args(), spec.cwd(), reason(e), e);
        }
        JdkChild child = new JdkChild(process, spec);
        if (upstream != null) {
            Pump.start(upstream, process.getOutputStream(), "weft-pipe-pump-" + process.pid());
        }
        return child;
    }

    private static ProcessBuilder.Redirect output(Stdio stdio) {
        return switch (stdio) {
            case Stdio.Pipe p -> ProcessBuilder.Redirect.PIPE;
            case Stdio.DevNull d -> ProcessBuilder.Redirect.DISCARD;
            case Stdio.Inherit i -> ProcessBuilder.Redirect.INHERIT;
            case Stdio.WriteFile f -> f.append() ? ProcessBuilder.Redirect.appendTo(f.path().toFile()) : ProcessBuilder.Redirect.to(f.path().toFile());
            default -> throw new IllegalArgumentException("an output cannot be " + stdio);
        };
    }

    /** The operating system's reason in Weft's form, {@code "No such file or directory (errno 2)"}. */
    private static String reason(IOException e) {
        String m = String.valueOf(e.getMessage());
        Matcher matcher = ERRNO.matcher(m);
        return matcher.find() ? matcher.group(2).trim() + " (errno " + matcher.group(1) + ")" : m;
    }
}
