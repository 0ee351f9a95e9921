package dev.weft.cli.parallel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where the jobs' arguments come from, one list of arguments per job (one argument per input
 * source): the {@code :::} groups of the command line (several groups make every combination,
 * the first group varying slowest), {@code ::::} files (one argument per line), or standard
 * input, one argument per line, read as jobs are started (so an endless input works).
 *
 * <p>{@link #next()} is not thread-safe: the runner calls it under its own lock.
 */
public abstract sealed class Inputs {

    /** How many input sources each job draws from (1 for standard input). */
    public abstract int sources();

    /** The next job's arguments, or null when there are no more. Blocks while reading stdin. */
    public abstract List<String> next();

    /** How many jobs there are in all, or -1 when that is not known yet. */
    public abstract long total();

    /**
     * Every combination of {@code groups}, the first group varying slowest, as GNU parallel's
     * {@code ::: a b ::: 1 2} gives {@code a 1, a 2, b 1, b 2}.
     */
    public static Inputs ofGroups(List<List<String>> groups) {
        return new Product(groups);
    }

    /** One argument per line of {@code in} (UTF-8; a final line without newline counts). */
    public static Inputs ofLines(InputStream in) {
        return new Lines(new BufferedReader(new InputStreamReader(Objects.requireNonNull(in, "in"), StandardCharsets.UTF_8)));
    }

    /**
     * The lines of {@code file}, for {@code ::::}.
     *
     * @throws UncheckedIOException if it cannot be read
     */
    public static List<String> linesOf(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the input file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * These inputs read to the end, so that {@link #total()} is known (for the progress bar).
     * Blocks until standard input ends.
     */
    public Inputs materialized() {
        if (total() >= 0) {
            return this;
        }
        List<String> all = new ArrayList<>();
        for (List<String> args = next(); args != null; args = next()) {
            all.add(args.getFirst());
        }
        return ofGroups(List.of(all));
    }

    private static final class Product extends Inputs {
        private final List<List<String>> groups;
        private final int[] index;
        private final long total;
        private long produced;

        Product(List<List<String>> groups) {
            this.groups = groups.stream().map(List::copyOf).toList();
            this.index = new int[groups.size()];
            long n = groups.isEmpty() ? 0 : 1;
            for (List<String> g : groups) {
                n = Math.multiplyExact(n, g.size());
            }
            this.total = n;
        }

        @Override
        public int sources() {
            return groups.size();
        }

        @Override
        public long total() {
            return total;
        }

        @Override
        public List<String> next() {
            if (produced >= total) {
                return null;
            }
            List<String> args = new ArrayList<>(groups.size());
            for (int i = 0; i < groups.size(); i++) {
                args.add(groups.get(i).get(index[i]));
            }
            produced++;
            // Odometer: the last group turns fastest.
            for (int i = groups.size() - 1; i >= 0; i--) {
                if (++index[i] < groups.get(i).size()) {
                    break;
                }
                index[i] = 0;
            }
            return args;
        }
    }

    private static final class Lines extends Inputs {
        private final BufferedReader reader;
        private boolean ended;

        Lines(BufferedReader reader) {
            this.reader = reader;
        }

        @Override
        public int sources() {
            return 1;
        }

        @Override
        public long total() {
            return -1;
        }

        @Override
        public List<String> next() {
            if (ended) {
                return null;
            }
            try {
                String line = reader.readLine();
                if (line == null) {
                    ended = true;
                    return null;
                }
                return List.of(line);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read arguments from standard input: " + e.getMessage(), e);
            }
        }
    }
}
