package org.diplomacytracker.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.diplomacytracker.web.cli.TrackerCommand;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * {@code serve} refuses a number it cannot serve with — a body limit that is not a positive number of
 * bytes (Vert.x would read a negative one as no limit at all), as a port out of range — with one line
 * on standard error, a non-zero exit, no stack trace, and nothing started: the store is never opened.
 * Here beside the API tests because the body limit is the API's.
 */
class ServeOptionsTest {

    @TempDir
    Path work;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "--body-limit, -1",
            "--body-limit, 0",
            "--body-limit, 1073741825",
            "--port, 99999",
            "--live-buffer, 0",
            "--event-loops, -1"})
    void numberOutOfRangeIsAUsageErrorAndNothingStarts(String option, String value) {
        Path store = work.resolve("store");
        List<String> args = new ArrayList<>(List.of("serve", "--data", store.toString(), option, value));
        if (!option.equals("--port")) {
            args.addAll(List.of("--port", "0"));
        }
        StringWriter err = new StringWriter();
        CommandLine cli = TrackerCommand.commandLine();
        cli.setErr(new PrintWriter(err, true));

        int exit = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> cli.execute(args.toArray(String[]::new)),
                "serve started instead of refusing " + option + " " + value);

        assertThat(exit).as("exit code").isNotZero();
        assertThat(err.toString()).as("standard error")
                .startsWith("error: " + option)
                .contains(value)
                .doesNotContain("Exception", "\tat ");
        assertThat(err.toString().lines()).as("one line").hasSize(1);
        assertThat(Files.exists(store)).as("the store was never opened").isFalse();
    }
}
