package org.diplomacytracker.web.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.diplomacytracker.web.testing.DemoData;
import org.diplomacytracker.web.testing.JsonComparison;
import org.diplomacytracker.web.testing.NewDevelopments;
import org.diplomacytracker.web.testing.TrackerJar;
import org.diplomacytracker.web.testing.TrackerJar.Finished;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code import} and {@code export} of the packaged jar, run as processes: idempotent import with
 * progress on standard error, an export that round-trips byte for byte, and usage errors told in one
 * line with no stack trace.
 * Each test runs its own processes on its own folders, so they run side by side.
 */
@Execution(ExecutionMode.CONCURRENT)
class CommandLineIT {

    private static final Duration RUN = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private Path folder(String name) throws IOException {
        return Files.createDirectories(work.resolve(name));
    }

    private static Finished succeeds(String... args) {
        Finished run = TrackerJar.run(RUN, args);
        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.stderr()).as("stderr").doesNotContain("\tat ");
        return run;
    }

    private static List<String> exportedIds(Path store) {
        return succeeds("export", "--data", store.toString()).out().lines().map(line -> {
            try {
                return JSON.readTree(line).get("development").get("id").asText();
            } catch (IOException e) {
                throw new AssertionError("export line is not JSON: " + line, e);
            }
        }).toList();
    }

    private static String lastLine(Finished run) {
        List<String> lines = run.errLines();
        assertThat(lines).as("progress on stderr").isNotEmpty();
        return lines.get(lines.size() - 1);
    }

    @Test
    void importIsIdempotentAndItsExportRoundTripsByteForByte() throws IOException {
        Path demo = DemoData.writeTo(work.resolve("ru-ua.ndjson"));
        Path first = folder("first");
        Path second = folder("second");

        Finished imported = succeeds("import", demo.toString(), "--data", first.toString());
        assertThat(lastLine(imported)).contains("imported").contains("100 developments")
                .contains("100 new").contains("0 duplicates");

        Finished again = succeeds("import", demo.toString(), "--data", first.toString());
        assertThat(lastLine(again)).contains("imported").contains("0 new").contains("100 duplicates");

        Finished toStdout = succeeds("export", "--data", first.toString());
        assertThat(lastLine(toStdout)).contains("exported 100");
        List<String> lines = toStdout.out().lines().toList();
        assertThat(lines).as("one line per development, nothing twice").hasSize(DemoData.SIZE);
        assertThat(toStdout.out()).endsWith("\n");
        List<String> ids = DemoData.ids();
        java.time.Instant previous = java.time.Instant.EPOCH;
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = JSON.readTree(lines.get(i));
            assertThat(line.size()).as("line %d: the recorded time and the development", i + 1).isEqualTo(2);
            java.time.Instant recordedAt = java.time.Instant.parse(line.get("recordedAt").asText());
            assertThat(recordedAt).as("line %d recorded in order", i + 1).isAfterOrEqualTo(previous);
            previous = recordedAt;
            JsonNode exported = line.get("development");
            assertThat(exported.get("id").asText()).as("line %d in recorded order", i + 1).isEqualTo(ids.get(i));
            assertThat(JsonComparison.sameJson(exported, DemoData.byId(ids.get(i))))
                    .as("line %d is the development as imported: %s", i + 1, lines.get(i)).isTrue();
        }
        List<String> plain = succeeds("export", "--plain", "--data", first.toString()).out().lines().toList();
        for (int i = 0; i < plain.size(); i++) {
            assertThat(JsonComparison.sameJson(JSON.readTree(plain.get(i)), DemoData.byId(ids.get(i))))
                    .as("--plain: line %d is the development alone: %s", i + 1, plain.get(i)).isTrue();
        }
        assertThat(plain).hasSize(DemoData.SIZE);

        Path exportA = work.resolve("a.ndjson");
        succeeds("export", "--data", first.toString(), "--output", exportA.toString());
        assertThat(TrackerJar.read(exportA)).as("--output writes what stdout carries")
                .isEqualTo(toStdout.stdout());

        succeeds("import", exportA.toString(), "--data", second.toString());
        Path exportB = work.resolve("b.ndjson");
        succeeds("export", "--data", second.toString(), "-o", exportB.toString());
        assertThat(TrackerJar.read(exportB)).as("export, import into an empty folder, export: the same bytes, "
                + "recorded times included").isEqualTo(TrackerJar.read(exportA));
    }

    @Test
    void aFolderAServerHoldsIsReportedAsInUse() throws IOException {
        Path store = folder("held");
        try (TrackerJar.Server server = TrackerJar.serve("--data", store.toString())) {
            Finished run = TrackerJar.run(RUN, "export", "--data", store.toString());
            assertOneLineError(run, "in use by another tracker process");
        }
    }

    @Test
    void exportingFromAFolderWithoutAStoreIsAnErrorAndCreatesNothing() {
        Path missing = work.resolve("typo");
        Finished run = TrackerJar.run(RUN, "export", "--data", missing.toString());
        assertOneLineError(run, "no event store in " + missing);
        assertThat(Files.exists(missing)).as("no store created where none was").isFalse();
    }

    @Test
    void anExportedLineWithARecordedTimeInTheFutureIsRefusedNamingIt() throws IOException {
        Path file = work.resolve("future.ndjson");
        Files.writeString(file, "{\"recordedAt\":\"2999-01-01T00:00:00.000Z\",\"development\":"
                + NewDevelopments.processOpened("cli") + "}\n", StandardCharsets.UTF_8);
        Path store = folder("store");
        Finished run = TrackerJar.run(RUN, "import", file.toString(), "--data", store.toString());
        assertOneLineError(run, file + ":1");
        assertThat(run.errLines().get(run.errLines().size() - 1)).contains("recordedAt");
        assertThat(exportedIds(store)).isEmpty();
    }

    @Test
    void unknownOptionIsAUsageErrorWithoutStackTrace() throws IOException {
        Finished run = TrackerJar.run(RUN, "import", "--bogus", "x.ndjson", "--data", folder("store").toString());
        assertThat(run.exitCode()).as("%s", run).isNotZero();
        assertThat(run.stderr()).doesNotContain("\tat ");
        assertThat(run.errLines().get(0)).as("the first line says what is wrong").contains("--bogus");
    }

    @Test
    void unreadableFileIsReportedInOneLine() throws IOException {
        Path missing = work.resolve("no-such-file.ndjson");
        Finished run = TrackerJar.run(RUN, "import", missing.toString(), "--data", folder("store").toString());
        assertOneLineError(run, missing.toString());
    }

    @Test
    void unreachableDatabaseIsReportedInOneLine() {
        Finished run = TrackerJar.run(RUN, "export", "--db", "jdbc:postgresql://127.0.0.1:1/nope");
        assertOneLineError(run, "127.0.0.1:1");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void badThirdLineIsReportedAsFileColonLine() throws IOException {
        Path file = work.resolve("bad-line.ndjson");
        Files.writeString(file, NewDevelopments.ndjson(
                NewDevelopments.processOpened("cli"),
                NewDevelopments.processOpened("cli").put("id", "opened-again-line-2"),
                NewDevelopments.processOpened("cli").put("id", "bad line 3")), StandardCharsets.UTF_8);
        Path store = folder("store");

        Finished run = TrackerJar.run(RUN, "import", file.toString(), "--data", store.toString());
        assertOneLineError(run, file + ":3");
    }

    @Test
    void refusedThirdLineIsReportedAsFileColonLine() throws IOException {
        Path file = work.resolve("refused-line.ndjson");
        Files.writeString(file, NewDevelopments.ndjson(
                NewDevelopments.processOpened("cli"),
                NewDevelopments.json("""
                        {"id":"actor-a","process":"cli","type":"ActorRegistered","occurredOn":"2024-01-01",
                         "source":{"outlet":"Test desk"},"actor":"a","name":"Side A","kind":"state"}"""),
                NewDevelopments.json("""
                        {"id":"position","process":"cli","type":"PositionStated","occurredOn":"2024-01-02",
                         "source":{"outlet":"Test desk"},"actor":"nobody","issue":"none","stance":"open"}""")),
                StandardCharsets.UTF_8);
        Path store = folder("store");

        Finished run = TrackerJar.run(RUN, "import", file.toString(), "--data", store.toString());
        assertOneLineError(run, file + ":3");
        // the batch holding line 3 was refused whole: nothing of it is in the store
        assertThat(exportedIds(store)).isEmpty();
    }

    @Test
    void batchesBeforeABadLineStayRecordedAndImportingTheFixedFileResumes() throws IOException {
        String actorA = """
                {"id":"actor-a","process":"cli","type":"ActorRegistered","occurredOn":"2024-01-01",
                 "source":{"outlet":"Test desk"},"actor":"a","name":"Side A","kind":"state"}""";
        String actorB = actorA.replace("actor-a", "actor-b").replace("\"a\"", "\"b\"").replace("Side A", "Side B");
        String actorC = actorA.replace("actor-a", "actor-c").replace("\"a\"", "\"c\"").replace("Side A", "Side C");
        Path file = work.resolve("resume.ndjson");
        Files.writeString(file, NewDevelopments.ndjson(NewDevelopments.processOpened("cli"), actorA, actorB,
                actorC.replace("\"kind\":\"state\"", "\"kind\":\"planet\"")), StandardCharsets.UTF_8);
        Path store = folder("store");

        Finished failed = TrackerJar.run(RUN, "import", file.toString(), "--batch", "2", "--data", store.toString());
        assertOneLineError(failed, file + ":4");
        assertThat(exportedIds(store)).as("the first batch (lines 1-2) stays recorded; the second (3-4) does not")
                .containsExactly("opened", "actor-a");

        Files.writeString(file, NewDevelopments.ndjson(NewDevelopments.processOpened("cli"), actorA, actorB, actorC),
                StandardCharsets.UTF_8);
        Finished resumed = succeeds("import", file.toString(), "--batch", "2", "--data", store.toString());
        assertThat(lastLine(resumed)).contains("2 new").contains("2 duplicates");
        assertThat(exportedIds(store)).containsExactly("opened", "actor-a", "actor-b", "actor-c");
    }

    /**
     * Exit ≠ 0, no stack trace, and the failure told in one line, the last on stderr, naming
     * {@code subject}. (Log lines of the run before it may precede it.)
     */
    private static void assertOneLineError(Finished run, String subject) {
        assertThat(run.exitCode()).as("%s", run).isNotZero();
        assertThat(run.stderr()).as("stderr").doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(run.errLines().stream().filter(l -> l.startsWith("error:"))).as("stderr: %s", run.stderr())
                .hasSize(1);
        assertThat(lastLine(run)).startsWith("error: ").contains(subject);
    }
}
