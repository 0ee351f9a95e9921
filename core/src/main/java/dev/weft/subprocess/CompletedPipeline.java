package dev.weft.subprocess;

import java.util.List;

/**
 * What {@link Pipeline#run} returns: every stage as a {@link CompletedProcess}, in order. The
 * pipeline's output is the last stage's stdout; each stage's stderr is its own.
 *
 * @param stages one per command, in pipeline order; a stage's {@code stdout} is null except for
 *     the last one's (the others fed the next stage)
 * @param <T> {@code byte[]} or {@code String}, as the {@link Options} said
 */
public record CompletedPipeline<T>(List<CompletedProcess<T>> stages) {
    /**
     * Copies the stages.
     *
     * @throws IllegalArgumentException if there is no stage
     */
    public CompletedPipeline {
        stages = List.copyOf(stages);
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("a pipeline has at least one stage");
        }
    }

    /** {@return the last stage's stdout, or null when it was not {@link Redirect#PIPE}} */
    public T stdout() {
        return stages.getLast().stdout();
    }

    /** {@return the last stage's returncode, as a shell reports a pipeline's status} */
    public int returncode() {
        return stages.getLast().returncode();
    }

    /** {@return every stage's returncode, in order (the shell's {@code PIPESTATUS})} */
    public List<Integer> returncodes() {
        return stages.stream().map(CompletedProcess::returncode).toList();
    }

    /**
     * {@return this if every stage returned 0 (the shell's {@code pipefail})}
     *
     * @throws CalledProcessException for the first stage that did not, with its output
     */
    public CompletedPipeline<T> checkReturncodes() {
        stages.forEach(CompletedProcess::checkReturncode);
        return this;
    }
}
