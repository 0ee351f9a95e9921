package dev.weft.cli.tour;

import java.io.PrintWriter;

/** One chapter of {@code weft tour}: a short real workload that says what it does and what it measured. */
public interface Chapter {
    /** The name given to {@code weft tour NAME}: the Python module it follows. */
    String name();

    /** One line saying what the chapter shows. */
    String title();

    /** Runs the chapter, printing as it goes; leaves no thread running. */
    void run(PrintWriter out) throws Exception;
}
