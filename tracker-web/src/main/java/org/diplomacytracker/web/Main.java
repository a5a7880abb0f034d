package org.diplomacytracker.web;

import org.diplomacytracker.core.TrackerConfiguration;
import org.diplomacytracker.web.cli.TrackerCommand;
import picocli.CommandLine;

/** {@code java -jar tracker.jar serve|import|export …}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // before anything touches Axon: no console banner, no update checker phoning home
        TrackerConfiguration.disableTelemetry();
        System.exit(TrackerCommand.commandLine().execute(args));
    }
}
