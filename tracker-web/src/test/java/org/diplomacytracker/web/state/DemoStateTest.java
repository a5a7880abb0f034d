package org.diplomacytracker.web.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.LocalDate;
import org.diplomacytracker.core.Tracker;
import org.diplomacytracker.core.TrackerOptions;
import org.diplomacytracker.core.state.Entries;
import org.diplomacytracker.core.state.NegotiationState;
import org.diplomacytracker.core.store.StoreSettings;
import org.diplomacytracker.core.testing.TestDatabases;
import org.diplomacytracker.core.transfer.NdjsonReader;
import org.diplomacytracker.web.cli.ServeCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo data set answered at the dates the seed report speaks of, with expectations taken from
 * the report itself: who is envoy before and after Kellogg's appointment, Russia's stance on
 * freezing the frontline before and after Naryshkin, Kherson before and after 11 November 2022, the
 * Kursk pocket before and after 6 August 2024, and convergence on territory. The same answers after
 * a restart, and on PostgreSQL.
 */
class DemoStateTest {

    @TempDir
    Path dir;

    private static void recordDemo(Tracker tracker) throws Exception {
        try (InputStream in = ServeCommand.class.getResourceAsStream(ServeCommand.DEMO_RESOURCE)) {
            assertThat(tracker.record(new NdjsonReader(in).next(Integer.MAX_VALUE).developments()).join().accepted())
                    .isEqualTo(100);
        }
    }

    private static NegotiationState at(Tracker tracker, String date) {
        return tracker.state().state("ru-ua", LocalDate.parse(date), null).orElseThrow();
    }

    private static String stance(NegotiationState s, String actor, String issue) {
        var byIssue = s.positions().get(actor);
        return byIssue == null || byIssue.get(issue) == null ? null : byIssue.get(issue).stance();
    }

    private static void assertTheReportsFacts(Tracker tracker) {
        assertThat(at(tracker, "2024-11-26").envoys()).containsOnlyKeys("vladimir-medinsky");
        NegotiationState nov28 = at(tracker, "2024-11-28");
        assertThat(nov28.envoys()).containsOnlyKeys("keith-kellogg", "vladimir-medinsky");
        assertThat(nov28.envoys().get("keith-kellogg")).isEqualTo(new Entries.Envoy(
                "Special Envoy for Ukraine and Russia", "us", "donald-trump", LocalDate.parse("2024-11-27"),
                "kellogg-envoy", null));
        assertThat(at(tracker, "2022-05-16").envoys()).containsKey("david-arakhamia");
        assertThat(at(tracker, "2022-05-17").envoys()).doesNotContainKey("david-arakhamia");

        assertThat(stance(at(tracker, "2024-05-23"), "ru", "frontline-freeze")).isNull();
        assertThat(stance(at(tracker, "2024-11-25"), "ru", "frontline-freeze")).isEqualTo("open");
        assertThat(at(tracker, "2024-11-26").positions().get("ru").get("frontline-freeze"))
                .satisfies(p -> {
                    assertThat(p.stance()).isEqualTo("rejects");
                    assertThat(p.since()).isEqualTo(LocalDate.parse("2024-11-26"));
                    assertThat(p.speaker()).isEqualTo("sergei-naryshkin");
                    assertThat(p.development()).isEqualTo("naryshkin-rejects-freeze");
                });

        assertThat(at(tracker, "2022-03-01").territory().get("kherson-city").controller()).isEqualTo("ua");
        assertThat(at(tracker, "2022-11-10").territory().get("kherson-city").controller()).isEqualTo("ru");
        assertThat(at(tracker, "2022-11-11").territory().get("kherson-city"))
                .isEqualTo(new Entries.Territory("ua", "controlled", LocalDate.parse("2022-11-11"),
                        at(tracker, "2022-11-11").territory().get("kherson-city").previousController(),
                        "kherson-liberated"));
        assertThat(at(tracker, "2024-08-05").territory().get("kursk-pocket").controller()).isEqualTo("ru");
        assertThat(at(tracker, "2024-08-06").territory().get("kursk-pocket").controller()).isEqualTo("ua");
        assertThat(at(tracker, "2024-11-28").territory().get("kursk-pocket").status()).isEqualTo("contested");

        assertThat(at(tracker, "2024-11-06").issues().get("territory").convergence()).isNull();
        assertThat(nov28.issues().get("territory").convergence()).isEqualTo(0.0);
        assertThat(nov28.issues().get("frontline-freeze").convergence()).isEqualTo(0.75);
        assertThat(nov28.positions().get("ua").get("territory").since()).as("the corrected date")
                .isEqualTo(LocalDate.parse("2024-11-07"));

        NegotiationState latest = tracker.state().state("ru-ua", null, null).orElseThrow();
        assertThat(latest.asOf()).isEqualTo("latest");
        assertThat(latest.proposals().get("istanbul-communique").status()).isEqualTo("withdrawn");
        assertThat(latest.proposals().get("putin-june-terms").support()).containsExactly("ru");
        assertThat(latest.proposals().get("putin-june-terms").opposition()).containsExactly("ua");
        assertThat(latest.talks()).doesNotContainKey("trump-putin-call-reported");
        assertThat(latest.offset()).isEqualTo(tracker.database().headOffset());
    }

    @Test
    void theDemoAnswersWhatTheReportSaysAtEachDateAndAgainAfterARestart() throws Exception {
        StoreSettings store = StoreSettings.embedded(dir);
        try (Tracker tracker = Tracker.start(TrackerOptions.defaults(store))) {
            recordDemo(tracker);
            assertTheReportsFacts(tracker);
        }
        try (Tracker restarted = Tracker.start(TrackerOptions.defaults(store))) {
            assertTheReportsFacts(restarted);
        }
    }

    @Test
    void theDemoAnswersTheSameOnPostgresql() throws Exception {
        try (TestDatabases.PostgresSchema schema = TestDatabases.postgres()) {
            try (Tracker tracker = Tracker.start(TrackerOptions.defaults(schema.settings()))) {
                recordDemo(tracker);
                assertTheReportsFacts(tracker);
            }
            try (Tracker restarted = Tracker.start(TrackerOptions.defaults(schema.settings()))) {
                assertTheReportsFacts(restarted);
            }
        }
    }
}
