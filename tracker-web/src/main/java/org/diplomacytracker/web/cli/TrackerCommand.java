package org.diplomacytracker.web.cli;

import org.diplomacytracker.core.store.StoreUnavailableException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top command; its subcommands do the work. */
@Command(name = "tracker", mixinStandardHelpOptions = true, version = "Diplomacy Tracker 0.1.0",
        description = "A reactive, event-sourced tracker of peace negotiations.",
        subcommands = {ServeCommand.class, ImportCommand.class, ExportCommand.class})
public final class TrackerCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: serve, import or export");
    }

    /** The command line with the tracker's error handling: a message and an exit code, no stack trace. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new TrackerCommand());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + userMessage(e));
            return e instanceof StoreUnavailableException ? 3 : 1;
        });
        return cli;
    }

    static String userMessage(Throwable e) {
        if (e instanceof StoreUnavailableException || e instanceof CliException
                || e instanceof IllegalArgumentException) {
            return e.getMessage();
        }
        return "the tracker stopped on an unexpected error (" + e.getClass().getSimpleName()
                + "); run with -Dorg.slf4j.simpleLogger.defaultLogLevel=debug or see the log for details";
    }
}
