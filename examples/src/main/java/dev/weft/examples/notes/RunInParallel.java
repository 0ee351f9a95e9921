package dev.weft.examples.notes;

import dev.weft.process.DictProxy;
import dev.weft.process.Manager;
import dev.weft.process.Process;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seed 001 (notes "Concurrency in Python"), "How to save output of multi processed functions":
 * {@code runInParallel} starts {@code func1} and {@code func2} in processes, each given its number
 * and a {@code manager.dict()} to record its result in with {@code res.update({a: n})}; the parent
 * joins them and returns the dict.
 *
 * <p>{@code multiprocessing.Manager()} becomes {@link Manager#start()}: a server in a child JVM of
 * its own, stopped when the try-with-resources block ends; {@code manager.dict()} a
 * {@link DictProxy}, a {@code Map} whose every call goes to that server, so the children's writes
 * are what the parent reads. The script looks its functions up by name
 * ({@code getattr(sys.modules[__name__], d)}) and appends {@code res} to each one's argument list;
 * here the table maps each name to its function and its argument, and the lambda given to each
 * {@link Process} captures the proxy (which travels to the child as a handle on the same dict).
 * {@code update({a: n})} is {@code putAll(Map.of(a, n))}. The busy loop
 * ({@code for i in range(10000000): pass}) is kept, shorter. The children's lines come in either
 * order; {@code print(dict)} and {@code print(dict[d])} print the table and each argument list as
 * Python would, and the example prints the returned dict at the end.
 *
 * <pre>{@code
 * {'func1': [1], 'func2': [2]}
 * h1
 * [1, <DictProxy>]
 * h3
 * h1
 * [2, <DictProxy>]
 * h3
 * func1: starting
 * func2: starting
 * func1: finishing
 * appended
 * func2: finishing
 * appended
 * {1: 1, 2: 2}
 * }</pre>
 * (the children's six lines in any interleaving that keeps each child's order; the dict's two
 * entries in the order the children wrote them, as in Python.)
 */
public final class RunInParallel {
    private RunInParallel() {}

    /** How many empty iterations each function spins: the script's ten million, shortened. */
    static final int SPIN = 1_000_000;

    /** A function of the table: takes its number and the shared dict; serializable, to go to a child. */
    @FunctionalInterface
    interface Func extends java.io.Serializable {
        void apply(int a, DictProxy<Integer, Integer> res);
    }

    public static void main(String[] args) throws InterruptedException {
        run(System.out);
    }

    static void func1(int a, DictProxy<Integer, Integer> res) {
        System.out.println("func1: starting");
        spin();
        System.out.println("func1: finishing");
        res.putAll(Map.of(a, 1)); // res.update({a: 1})
        System.out.println("appended");
    }

    static void func2(int a, DictProxy<Integer, Integer> res) {
        System.out.println("func2: starting");
        spin();
        System.out.println("func2: finishing");
        res.putAll(Map.of(a, 2));
        System.out.println("appended");
    }

    private static long sink;

    private static void spin() {
        long x = 0;
        for (int i = 0; i < SPIN; i++) {
            x += i; // for i in range(10000000): pass
        }
        sink = x;
    }

    /** {@code runInParallel(dict)}: returns a copy of the manager's dict, made before it shuts down. */
    static Map<Integer, Integer> runInParallel(Map<String, List<Object>> dict, PrintStream out) throws InterruptedException {
        Map<String, Func> functions = Map.of("func1", RunInParallel::func1, "func2", RunInParallel::func2);
        try (Manager manager = Manager.start()) {
            DictProxy<Integer, Integer> res = manager.dict();
            List<Process> proc = new ArrayList<>();
            out.println(python(dict));
            for (String d : dict.keySet()) {
                out.println("h1");
                Func func = functions.get(d);
                dict.get(d).add(res);
                out.println(python(dict.get(d)));
                int a = (Integer) dict.get(d).get(0);
                Process p = new Process(() -> func.apply(a, res));
                out.println("h3");
                p.start();
                proc.add(p);
            }
            for (Process p : proc) {
                p.join();
            }
            return new LinkedHashMap<>(res.copy());
        }
    }

    /** Runs the listing: {@code ans = runInParallel(dict)}, then prints {@code ans}. */
    public static void run(PrintStream out) throws InterruptedException {
        Map<String, List<Object>> dict = new LinkedHashMap<>();
        dict.put("func1", new ArrayList<>(List.of(1)));
        dict.put("func2", new ArrayList<>(List.of(2)));
        Map<Integer, Integer> ans = runInParallel(dict, out);
        out.println(python(ans));
    }

    /** Python's repr of the script's values: quoted strings, {@code <DictProxy>} for the proxy. */
    static String python(Object o) {
        return switch (o) {
            case String s -> "'" + s + "'";
            case DictProxy<?, ?> p -> "<DictProxy>";
            case Map<?, ?> m -> {
                List<String> parts = new ArrayList<>();
                m.forEach((k, v) -> parts.add(python(k) + ": " + python(v)));
                yield "{" + String.join(", ", parts) + "}";
            }
            case List<?> l -> {
                List<String> parts = new ArrayList<>();
                l.forEach(v -> parts.add(python(v)));
                yield "[" + String.join(", ", parts) + "]";
            }
            default -> String.valueOf(o);
        };
    }
}
