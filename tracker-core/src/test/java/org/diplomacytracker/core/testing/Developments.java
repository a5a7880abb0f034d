package org.diplomacytracker.core.testing;

import java.util.ArrayList;
import java.util.List;
import org.diplomacytracker.events.Development;
import org.diplomacytracker.events.DevelopmentJson;

/**
 * Developments for tests, written as the wire JSON a user sends, with the envelope filled in:
 * {@code dev("ns-a", "ActorRegistered", "2020-01-01", "\"actor\":\"north\",\"name\":\"North\",\"kind\":\"state\"")}.
 */
public final class Developments {

    public static final String PROCESS = "north-south";
    private static final String SOURCE = "\"source\":{\"outlet\":\"Test Gazette\",\"reliability\":\"B\",\"credibility\":2}";

    private Developments() {
    }

    public static Development dev(String id, String type, String occurredOn, String fields) {
        return dev(PROCESS, id, type, occurredOn, fields);
    }

    public static Development dev(String process, String id, String type, String occurredOn, String fields) {
        return DevelopmentJson.read(json(process, id, type, occurredOn, fields));
    }

    public static String json(String process, String id, String type, String occurredOn, String fields) {
        return "{\"id\":\"" + id + "\",\"process\":\"" + process + "\",\"type\":\"" + type + "\",\"occurredOn\":\""
                + occurredOn + "\"," + SOURCE + (fields.isEmpty() ? "" : "," + fields) + "}";
    }

    /** A small process: opened, two parties and a mediator registered, two issues, an area. */
    public static List<Development> opening(String process) {
        List<Development> list = new ArrayList<>();
        list.add(dev(process, process + "-open", "ProcessOpened", "2020-01-01",
                "\"title\":\"Talks\",\"parties\":[\"north\",\"south\"]"));
        list.add(dev(process, process + "-north", "ActorRegistered", "2020-01-01",
                "\"actor\":\"north\",\"name\":\"North\",\"kind\":\"state\""));
        list.add(dev(process, process + "-south", "ActorRegistered", "2020-01-01",
                "\"actor\":\"south\",\"name\":\"South\",\"kind\":\"state\""));
        list.add(dev(process, process + "-envoy", "ActorRegistered", "2020-01-01",
                "\"actor\":\"envoy-x\",\"name\":\"Envoy X\",\"kind\":\"person\""));
        list.add(dev(process, process + "-border", "IssueDefined", "2020-01-01",
                "\"issue\":\"border\",\"title\":\"Border\""));
        list.add(dev(process, process + "-pow", "IssueDefined", "2020-01-01",
                "\"issue\":\"prisoners\",\"title\":\"Prisoners\""));
        list.add(dev(process, process + "-valley", "AreaDefined", "2020-01-01",
                "\"area\":\"valley\",\"name\":\"River valley\""));
        return list;
    }

    public static Development stance(String process, String id, String date, String actor, String issue,
                                     String stance) {
        return dev(process, id, "PositionStated", date,
                "\"actor\":\"" + actor + "\",\"issue\":\"" + issue + "\",\"stance\":\"" + stance + "\"");
    }
}
