package org.diplomacytracker.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The hand-written id check gives the verdicts of the rule as written, {@code [A-Za-z0-9._:-]{1,128}},
 * and ids read from JSON share one instance per text without losing any validation.
 */
class IdsTest {

    private static final Pattern RULE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @Test
    void theCheckAgreesWithTheRuleOnEdgesAndOnRandomStrings() {
        List<String> samples = new ArrayList<>(List.of("", "a", "A-z.0_9:", "x".repeat(128), "x".repeat(129),
                " ", "a b", "a/b", "é", "ü-id", "\u0000", "a\n", "id\uD83D\uDE00", "`", "@", "[", "{", "/", ";",
                "\u0660", "\uFF21", "x".repeat(127) + "é"));
        String alphabet = "aZ09._:-/ @[`{~\u00e9\u0130\n\t\u2028\uD83D";
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            int length = random.nextInt(i % 100 == 0 ? 200 : 8);
            StringBuilder b = new StringBuilder();
            for (int k = 0; k < length; k++) {
                b.append(random.nextInt(4) == 0 ? alphabet.charAt(random.nextInt(alphabet.length()))
                        : (char) random.nextInt(128));
            }
            samples.add(b.toString());
        }
        for (String s : samples) {
            assertThat(Ids.isSlug(s)).as("'%s'", s).isEqualTo(RULE.matcher(s).matches());
        }
    }

    @Test
    void refusalsKeepTheirMessages() {
        assertThatThrownBy(() -> Ids.require(null)).hasMessageContaining("is required");
        assertThatThrownBy(() -> ActorId.of("a b")).isInstanceOf(InvalidDevelopmentException.class)
                .hasMessageContaining("must be 1 to 128 characters of A-Z a-z 0-9 . _ : - (no spaces or slashes), got 'a b'");
        assertThatThrownBy(() -> IssueId.of(null)).isInstanceOf(InvalidDevelopmentException.class);
    }

    @Test
    void idsReadFromJsonAreSharedAndStillValidated() {
        Development a = DevelopmentJson.read(Examples.ENVOY_APPOINTED);
        Development b = DevelopmentJson.read(Examples.ENVOY_APPOINTED);
        assertThat(a).isEqualTo(b);
        EnvoyAppointed ea = (EnvoyAppointed) a;
        EnvoyAppointed eb = (EnvoyAppointed) b;
        assertThat(ea.person()).isSameAs(eb.person());
        assertThat(ea.process()).isSameAs(eb.process());
        assertThat(ea.source().outlet()).isSameAs(eb.source().outlet());
        assertThat(ActorId.of("keith-kellogg")).isSameAs(ea.person());
    }
}
