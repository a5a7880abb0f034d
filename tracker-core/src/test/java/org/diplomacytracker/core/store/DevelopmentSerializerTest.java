package org.diplomacytracker.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.diplomacytracker.core.testing.Developments.dev;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.serialization.SerializedObject;
import org.diplomacytracker.core.testing.Developments;
import org.diplomacytracker.events.Development;
import org.diplomacytracker.events.DevelopmentJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the event store keeps for a development is its canonical wire JSON, whether the serializer
 * writes it or reuses the bytes the recorder wrote to fingerprint it.
 */
class DevelopmentSerializerTest {

    private final DevelopmentSerializer serializer = DevelopmentSerializer.create();

    @AfterEach
    void forget() {
        PayloadBytes.forget();
    }

    private static List<Development> everyType() {
        String src = "\"source\":{\"outlet\":\"MailOnline\",\"url\":\"https://example.org/a?b=1\",\"title\":\"T\","
                + "\"attribution\":\"aides\",\"reliability\":\"B\",\"credibility\":2}";
        List<Development> all = new ArrayList<>(Developments.opening("p"));
        all.add(dev("p", "e1", "EnvoyAppointed", "2024-11-27", "\"person\":\"envoy-x\",\"office\":\"Envoy\","
                + "\"appointedBy\":\"north\",\"represents\":\"north\",\"mandate\":\"talks \\\"now\\\" \\u00e9\""));
        all.add(dev("p", "e2", "EnvoyLeft", "2024-11-28", "\"person\":\"envoy-x\",\"office\":\"Envoy\""));
        all.add(dev("p", "s1", "PositionStated", "2024-11-29", "\"actor\":\"north\",\"speaker\":\"envoy-x\","
                + "\"issue\":\"border\",\"stance\":\"rejects\",\"quote\":\"no\\nway\",\"conditions\":\"if\""));
        all.add(dev("p", "t1", "ProposalTabled", "2024-11-29", "\"proposal\":\"plan\",\"title\":\"Plan\","
                + "\"sponsor\":\"south\",\"provisions\":[{\"issue\":\"border\",\"term\":\"freeze\"}]"));
        all.add(dev("p", "t2", "ProposalAmended", "2024-11-30", "\"proposal\":\"plan\",\"provisions\":[],\"note\":\"n\""));
        all.add(dev("p", "t3", "ProposalWithdrawn", "2024-12-01", "\"proposal\":\"plan\",\"reason\":\"r\""));
        all.add(dev("p", "k1", "TalksHeld", "2024-12-01", "\"participants\":[\"north\",\"south\"],\"venue\":\"Geneva\","
                + "\"format\":\"bilateral\",\"topics\":[\"border\"],\"outcome\":\"none\""));
        all.add(dev("p", "c1", "TerritoryControlChanged", "2024-12-02", "\"area\":\"valley\",\"controller\":\"north\","
                + "\"status\":\"contested\",\"previousController\":\"south\""));
        all.add(dev("p", "m1", "CommitmentMade", "2024-12-02", "\"actor\":\"north\",\"kind\":\"financial\","
                + "\"recipient\":\"south\",\"amount\":1.50E+3,\"unit\":\"EUR m\",\"description\":\"d\",\"status\":\"pledged\""));
        all.add(dev("p", "a2", "AreaDefined", "2024-12-02", "\"area\":\"hill\",\"name\":\"Hill\",\"areaKm2\":12"));
        all.add(dev("p", "r1", "DevelopmentRetracted", "2024-12-03", "\"target\":\"s1\",\"reason\":\"false\""));
        all.add(DevelopmentJson.read("{\"id\":\"x1\",\"process\":\"p\",\"type\":\"DevelopmentCorrected\","
                + "\"occurredOn\":\"2024-12-03\",\"reportedAt\":\"2024-12-03T10:15:30.5Z\"," + src + ","
                + "\"target\":\"c1\",\"replacement\":" + Developments.json("p", "c1", "TerritoryControlChanged",
                "2024-12-02", "\"area\":\"valley\",\"controller\":\"south\",\"status\":\"controlled\"") + "}"));
        return all;
    }

    @Test
    void emptyMetaDataIsStoredAsJacksonWritesIt() {
        SerializedObject<byte[]> ours = serializer.serialize(org.axonframework.messaging.MetaData.emptyInstance(), byte[].class);
        SerializedObject<byte[]> jackson = org.axonframework.serialization.json.JacksonSerializer.defaultSerializer()
                .serialize(org.axonframework.messaging.MetaData.emptyInstance(), byte[].class);
        assertThat(ours.getData()).isEqualTo(jackson.getData());
        assertThat(ours.getType()).isEqualTo(jackson.getType());
        assertThat((Object) serializer.deserialize(ours)).isEqualTo(org.axonframework.messaging.MetaData.emptyInstance());
        SerializedObject<byte[]> some = serializer.serialize(org.axonframework.messaging.MetaData.with("k", "v"), byte[].class);
        assertThat(new String(some.getData(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("{\"k\":\"v\"}");
    }

    @Test
    void theSerializerWritesTheCanonicalWireJson() {
        for (Development d : everyType()) {
            SerializedObject<byte[]> stored = serializer.serialize(d, byte[].class);
            assertThat(new String(stored.getData(), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(DevelopmentJson.write(d));
            assertThat(stored.getType().getName()).isEqualTo(d.type().wireName());
            assertThat((Object) serializer.deserialize(stored)).isEqualTo(d);
        }
    }

    @Test
    void bytesWrittenForTheFingerprintAreStoredAsTheyAre() {
        for (Development d : everyType()) {
            byte[] json = DevelopmentJson.writeBytes(d);
            SerializedObject<byte[]> written = serializer.serialize(d, byte[].class);
            PayloadBytes.remember(d, json);
            SerializedObject<byte[]> reused = serializer.serialize(d, byte[].class);
            assertThat(reused.getData()).isSameAs(json).isEqualTo(written.getData());
            assertThat(reused.getType()).isEqualTo(written.getType());
            // once: a second serialisation writes afresh
            assertThat(serializer.serialize(d, byte[].class).getData()).isNotSameAs(json).isEqualTo(json);
        }
    }

    @Test
    void storedDevelopmentsAreReadAsJacksonReadsThemWhicheverPathReadsThem() {
        for (Development d : everyType()) {
            SerializedObject<byte[]> stored = serializer.serialize(d, byte[].class);
            Object viaJackson;
            try {
                viaJackson = DevelopmentJson.mapper().readValue(stored.getData(), Development.class);
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
            assertThat((Object) serializer.deserialize(stored)).isEqualTo(viaJackson).isEqualTo(d);

            // an older revision is not the one-pass reader's: Jackson (and any upcaster) reads it
            SerializedObject<byte[]> older = new org.axonframework.serialization.SimpleSerializedObject<>(
                    stored.getData(), byte[].class, stored.getType().getName(), "0");
            assertThat((Object) serializer.deserialize(older)).isEqualTo(d);

            // bytes the one-pass reader refuses (an unknown member) fall back to Jackson, which refuses them too
            byte[] unknownMember = new String(stored.getData(), java.nio.charset.StandardCharsets.UTF_8)
                    .replaceFirst("\\{", "{\"extra\":1,").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            SerializedObject<byte[]> damaged = new org.axonframework.serialization.SimpleSerializedObject<>(
                    unknownMember, byte[].class, stored.getType());
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> serializer.deserialize(damaged))
                    .isInstanceOf(org.axonframework.serialization.SerializationException.class);
        }
    }
}
