package dev.weft.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code weft manager}: the commands around a {@link dev.weft.process.Manager} server. */
@Command(
        name = "manager",
        mixinStandardHelpOptions = true,
        description = "Serves shared objects to other processes: Python's multiprocessing.managers.",
        subcommands = {ManagerServeCommand.class})
final class ManagerCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
