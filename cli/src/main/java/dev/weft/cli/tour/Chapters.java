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

    /** {@return every chapter, in the order the tour runs them} */
    public static List<Chapter> all() {
        return ALL;
    }

    /**
     * The chapter called {@code name}.
     *
     * @param name a chapter's name, as given to {@code weft tour}
     * @return the chapter, or empty if none has that name
     */
    public static Optional<Chapter> named(String name) {
        return ALL.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** {@return the names of every chapter, in order} */
    public static List<String> names() {
        return ALL.stream().map(Chapter::name).toList();
    }
}
