package dev.weft.process;

/**
 * A main program for the end-of-program rules: starts a daemon child that would run for a minute
 * and a non-daemon child that finishes after a moment, prints both pids, and returns at once.
 */
public final class ProcessExitMain {
    private ProcessExitMain() {}

    public static void main(String[] args) throws Exception {
        Process daemon = new Process(() -> Thread.sleep(60_000)).daemon(true);
        daemon.start();
        Process worker = new Process(() -> {
            Thread.sleep(500);
            System.out.println("non-daemon child finished");
        });
        worker.start();
        System.out.println("daemon " + daemon.pid());
        System.out.println("main returns");
    }
}
