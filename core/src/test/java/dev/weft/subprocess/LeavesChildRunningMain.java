package dev.weft.subprocess;

import java.util.List;

/**
 * Run in a child JVM by {@link ExitCleanupTest}: starts {@code sleep 300} (which starts a
 * grandchild of its own) and returns from {@code main} without waiting, or calls
 * {@code System.exit} when asked to.
 */
public final class LeavesChildRunningMain {
    private LeavesChildRunningMain() {}

    public static void main(String[] args) throws Exception {
        Popen<String> p = new Popen<>(List.of("sh", "-c", "sleep 300 & echo $!; wait"), Options.defaults().stdout(Redirect.PIPE).text());
        System.out.println("child " + p.pid());
        System.out.println("grandchild " + p.stdoutReader().readLine().trim());
        System.out.flush();
        if (args.length > 0 && args[0].equals("exit")) {
            System.exit(3);
        }
    }
}
