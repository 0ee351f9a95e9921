package org.example.findings;

import dev.weft.futures.MapResults;
import dev.weft.process.ProcessPoolExecutor;
import java.util.ArrayList;
import java.util.List;

/** A user class in a package no other test uses: its function goes to the workers through map alone. */
public final class MapAsFirstCall {
    private MapAsFirstCall() {}

    static int twice(int x) {
        return 2 * x;
    }

    /** {@code new ProcessPoolExecutor(1).map(MapAsFirstCall::twice, [1, 2, 3])}, read to the end. */
    public static List<Integer> run() {
        List<Integer> got = new ArrayList<>();
        try (var executor = new ProcessPoolExecutor(1);
                MapResults<Integer> results = executor.map(MapAsFirstCall::twice, List.of(1, 2, 3))) {
            results.forEachRemaining(got::add);
        }
        return got;
    }
}
