/**
 * The engine of {@code weft parallel}, GNU parallel's job runner on Weft's subprocess layer.
 *
 * <ul>
 *   <li>{@link dev.weft.cli.parallel.CommandTemplate} turns the command words and a job's
 *       arguments into the job's command line, with the replacement strings of
 *       {@link dev.weft.cli.parallel.Replacement}, directly or through {@code /bin/sh -c}.
 *   <li>{@link dev.weft.cli.parallel.Inputs} yields each job's arguments: {@code :::} groups
 *       (every combination), {@code ::::} files, or standard input read as jobs start.
 *   <li>{@link dev.weft.cli.parallel.ParallelRunner} runs {@code -j} slot threads; each runs its
 *       jobs with a {@code JobExecutor} (start, read both outputs, timeout, retries), records them
 *       in the {@link dev.weft.cli.parallel.JobLog} and hands them to the
 *       {@link dev.weft.cli.parallel.OutputWriter}, which writes each job's output whole, in
 *       completion or input order; a {@link dev.weft.cli.parallel.HaltPolicy} may stop the run.
 * </ul>
 *
 * The picocli command that parses the command line is {@code dev.weft.cli.ParallelCommand};
 * {@code docs/parallel.md} is the user's guide.
 */
package dev.weft.cli.parallel;
