package org.diplomacytracker.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One canonical development of each type, drawn from the seed article, written exactly as
 * {@link DevelopmentJson#write} writes it: compact, members in declaration order, type third.
 */
final class Examples {

    /** A plain mapper to edit examples with; declared first, as the examples are indexed with it. */
    private static final ObjectMapper PLAIN = new ObjectMapper();

    /** The example of DESIGN.md, "Wire contract (JSON)", as published (pretty-printed). */
    static final String DESIGN_ENVOY_APPOINTED = """
            {"id":"kellogg-envoy","process":"ru-ua","type":"EnvoyAppointed","occurredOn":"2024-11-27",
             "reportedAt":"2024-11-28T09:00:00Z",
             "source":{"outlet":"MailOnline","url":"https://example.org/a","attribution":"transition team",
                       "reliability":"B","credibility":2},
             "person":"keith-kellogg","office":"Special Envoy for Ukraine and Russia",
             "appointedBy":"donald-trump","represents":"us"}
            """;

    static final String ENVOY_APPOINTED = "{\"id\":\"kellogg-envoy\",\"process\":\"ru-ua\",\"type\":\"EnvoyAppointed\","
            + "\"occurredOn\":\"2024-11-27\",\"reportedAt\":\"2024-11-28T09:00:00Z\","
            + "\"source\":{\"outlet\":\"MailOnline\",\"url\":\"https://example.org/a\",\"attribution\":\"transition team\","
            + "\"reliability\":\"B\",\"credibility\":2},"
            + "\"person\":\"keith-kellogg\",\"office\":\"Special Envoy for Ukraine and Russia\","
            + "\"appointedBy\":\"donald-trump\",\"represents\":\"us\"}";

    static final String PROCESS_OPENED = "{\"id\":\"ru-ua-opened\",\"process\":\"ru-ua\",\"type\":\"ProcessOpened\","
            + "\"occurredOn\":\"2024-11-01\",\"source\":{\"outlet\":\"Analyst desk\"},"
            + "\"title\":\"Russia–Ukraine ceasefire talks\",\"parties\":[\"ru\",\"ua\"]}";

    static final String ACTOR_REGISTERED = "{\"id\":\"actor-kellogg\",\"process\":\"ru-ua\",\"type\":\"ActorRegistered\","
            + "\"occurredOn\":\"2024-11-27\",\"source\":{\"outlet\":\"MailOnline\"},"
            + "\"actor\":\"keith-kellogg\",\"name\":\"Keith Kellogg\",\"kind\":\"person\",\"affiliation\":\"us\","
            + "\"role\":\"retired lieutenant general\"}";

    static final String ISSUE_DEFINED = "{\"id\":\"issue-frontline-freeze\",\"process\":\"ru-ua\",\"type\":\"IssueDefined\","
            + "\"occurredOn\":\"2024-11-19\",\"source\":{\"outlet\":\"MailOnline\"},"
            + "\"issue\":\"frontline-freeze\",\"title\":\"Freezing the front line\","
            + "\"description\":\"Whether a ceasefire line follows the current front.\\nRussia and Ukraine disagree.\"}";

    static final String AREA_DEFINED = "{\"id\":\"area-kursk-pocket\",\"process\":\"ru-ua\",\"type\":\"AreaDefined\","
            + "\"occurredOn\":\"2024-08-06\",\"source\":{\"outlet\":\"MailOnline\"},"
            + "\"area\":\"kursk-pocket\",\"name\":\"Kursk pocket\",\"areaKm2\":1000.5}";

    static final String ENVOY_LEFT = "{\"id\":\"kellogg-left\",\"process\":\"ru-ua\",\"type\":\"EnvoyLeft\","
            + "\"occurredOn\":\"2025-01-20\",\"source\":{\"outlet\":\"Analyst desk\"},"
            + "\"person\":\"keith-kellogg\",\"office\":\"Special Envoy for Ukraine and Russia\"}";

    static final String POSITION_STATED = "{\"id\":\"naryshkin-rejects-freeze\",\"process\":\"ru-ua\",\"type\":\"PositionStated\","
            + "\"occurredOn\":\"2024-11-19\",\"reportedAt\":\"2024-11-19T12:30:00Z\","
            + "\"source\":{\"outlet\":\"MailOnline\",\"title\":\"Putin's spy chief rejects a frozen front\","
            + "\"attribution\":\"RIA Novosti\",\"reliability\":\"C\",\"credibility\":3},"
            + "\"actor\":\"ru\",\"speaker\":\"sergei-naryshkin\",\"issue\":\"frontline-freeze\",\"stance\":\"rejects\","
            + "\"quote\":\"A freezing of the conflict is categorically unacceptable to us.\","
            + "\"conditions\":\"only on Russia's terms\"}";

    static final String PROPOSAL_TABLED = "{\"id\":\"wsj-plan\",\"process\":\"ru-ua\",\"type\":\"ProposalTabled\","
            + "\"occurredOn\":\"2024-11-06\",\"source\":{\"outlet\":\"The Wall Street Journal\"},"
            + "\"proposal\":\"wsj-transition-plan\",\"title\":\"Transition team plan\",\"sponsor\":\"us\","
            + "\"provisions\":[{\"issue\":\"nato-membership\",\"term\":\"20-year moratorium on NATO membership\"},"
            + "{\"issue\":\"frontline-freeze\",\"term\":\"800-mile demilitarised zone along the front\"}]}";

    static final String PROPOSAL_AMENDED = "{\"id\":\"wsj-plan-amended\",\"process\":\"ru-ua\",\"type\":\"ProposalAmended\","
            + "\"occurredOn\":\"2024-11-20\",\"source\":{\"outlet\":\"MailOnline\"},"
            + "\"proposal\":\"wsj-transition-plan\","
            + "\"provisions\":[{\"issue\":\"nato-membership\",\"term\":\"10-year moratorium on NATO membership\"}],"
            + "\"note\":\"the moratorium is said to be negotiable\"}";

    static final String PROPOSAL_WITHDRAWN = "{\"id\":\"wsj-plan-withdrawn\",\"process\":\"ru-ua\",\"type\":\"ProposalWithdrawn\","
            + "\"occurredOn\":\"2024-12-01\",\"source\":{\"outlet\":\"Analyst desk\"},"
            + "\"proposal\":\"wsj-transition-plan\",\"reason\":\"superseded by the envoy's own plan\"}";

    static final String TALKS_HELD = "{\"id\":\"talks-jeddah\",\"process\":\"ru-ua\",\"type\":\"TalksHeld\","
            + "\"occurredOn\":\"2024-11-25\",\"source\":{\"outlet\":\"Analyst desk\"},"
            + "\"participants\":[\"us\",\"ua\"],\"venue\":\"Jeddah\",\"format\":\"bilateral\","
            + "\"topics\":[\"frontline-freeze\",\"nato-membership\"],\"outcome\":\"no agreement\"}";

    static final String TERRITORY_CONTROL_CHANGED = "{\"id\":\"kherson-withdrawal\",\"process\":\"ru-ua\","
            + "\"type\":\"TerritoryControlChanged\",\"occurredOn\":\"2022-11-11\",\"source\":{\"outlet\":\"MailOnline\"},"
            + "\"area\":\"kherson-right-bank\",\"controller\":\"ua\",\"status\":\"controlled\",\"previousController\":\"ru\"}";

    static final String COMMITMENT_MADE = "{\"id\":\"barrot-troops\",\"process\":\"ru-ua\",\"type\":\"CommitmentMade\","
            + "\"occurredOn\":\"2024-11-23\",\"source\":{\"outlet\":\"BBC\",\"attribution\":\"Jean-Noël Barrot\"},"
            + "\"actor\":\"fr\",\"kind\":\"troops\",\"recipient\":\"ua\",\"amount\":5000,\"unit\":\"soldiers\","
            + "\"description\":\"does not rule out any option\",\"status\":\"considered\"}";

    static final String DEVELOPMENT_RETRACTED = "{\"id\":\"retract-wsj-plan\",\"process\":\"ru-ua\","
            + "\"type\":\"DevelopmentRetracted\",\"occurredOn\":\"2024-11-29\",\"source\":{\"outlet\":\"Analyst desk\"},"
            + "\"target\":\"wsj-plan\",\"reason\":\"the transition team denied the report\"}";

    static final String DEVELOPMENT_CORRECTED = "{\"id\":\"correct-naryshkin\",\"process\":\"ru-ua\","
            + "\"type\":\"DevelopmentCorrected\",\"occurredOn\":\"2024-11-20\",\"source\":{\"outlet\":\"Analyst desk\"},"
            + "\"target\":\"naryshkin-rejects-freeze\","
            + "\"replacement\":{\"id\":\"naryshkin-rejects-freeze\",\"process\":\"ru-ua\",\"type\":\"PositionStated\","
            + "\"occurredOn\":\"2024-11-19\",\"source\":{\"outlet\":\"TASS\"},\"actor\":\"ru\",\"speaker\":\"sergei-naryshkin\","
            + "\"issue\":\"frontline-freeze\",\"stance\":\"opposes\"}}";

    /** Every canonical example, by its type's wire name. */
    static final Map<String, String> BY_TYPE = byType();

    private Examples() {
    }

    private static Map<String, String> byType() {
        Map<String, String> all = new LinkedHashMap<>();
        for (String json : new String[] {PROCESS_OPENED, ACTOR_REGISTERED, ISSUE_DEFINED, AREA_DEFINED,
                ENVOY_APPOINTED, ENVOY_LEFT, POSITION_STATED, PROPOSAL_TABLED, PROPOSAL_AMENDED, PROPOSAL_WITHDRAWN,
                TALKS_HELD, TERRITORY_CONTROL_CHANGED, COMMITMENT_MADE, DEVELOPMENT_RETRACTED, DEVELOPMENT_CORRECTED}) {
            all.put(tree(json).get("type").textValue(), json);
        }
        return Collections.unmodifiableMap(all);
    }

    static ObjectNode tree(String json) {
        try {
            return (ObjectNode) PLAIN.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("an example is not JSON: " + json, e);
        }
    }

    /** The example changed by {@code edit}, as JSON text. */
    static String edit(String json, Consumer<ObjectNode> edit) {
        ObjectNode tree = tree(json);
        edit.accept(tree);
        return tree.toString();
    }

    static String repeat(char c, int times) {
        return String.valueOf(c).repeat(times);
    }
}
