package dev.weft.cli.tour;

import java.io.PrintWriter;

/** One chapter of {@code weft tour}: a short real workload that says what it does and what it measured. */
public interface Chapter {
    /** {@return the name given to {@code weft tour NAME}: the Python module it follows} */
    String name();

    /** {@return one line saying what the chapter shows} */
    String title();

    /**
     * Runs the chapter, printing as it goes; leaves no thread running.
     *
     * @param out where the chapter prints what it does and what it measured
     * @throws Exception if the chapter's workload fails; the tour stops there
     */
    void run(PrintWriter out) throws Exception;
}
