package dev.weft.bench;

/**
 * The main class of a forked JVM that measures one side of one workload:
 * {@code ForkMain WORKLOAD SIDE SIZE WARMUP MEASURED}. Prints one {@code result <figure>} line per
 * measured round; anything else it prints is ignored by the runner.
 */
public final class ForkMain {
    private ForkMain() {}

    /**
     * Measures the side named by {@code args} and prints its figures; exits with status 2 on bad usage.
     *
     * @param args {@code WORKLOAD SIDE SIZE WARMUP MEASURED}
     * @throws Exception if the side fails, which the runner reports with this JVM's error output
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: ForkMain WORKLOAD SIDE SIZE WARMUP MEASURED");
            System.exit(2);
        }
        Workload w = Workloads.named(args[0]).orElseThrow(
                () -> new IllegalArgumentException("no workload named " + args[0]));
        String side = args[1];
        long size = Long.parseLong(args[2]);
        int warmup = Integer.parseInt(args[3]);
        int measured = Integer.parseInt(args[4]);
        exitWhenParentGoes();
        for (int i = 0; i < warmup; i++) {
            w.measure(side, size);
        }
        for (int i = 0; i < measured; i++) {
            double figure = w.measure(side, size);
            System.out.println("result " + figure);
            System.out.flush();
        }
        // A workload may keep a warm engine for its rounds (a pool, a cluster member) whose threads
        // would keep this JVM alive: the figures are out, so end it.
        System.exit(0);
    }

    /** The runner keeps our stdin open; end of input means it is gone, so we go too. */
    private static void exitWhenParentGoes() {
        Thread.ofPlatform().daemon().name("parent-watch").start(() -> {
            try {
                while (System.in.read() >= 0) {
                    // discard
                }
            } catch (java.io.IOException ignored) {
                // fall through: no parent to talk to
            }
            Runtime.getRuntime().halt(3);
        });
    }
}
