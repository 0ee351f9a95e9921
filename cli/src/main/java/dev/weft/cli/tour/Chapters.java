package dev.weft.cli.tour;

import java.util.List;
import java.util.Optional;

/** The chapters of {@code weft tour}, in order; each capability of Weft adds its own. */
public final class Chapters {
    private Chapters() {}

    private static final List<Chapter> ALL = List.of(
            new ThreadingChapter(), new QueueChapter(), new FuturesChapter(), new SchedChapter(),
            new SubprocessChapter(), new MultiprocessingChapter(), new SharedStateChapter(), new AioChapter(), new ActorsChapter(),
            new ClusterChapter());

    public static List<Chapter> all() {
        return ALL;
    }

    public static Optional<Chapter> named(String name) {
        return ALL.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public static List<String> names() {
        return ALL.stream().map(Chapter::name).toList();
    }
}
