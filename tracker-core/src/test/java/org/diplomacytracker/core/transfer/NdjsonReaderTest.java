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
}
