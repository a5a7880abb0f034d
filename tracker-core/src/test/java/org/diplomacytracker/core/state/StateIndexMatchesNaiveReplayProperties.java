package org.diplomacytracker.core.state;

import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * The index answers every (process, asOf, knownAt) exactly as a naive replay of DESIGN.md's rule
 * ({@link NaiveState}) over the same recorded events: random histories of one or two processes
 * with backfills, same-day collisions, retractions (of retractions too), corrections that move a
 * position to another key or date, offset gaps and equal recorded instants.
 */
class StateIndexMatchesNaiveReplayProperties {

    /** Queries asked of each history, besides "latest, now" for each of its processes. */
    private static final int QUERIES = 12;

    @Provide
    Arbitrary<List<Integer>> choices() {
        // long enough to last the whole history; shrinking shortens it (zeros past the end)
        return Arbitraries.integers().between(0, 9_999).withDistribution(RandomDistribution.uniform()).list().ofMinSize(0).ofMaxSize(4_000)
                .withSizeDistribution(topQuarter()).withoutEdgeCases();
    }

    @Provide
    Arbitrary<List<Integer>> queryChoices() {
        return Arbitraries.integers().between(0, 9_999).withDistribution(RandomDistribution.uniform()).list().ofMinSize(0).ofMaxSize(80)
                .withSizeDistribution(topQuarter()).withoutEdgeCases();
    }

    @Property(tries = 1000, shrinking = ShrinkingMode.BOUNDED)
    void stateMatchesNaiveReplay(@ForAll("choices") List<Integer> choices,
                                 @ForAll @IntRange(min = 20, max = 80) int steps,
                                 @ForAll("queryChoices") List<Integer> queryChoices) {
        RandomHistories.History history = RandomHistories.generate(choices, steps);
        StateIndex index = new StateIndex();
        for (NaiveState.Event e : history.events()) {
            index.apply(e.development(), e.offset(), e.recordedAt());
        }
        NaiveState oracle = new NaiveState(history.events());

        List<Query> queries = new ArrayList<>();
        for (String p : history.processes()) {
            queries.add(new Query(p, null, null));
        }
        queries.addAll(queries(history, new RandomHistories.Choices(queryChoices), QUERIES));

        Statistics.label("processes").collect(history.processes().size());
        Statistics.label("events").collect(history.events().size() / 20 * 20 + "–" + (history.events().size() / 20 * 20 + 19));
        Statistics.label("retractions").collect(bucket(history, "DevelopmentRetracted"));
        Statistics.label("corrections").collect(bucket(history, "DevelopmentCorrected"));
        for (Query q : queries) {
            Optional<NegotiationState> expected = oracle.state(q.process(), q.asOf(), q.knownAt());
            compare(history, q, expected, index.state(q.process(), q.asOf(), q.knownAt()), "");
        }
        // again, in the same order: now mostly from the cache (a small LRU, so some were evicted)
        for (Query q : queries) {
            compare(history, q, oracle.state(q.process(), q.asOf(), q.knownAt()),
                    index.state(q.process(), q.asOf(), q.knownAt()), " (asked again)");
        }
    }

    /**
     * Live use: the index is asked between events; "now" must then reflect exactly the events
     * applied so far, as a replay of that prefix would.
     */
    @Property(tries = 200, shrinking = ShrinkingMode.BOUNDED)
    void stateBetweenAppliesMatchesReplayOfThePrefix(@ForAll("choices") List<Integer> choices,
                                                     @ForAll @IntRange(min = 20, max = 80) int steps,
                                                     @ForAll("queryChoices") List<Integer> queryChoices) {
        RandomHistories.History history = RandomHistories.generate(choices, steps);
        RandomHistories.Choices c = new RandomHistories.Choices(queryChoices);
        StateIndex index = new StateIndex();
        List<NaiveState.Event> applied = new ArrayList<>();
        // asked at every check, so that each is answered from a cache the applies since must have cleared
        LocalDate fixedDate = RandomHistories.FIRST_DAY.plusDays(c.pick(RandomHistories.DAYS));
        Instant fixedKnownAt = history.events().isEmpty() ? null
                : history.events().get(c.pick(history.events().size())).recordedAt();
        // now and then two neighbours are applied out of offset order (concurrent commits): the one below
        // then lands under an unchanged consistent offset, so answers cached for that offset must go
        List<NaiveState.Event> order = new ArrayList<>(history.events());
        for (int i = 0; i + 1 < order.size(); i++) {
            if (plain(order.get(i)) && plain(order.get(i + 1)) && c.chance(10)) {
                java.util.Collections.swap(order, i, i + 1);
                i++;
            }
        }
        for (NaiveState.Event e : order) {
            index.apply(e.development(), e.offset(), e.recordedAt());
            applied.add(e);
            if (c.chance(15) || applied.size() == history.events().size()) {
                List<NaiveState.Event> inOffsetOrder = new ArrayList<>(applied);
                inOffsetOrder.sort(java.util.Comparator.comparingLong(NaiveState.Event::offset));
                NaiveState oracle = new NaiveState(inOffsetOrder);
                RandomHistories.History prefix = new RandomHistories.History(List.copyOf(inOffsetOrder),
                        history.processes());
                String process = c.oneOf(history.processes());
                LocalDate asOf = c.chance(40) ? RandomHistories.FIRST_DAY.plusDays(c.pick(RandomHistories.DAYS)) : null;
                Query q = new Query(process, asOf, null);
                String when = " (after applying " + applied.size() + " of " + history.events().size() + " events)";
                compare(prefix, q, oracle.state(q.process(), q.asOf(), null), index.state(q.process(), q.asOf(), null),
                        when);
                for (String p : history.processes()) {
                    for (Query fixed : List.of(new Query(p, null, null), new Query(p, fixedDate, null),
                            new Query(p, fixedDate, fixedKnownAt), new Query(p, null, fixedKnownAt))) {
                        compare(prefix, fixed, oracle.state(p, fixed.asOf(), fixed.knownAt()),
                                index.state(p, fixed.asOf(), fixed.knownAt()), when);
                    }
                }
            }
        }
    }

    /** Neither a retraction nor a correction (the index takes those only after their target). */
    private static boolean plain(NaiveState.Event e) {
        return !NaiveState.isAmendment(e.development());
    }

    private static String bucket(RandomHistories.History history, String type) {
        int n = RandomHistories.typeCounts(history).getOrDefault(type, 0);
        return n == 0 ? "0" : n < 5 ? "1–4" : n < 10 ? "5–9" : "10+";
    }

    // ---------------------------------------------------------------- queries

    record Query(String process, LocalDate asOf, Instant knownAt) {
        @Override
        public String toString() {
            return "state(" + process + ", asOf=" + (asOf == null ? "latest" : asOf) + ", knownAt="
                    + (knownAt == null ? "now" : knownAt) + ")";
        }
    }

    static List<Query> queries(RandomHistories.History h, RandomHistories.Choices c, int n) {
        List<Query> out = new ArrayList<>();
        List<NaiveState.Event> events = h.events();
        for (int i = 0; i < n; i++) {
            String process = c.chance(8) || h.processes().isEmpty() ? "nowhere" : c.oneOf(h.processes());
            LocalDate asOf = c.pick(4) == 0 ? null
                    : RandomHistories.FIRST_DAY.minusDays(2).plusDays(c.pick(RandomHistories.DAYS + 4));
            Instant knownAt;
            int how = c.pick(8);
            if (how == 0 || events.isEmpty()) {
                knownAt = null;
            } else {
                Instant at = events.get(c.pick(events.size())).recordedAt();
                knownAt = switch (how) {
                    case 1, 2 -> at;                                   // exactly an event's instant
                    case 3 -> at.minusNanos(1);                       // just before it
                    case 4 -> at.minusMillis(1);
                    case 5 -> at.plusNanos(1);                         // just after it
                    case 6 -> RandomHistories.EPOCH.minusSeconds(1);   // before anything
                    default -> Instant.parse("2099-01-01T00:00:00Z");  // after everything
                };
            }
            out.add(new Query(process, asOf, knownAt));
        }
        return out;
    }

    // ---------------------------------------------------------------- comparison

    private static void compare(RandomHistories.History history, Query q, Optional<NegotiationState> expected,
                                Optional<NegotiationState> actual, String when) {
        String diff;
        if (expected.isPresent() != actual.isPresent()) {
            diff = "  oracle " + (expected.isPresent() ? "has a state" : "has no state") + ", index "
                    + (actual.isPresent() ? "has a state" : "has no state") + "\n";
        } else if (expected.isEmpty()) {
            return;
        } else {
            diff = differences(expected.get(), actual.get(), q.knownAt() == null);
        }
        if (!diff.isEmpty()) {
            throw new AssertionError("index disagrees with the naive replay for " + q + when + ":\n" + diff
                    + "history (offset, recordedAt, development; source omitted):\n" + history.describe());
        }
    }

    /** Every differing field and key, one per line (at most 20); empty when equal. */
    static String differences(NegotiationState e, NegotiationState a, boolean ignoreKnownAt) {
        List<String> out = new ArrayList<>();
        field(out, "process", e.process(), a.process());
        field(out, "asOf", e.asOfDate(), a.asOfDate());
        if (!ignoreKnownAt) {
            field(out, "knownAt", e.knownAt(), a.knownAt());
        }
        field(out, "offset", e.offset(), a.offset());
        section(out, "actors", e.actors(), a.actors());
        section(out, "issues", e.issues(), a.issues());
        section(out, "envoys", e.envoys(), a.envoys());
        for (String actor : keys(e.positions(), a.positions())) {
            SortedMap<String, Entries.Position> ep = e.positions().get(actor);
            SortedMap<String, Entries.Position> ap = a.positions().get(actor);
            if (ep == null || ap == null) {
                field(out, "positions/" + actor, ep, ap);
            } else {
                section(out, "positions/" + actor, ep, ap);
            }
        }
        section(out, "proposals", e.proposals(), a.proposals());
        section(out, "territory", e.territory(), a.territory());
        section(out, "commitments", e.commitments(), a.commitments());
        section(out, "talks", e.talks(), a.talks());
        if (out.isEmpty() && !(ignoreKnownAt ? withKnownAt(e, null).equals(withKnownAt(a, null)) : e.equals(a))) {
            out.add("  (records differ but no field does: " + e + " vs " + a + ")");
        }
        StringBuilder sb = new StringBuilder();
        out.stream().limit(20).forEach(line -> sb.append(line).append('\n'));
        if (out.size() > 20) {
            sb.append("  … and ").append(out.size() - 20).append(" more\n");
        }
        return sb.toString();
    }

    private static NegotiationState withKnownAt(NegotiationState s, Instant knownAt) {
        return new NegotiationState(s.process(), s.asOfDate(), knownAt, s.offset(), s.actors(), s.issues(),
                s.envoys(), s.positions(), s.proposals(), s.territory(), s.commitments(), s.talks());
    }

    private static void field(List<String> out, String name, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            out.add("  " + name + ": oracle " + expected + ", index " + actual);
        }
    }

    private static <V> void section(List<String> out, String name, Map<String, V> expected, Map<String, V> actual) {
        for (String key : keys(expected, actual)) {
            field(out, name + "/" + key, expected.get(key), actual.get(key));
        }
    }

    private static TreeSet<String> keys(Map<String, ?> a, Map<String, ?> b) {
        TreeSet<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        return keys;
    }

    // ---------------------------------------------------------------- generation helpers

    /** List sizes drawn from the top quarter of the range, so that histories rarely run dry. */
    private static RandomDistribution topQuarter() {
        return new RandomDistribution() {
            @Override
            public RandomNumericGenerator createGenerator(int genSize, BigInteger min, BigInteger max,
                                                         BigInteger center) {
                BigInteger low = max.subtract(max.subtract(min).divide(BigInteger.valueOf(4)));
                RandomNumericGenerator uniform = RandomDistribution.uniform()
                        .createGenerator(genSize, low, max, low);
                return uniform;
            }

            @Override
            public String toString() {
                return "top quarter";
            }
        };
    }
}
