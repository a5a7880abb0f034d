package org.diplomacytracker.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Reading straight from the bytes accepts exactly what the strict tree path accepts, and gives the
 * same development; whatever it does not accept goes through the tree, which words the refusal.
 */
class DirectReadTest {

    private static final String NOISE = "{}[]\":,.-+0123456789eEtrufalsn \\/\tabcxyzABC\u00e9\u20ac";

    /** The tree's verdict: the development, or null for a refusal. */
    private static Development throughTheTree(byte[] json) {
        try {
            return DevelopmentJson.fromTree(JsonTrees.parse(json));
        } catch (InvalidDevelopmentException e) {
            return null;
        }
    }

    private static void agree(byte[] json) {
        Development tree = throughTheTree(json);
        Development direct = DevelopmentJson.readDirect(json);
        if (direct != null) {
            assertThat(tree).as(new String(json, StandardCharsets.UTF_8)).isEqualTo(direct);
            assertThat(DevelopmentJson.write(direct)).isEqualTo(DevelopmentJson.write(tree));
        }
    }

    @Test
    void everyExampleIsReadInOnePassAsTheTreeReadsIt() {
        for (String json : Examples.BY_TYPE.values()) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            assertThat(DevelopmentJson.readDirect(bytes)).as(json).isNotNull().isEqualTo(throughTheTree(bytes));
        }
    }

    @Test
    void mutatedInputIsAcceptedByTheDirectReadOnlyWhenTheTreeAcceptsIt() {
        Random random = new Random(20241128);
        List<String> examples = new ArrayList<>(Examples.BY_TYPE.values());
        for (int i = 0; i < 30_000; i++) {
            String json = examples.get(random.nextInt(examples.size()));
            StringBuilder b = new StringBuilder(json);
            int edits = 1 + random.nextInt(3);
            for (int k = 0; k < edits; k++) {
                int at = random.nextInt(b.length() + 1);
                switch (random.nextInt(7)) {
                    case 0 -> { if (at < b.length()) b.deleteCharAt(at); }
                    case 1 -> b.insert(at, NOISE.charAt(random.nextInt(NOISE.length())));
                    case 2 -> { if (at < b.length()) b.setCharAt(at, NOISE.charAt(random.nextInt(NOISE.length()))); }
                    case 3 -> b.insert(1, "\"id\":\"dup\",");
                    case 4 -> b.insert(Math.max(1, b.indexOf("{\"outlet\"") + 1), "\"outlet\":\"Twice\",");
                    case 5 -> { int n = b.indexOf(":2"); if (n > 0) b.replace(n, n + 2, random.nextBoolean() ? ":2.0" : ":\"2\""); }
                    default -> b.append(random.nextBoolean() ? " " : "\n{}");
                }
            }
            agree(b.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void badBytesAndByteOrderMarksAgreeToo() {
        Random random = new Random(7);
        List<String> examples = new ArrayList<>(Examples.BY_TYPE.values());
        byte[][] odd = {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xFF},
            {(byte) 0xE2, (byte) 0x82}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            {(byte) 0xC3, (byte) 0xA9}, {(byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80},
            {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}};
        for (int i = 0; i < 5_000; i++) {
            byte[] json = examples.get(random.nextInt(examples.size())).getBytes(StandardCharsets.UTF_8);
            int at = random.nextInt(json.length + 1);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(json, 0, at);
            out.writeBytes(odd[random.nextInt(odd.length)]);
            out.write(json, at, json.length - at);
            agree(out.toByteArray());
        }
        byte[] bom = ("\uFEFF" + Examples.ENVOY_APPOINTED).getBytes(StandardCharsets.UTF_8);
        agree(bom);
    }

    @Test
    void wellFormedUtf8IsWhatJavasStrictDecoderAccepts() {
        Random random = new Random(11);
        for (int i = 0; i < 50_000; i++) {
            byte[] bytes = new byte[random.nextInt(6)];
            random.nextBytes(bytes);
            boolean strict;
            try {
                StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
                strict = true;
            } catch (java.nio.charset.CharacterCodingException e) {
                strict = false;
            }
            assertThat(Utf8.isWellFormed(bytes)).as(java.util.Arrays.toString(bytes)).isEqualTo(strict);
        }
    }
}
