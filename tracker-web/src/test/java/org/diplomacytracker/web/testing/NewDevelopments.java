package org.diplomacytracker.web.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Valid developments that are not in the demo data set: each may be recorded on top of it (or,
 * for {@link #processOpened}, into an empty store). Tests spoil a copy to make a bad one.
 */
public final class NewDevelopments {

    private NewDevelopments() {
    }

    /** Vance opposes security guarantees: refers to an actor and an issue of the demo. */
    public static ObjectNode position(String id) {
        return json("""
                {"id":"%s","process":"ru-ua","type":"PositionStated","occurredOn":"2024-12-05",
                 "source":{"outlet":"Test desk","reliability":"C","credibility":3},
                 "actor":"jd-vance","issue":"security-guarantees","stance":"opposes"}""".formatted(id));
    }

    /** Vance named an envoy: refers to three actors of the demo. */
    public static ObjectNode envoyAppointed(String id) {
        return json("""
                {"id":"%s","process":"ru-ua","type":"EnvoyAppointed","occurredOn":"2024-12-05",
                 "source":{"outlet":"Test desk"},
                 "person":"jd-vance","office":"Observer at the talks","appointedBy":"donald-trump",
                 "represents":"us"}""".formatted(id));
    }

    /** Kyiv recaptures part of Kursk oblast: refers to an area and actors of the demo. */
    public static ObjectNode territory(String id) {
        return json("""
                {"id":"%s","process":"ru-ua","type":"TerritoryControlChanged","occurredOn":"2024-12-05",
                 "source":{"outlet":"Test desk"},
                 "area":"kursk-pocket","controller":"ua","status":"contested","previousController":"ua"}"""
                .formatted(id));
    }

    /** The first development of a process of its own. */
    public static ObjectNode processOpened(String process) {
        return json("""
                {"id":"opened","process":"%s","type":"ProcessOpened","occurredOn":"2024-01-01",
                 "source":{"outlet":"Test desk"},"title":"A test process","parties":["a","b"]}""".formatted(process));
    }

    public static ObjectNode json(String text) {
        try {
            return (ObjectNode) Reply.JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** NDJSON lines of the given developments, each on a line of its own. */
    public static String ndjson(Object... lines) {
        StringBuilder out = new StringBuilder();
        for (Object line : lines) {
            out.append(line.toString().replace("\n", "")).append('\n');
        }
        return out.toString();
    }
}
