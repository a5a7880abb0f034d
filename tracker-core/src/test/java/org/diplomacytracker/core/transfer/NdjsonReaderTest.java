package org.diplomacytracker.core.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.diplomacytracker.core.testing.Developments;
import org.junit.jupiter.api.Test;

class NdjsonReaderTest {

    private static String line(String id) {
        return Developments.json("p", id, "IssueDefined", "2020-01-01", "\"issue\":\"" + id + "\",\"title\":\"T\"");
    }

    @Test
    void blankLinesAreSkippedButCountedAndCrlfIsAccepted() {
        String body = line("a") + "\r\n\n   \n" + line("b") + "\r\n" + line("c");
        NdjsonBatch batch = NdjsonReader.readAll(body.getBytes(StandardCharsets.UTF_8));
        assertThat(batch.developments()).extracting(d -> d.id().value()).containsExactly("a", "b", "c");
        assertThat(batch.lines()).containsExactly(1, 4, 5);
    }

    @Test
    void aBadLineIsNamedByItsNumber() {
        String body = line("a") + "\n" + line("b") + "\n{\"id\": \n" + line("d");
        assertThatThrownBy(() -> NdjsonReader.readAll(body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(NdjsonLineException.class, e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.problem().getMessage()).containsIgnoringCase("malformed JSON");
                });
    }

    @Test
    void invalidUtf8IsReportedOnItsLine() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes((line("a") + "\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(line("b").replace("\"T\"", "\"T\u00ff\"").getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> NdjsonReader.readAll(body.toByteArray()))
                .isInstanceOfSatisfying(NdjsonLineException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.problem().getMessage()).contains("UTF-8");
                });
    }

    @Test
    void aLongStreamIsReadInBatchesOfTheAskedSize() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 2500; i++) {
            body.append(line("d" + i)).append('\n');
        }
        NdjsonReader reader = new NdjsonReader(new ByteArrayInputStream(body.toString().getBytes(StandardCharsets.UTF_8)));
        assertThat(reader.next(1000).size()).isEqualTo(1000);
        NdjsonBatch second = reader.next(1000);
        assertThat(second.lineOf(0)).isEqualTo(1001);
        assertThat(reader.next(1000).size()).isEqualTo(500);
        assertThat(reader.next(1000).isEmpty()).isTrue();
    }

    private static NdjsonBatch export(String body) {
        return NdjsonReader.ofExport(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))).next(100);
    }

    private static String recorded(String at, String development) {
        return "{\"recordedAt\":\"" + at + "\",\"development\":" + development + "}";
    }

    @Test
    void anExportsLinesCarryTheTimeEachDevelopmentWasFirstRecorded() {
        NdjsonBatch batch = export(recorded("2024-11-28T09:00:00.123Z", line("a")) + "\n" + line("b") + "\n"
                + " { \"development\":" + line("c") + ", \"recordedAt\":\"2024-11-29T10:00:00Z\"}\n");
        assertThat(batch.developments()).extracting(d -> d.id().value()).containsExactly("a", "b", "c");
        assertThat(batch.recordedAt()).containsExactly(java.time.Instant.parse("2024-11-28T09:00:00.123Z"), null,
                java.time.Instant.parse("2024-11-29T10:00:00Z"));
        assertThat(export(line("a")).recordedAt()).as("no line carried one").isNull();
    }

    @Test
    void anExportsLineIsRefusedNamingTheMemberAtFault() {
        String future = recorded("2999-01-01T00:00:00Z", line("a"));
        String notATime = recorded("yesterday", line("a"));
        String stray = recorded("2024-11-28T09:00:00Z", line("a")).replace("}}", "},\"offset\":3}");
        String noTime = "{\"development\":" + line("a") + "}";
        String badDevelopment = recorded("2024-11-28T09:00:00Z", line("a").replace("\"T\"", "\"\""));
        for (String[] c : new String[][] {{future, "recordedAt", "future"}, {notATime, "recordedAt", "ISO instant"},
                {stray, "offset", "only recordedAt and development"}, {noTime, "recordedAt", "required"},
                {badDevelopment, "development.title", "development.title"}}) {
            assertThatThrownBy(() -> export(line("z") + "\n" + c[0]))
                    .as(c[0]).isInstanceOfSatisfying(NdjsonLineException.class, e -> {
                        assertThat(e.line()).isEqualTo(2);
                        assertThat(e.problem().field()).isEqualTo(c[1]);
                        assertThat(e.problem().getMessage()).contains(c[2]);
                    });
        }
    }

    @Test
    void aPostedBodyCannotSetTheRecordedTime() {
        String body = recorded("2024-11-28T09:00:00Z", line("a"));
        assertThatThrownBy(() -> NdjsonReader.readAll(body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(NdjsonLineException.class, e -> assertThat(e.line()).isEqualTo(1));
    }
}
