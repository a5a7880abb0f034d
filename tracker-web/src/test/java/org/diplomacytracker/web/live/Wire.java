package org.diplomacytracker.web.live;

import java.util.List;
import org.diplomacytracker.core.testing.Developments;
import org.diplomacytracker.events.DevelopmentJson;

/**
 * Developments as the wire JSON an analyst posts, built on core's {@link Developments} fixtures:
 * a process opened with parties {@code north} and {@code south}, a person {@code envoy-x}, issues
 * {@code border} and {@code prisoners}, an area {@code valley}.
 */
final class Wire {

    static final String NS = Developments.PROCESS;
    static final String EW = "east-west";

    private Wire() {
    }

    /** The opening developments of {@code process}, all dated 2020-01-01. */
    static List<String> opening(String process) {
        return Developments.opening(process).stream().map(DevelopmentJson::write).toList();
    }

    static String dev(String process, String id, String type, String date, String fields) {
        return Developments.json(process, id, type, date, fields);
    }

    static String stance(String process, String id, String date, String actor, String issue, String stance) {
        return DevelopmentJson.write(Developments.stance(process, id, date, actor, issue, stance));
    }

    static String stance(String id, String date, String actor, String issue, String stance) {
        return stance(NS, id, date, actor, issue, stance);
    }

    /** A commitment: each one is an entry of its own (keyed by its id), so it changes every view it is dated in. */
    static String commitment(String process, String id, String date) {
        return dev(process, id, "CommitmentMade", date,
                "\"actor\":\"north\",\"kind\":\"financial\",\"recipient\":\"south\",\"amount\":1000,"
                        + "\"unit\":\"USD\",\"status\":\"pledged\"");
    }
}
