package org.diplomacytracker.web.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.diplomacytracker.core.Tracker;
import org.diplomacytracker.core.TrackerOptions;
import org.diplomacytracker.core.transfer.ExportLine;
import org.diplomacytracker.events.DevelopmentJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code export}: the whole log as NDJSON in recorded order, re-importable into an empty store with an
 * identical result. Each line is {@code {"recordedAt":"…","development":{…}}}, so that an import keeps
 * what was known when; {@code --plain} writes the developments alone, as they are posted.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write every recorded development as NDJSON, in recorded order, each with the time it "
                + "was recorded (import keeps it).")
public final class ExportCommand implements Runnable {

    @Mixin
    StoreOptions store;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path output;

    @Option(names = "--plain", description = "Write each development alone, as POST /api/developments takes it, "
            + "without its recorded time (an import then records it anew).")
    boolean plain;

    @Override
    public void run() {
        try (Tracker tracker = Tracker.start(TrackerOptions.defaults(store.existing()));
             Writer out = open()) {
            long count = tracker.export((d, recordedAt) -> {
                try {
                    if (plain) {
                        out.write(DevelopmentJson.write(d));
                    } else {
                        out.write(ExportLine.of(d, recordedAt));
                    }
                    out.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            out.flush();
            System.err.println("exported " + count + " developments");
        } catch (IOException | UncheckedIOException e) {
            throw new CliException("could not write the export: " + e.getMessage());
        }
    }

    private Writer open() throws IOException {
        if (output == null) {
            return new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
        }
        return Files.newBufferedWriter(output, StandardCharsets.UTF_8);
    }
}
