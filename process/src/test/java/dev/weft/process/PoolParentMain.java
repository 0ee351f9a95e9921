package dev.weft.process;

import java.util.List;
import java.util.stream.Collectors;

/** A parent for the kill-the-parent test: starts a pool, prints its workers' pids, then waits to be killed. */
public final class PoolParentMain {
    private PoolParentMain() {}

    public static void main(String[] args) throws Exception {
        Pool pool = new Pool(2);
        pool.map(x -> x, List.of(1, 2, 3, 4), 1); // both workers up and serving
        System.out.println("pids " + pool.workerPids().stream().map(String::valueOf).collect(Collectors.joining(" ")));
        System.out.flush();
        Thread.sleep(120_000);
    }
}
