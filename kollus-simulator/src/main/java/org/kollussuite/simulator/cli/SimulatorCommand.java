package org.kollussuite.simulator.cli;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** The command line's root: names the commands; run without one it shows the usage and fails. */
@TopCommand
@Command(name = "kollus-simulator", mixinStandardHelpOptions = true,
        description = "Plays Kollus (its servers and its players) against a running callback suite.",
        subcommands = {ScenarioCommand.class, LoadCommand.class, ReportCommand.class})
public class SimulatorCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return CommandLine.ExitCode.USAGE;
    }
}
