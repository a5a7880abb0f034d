package org.diplomacytracker.core.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.diplomacytracker.core.testing.Developments.dev;
import static org.diplomacytracker.core.testing.Developments.opening;
import static org.diplomacytracker.core.testing.Developments.stance;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.diplomacytracker.events.Development;
import org.diplomacytracker.events.DevelopmentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CatalogueTest {

    private final Catalogue catalogue = new Catalogue();
    private long offset;

    private void apply(Development d) {
        offset += 2; // the store's offsets need not be consecutive
        catalogue.apply(d, offset, Instant.parse("2024-11-20T10:00:00Z").plusSeconds(offset));
    }

    @BeforeEach
    void record() {
        opening("p").forEach(this::apply);
        apply(stance("p", "late", "2020-03-01", "north", "border", "demands"));
        apply(stance("p", "early", "2020-02-01", "south", "border", "rejects")); // a backfill
        apply(stance("p", "same-day", "2020-03-01", "south", "prisoners", "open"));
        apply(dev("p", "r1", "DevelopmentRetracted", "2020-04-01", "\"target\":\"early\",\"reason\":\"denied\""));
        apply(dev("p", "c1", "DevelopmentCorrected", "2020-04-02", "\"target\":\"late\",\"replacement\":"
                + org.diplomacytracker.core.testing.Developments.json("p", "late", "PositionStated", "2020-03-01",
                "\"actor\":\"north\",\"issue\":\"border\",\"stance\":\"supports\"")));
    }

    private static TimelineQuery all() {
        return new TimelineQuery(null, null, Set.of(), null, null, 100);
    }

    @Test
    void theTimelineIsInValidTimeOrderThenRecordedOrder() {
        List<String> ids = catalogue.timeline("p", all()).orElseThrow().developments().stream()
                .map(d -> d.development().id().value()).toList();
        assertThat(ids.subList(7, ids.size())).containsExactly("early", "late", "same-day", "r1", "c1");
    }

    @Test
    void pagesCoverTheTimelineExactlyOnce() {
        List<String> seen = new ArrayList<>();
        TimelineCursor cursor = null;
        do {
            TimelinePage page = catalogue.timeline("p", new TimelineQuery(null, null, Set.of(), null, cursor, 3))
                    .orElseThrow();
            page.developments().forEach(d -> seen.add(d.development().id().value()));
            cursor = page.next() == null ? null : TimelineCursor.decode(page.next());
        } while (cursor != null);
        assertThat(seen).hasSize(12).doesNotHaveDuplicates();
    }

    @Test
    void filtersByDateTypeAndActor() {
        TimelinePage page = catalogue.timeline("p", new TimelineQuery(LocalDate.parse("2020-02-01"),
                LocalDate.parse("2020-03-01"), Set.of(DevelopmentType.POSITION_STATED), "south", null, 100)).orElseThrow();
        assertThat(page.developments()).extracting(d -> d.development().id().value())
                .containsExactly("early", "same-day");
    }

    @Test
    void aDevelopmentTellsItsStandingRetractionAndCorrections() {
        assertThat(catalogue.development("p", "early")).get()
                .satisfies(d -> assertThat(d.retractedBy()).isEqualTo("r1"));
        assertThat(catalogue.development("p", "late")).get()
                .satisfies(d -> assertThat(d.correctedBy()).containsExactly("c1"));
        assertThat(catalogue.development("p", "nope")).isEmpty();
        assertThat(catalogue.development("nope", "late")).isEmpty();
    }

    @Test
    void processesCountEverythingRecorded() {
        assertThat(catalogue.processes()).singleElement().satisfies(p -> {
            assertThat(p.title()).isEqualTo("Talks");
            assertThat(p.parties()).containsExactly("north", "south");
            assertThat(p.developments()).isEqualTo(12);
            assertThat(p.lastOffset()).isEqualTo(24);
        });
    }

    @Test
    void aWaiterIsReleasedWhenItsDevelopmentArrives() {
        var pending = catalogue.awaitRecorded("p", "new");
        assertThat(pending).isNotDone();
        apply(stance("p", "new", "2020-05-01", "north", "prisoners", "open"));
        assertThat(pending).isDone();
        assertThat(catalogue.awaitRecorded("p", "new")).isDone();
    }
}
