package org.diplomacytracker.benchmarks.state;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.diplomacytracker.events.ActorId;
import org.diplomacytracker.events.ActorKind;
import org.diplomacytracker.events.ActorRegistered;
import org.diplomacytracker.events.AreaDefined;
import org.diplomacytracker.events.AreaId;
import org.diplomacytracker.events.CommitmentKind;
import org.diplomacytracker.events.CommitmentMade;
import org.diplomacytracker.events.CommitmentStatus;
import org.diplomacytracker.events.ControlStatus;
import org.diplomacytracker.events.Development;
import org.diplomacytracker.events.DevelopmentCorrected;
import org.diplomacytracker.events.DevelopmentId;
import org.diplomacytracker.events.DevelopmentRetracted;
import org.diplomacytracker.events.EnvoyAppointed;
import org.diplomacytracker.events.EnvoyLeft;
import org.diplomacytracker.events.IssueDefined;
import org.diplomacytracker.events.IssueId;
import org.diplomacytracker.events.PositionStated;
import org.diplomacytracker.events.ProcessId;
import org.diplomacytracker.events.ProcessOpened;
import org.diplomacytracker.events.ProposalAmended;
import org.diplomacytracker.events.ProposalId;
import org.diplomacytracker.events.ProposalTabled;
import org.diplomacytracker.events.Provision;
import org.diplomacytracker.events.Source;
import org.diplomacytracker.events.Stance;
import org.diplomacytracker.events.TalksFormat;
import org.diplomacytracker.events.TalksHeld;
import org.diplomacytracker.events.TerritoryControlChanged;

/**
 * Deterministic, realistic histories of ONE process at any size (1M in a few seconds), streamed to a
 * sink so that the generator itself keeps only a few bytes per development (no list of events).
 *
 * <p>Setup: ProcessOpened (3 parties), 50 actors (3 states that are the parties, 17 other states and
 * organisations, 30 persons), 20 issues, 6 areas, 8 proposals. Then, per development (percent):
 * PositionStated on an issue 56, on a proposal 16, TerritoryControlChanged 15, EnvoyAppointed 3,
 * EnvoyLeft 2 (always of an office the person holds), ProposalAmended 3, CommitmentMade 1, TalksHeld 1,
 * DevelopmentRetracted 1.5 (a tenth of them retract an earlier retraction, undoing it),
 * DevelopmentCorrected 1.5 (replacement of the same type and id, fresh fields, often another date).
 * Commitments and talks are keyed by development id, so those two sections grow with the history
 * (about 1% each: ~10k entries each at 1M).
 *
 * <p>Time: valid time runs from {@link #FIRST_DAY} over {@link #DAYS} days in step with the recorded
 * order; 3% are backfills dated uniformly earlier. recordedAt is {@link #EPOCH} + 10 ms per event;
 * offsets are 1, 2, 3, … Every reference (actor, issue, area, proposal, target) is recorded before it is
 * used; retractions and corrections target plain developments (not the setup, not envoy events) that
 * are not retracted and not yet corrected, so nothing the validator refuses is generated.
 */
public final class StateHistories {

    public static final String PROCESS = "bench-proc";
    public static final LocalDate FIRST_DAY = LocalDate.of(2022, 2, 1);
    public static final int DAYS = 1_000;
    public static final Instant EPOCH = Instant.parse("2025-01-01T00:00:00Z");
    public static final int ACTORS = 50;
    public static final int ISSUES = 20;
    public static final int AREAS = 6;
    public static final int PROPOSALS = 8;
    public static final int PARTIES = 3;
    private static final int PERSONS_FROM = 20; // actors a20..a49 are persons (envoys, speakers)
    /**
     * Per mille of CommitmentMade and of TalksHeld each (default 10 = 1%): system property
     * {@code bench.keyedPerMille}. 0 turns the two id-keyed sections off (their share goes to
     * positions on issues), to separate the growth of the answer from the growth of the history.
     */
    public static final int KEYED_PER_MILLE = Integer.getInteger("bench.keyedPerMille", 10);
    private static final String[] OFFICES = {"Special Envoy", "Chief Negotiator", "Mediator", "Representative"};

    /** Receives every development in recorded order. */
    @FunctionalInterface
    public interface Sink {
        void accept(Development development, long offset, Instant recordedAt);
    }

    // kinds, kept per development for targeting retractions and corrections
    private static final byte SETUP = 0, POS_ISSUE = 1, POS_PROPOSAL = 2, TERRITORY = 3, ENVOY = 4, ENVOY_LEFT = 5,
            AMENDED = 6, COMMITMENT = 7, TALKS = 8, RETRACTION = 9, CORRECTION = 10;

    private final SplittableRandom r;
    private final int n;
    private final ProcessId pid = ProcessId.of(PROCESS);
    private final Source[] sources;
    private final ActorId[] actors = new ActorId[ACTORS];
    private final IssueId[] issues = new IssueId[ISSUES];
    private final AreaId[] areas = new AreaId[AREAS];
    private final ProposalId[] proposals = new ProposalId[PROPOSALS];
    private final byte[] kinds;
    private final BitSet touched; // retracted or corrected (or a retraction that was retracted)
    private final Map<Integer, String> officeHeld = new HashMap<>(); // person index -> office
    private final List<Integer> retractions = new ArrayList<>();
    private int written; // developments written so far (0-based index of the next one)

    private StateHistories(long seed, int n) {
        this.r = new SplittableRandom(seed);
        this.n = n;
        this.kinds = new byte[n];
        this.touched = new BitSet(n);
        this.sources = new Source[] {Source.of("Reuters"), Source.of("AP"), Source.of("MailOnline"),
                new Source("Kyiv Independent", "https://example.org/ki", null, "officials", "B", 2),
                new Source("TASS", null, null, "Kremlin", "C", 3)};
        for (int i = 0; i < ACTORS; i++) {
            actors[i] = ActorId.of((i < PARTIES ? "party-" : i < PERSONS_FROM ? "actor-" : "person-") + i);
        }
        for (int i = 0; i < ISSUES; i++) {
            issues[i] = IssueId.of("issue-" + i);
        }
        for (int i = 0; i < AREAS; i++) {
            areas[i] = AreaId.of("area-" + i);
        }
        for (int i = 0; i < PROPOSALS; i++) {
            proposals[i] = ProposalId.of("proposal-" + i);
        }
    }

    /** Streams a history of exactly {@code n} developments (setup included) of one process. */
    public static void generate(long seed, int n, Sink sink) {
        new StateHistories(seed, n).run(sink);
    }

    /** The same history as a list (for the oracle). */
    public static List<Development> list(long seed, int n) {
        List<Development> out = new ArrayList<>(n);
        generate(seed, n, (d, o, at) -> out.add(d));
        return out;
    }

    public static long offsetOf(int index) {
        return index + 1L;
    }

    public static Instant recordedAtOf(int index) {
        return EPOCH.plusMillis(10L * index);
    }

    /** A date in the middle of the valid-time range. */
    public static LocalDate middle() {
        return FIRST_DAY.plusDays(DAYS / 2);
    }

    private DevelopmentId id(int index) {
        return DevelopmentId.of("d" + index);
    }

    private void emit(Sink sink, Development d, byte kind) {
        kinds[written] = kind;
        sink.accept(d, offsetOf(written), recordedAtOf(written));
        written++;
    }

    private LocalDate today() {
        return FIRST_DAY.plusDays((long) written * DAYS / n);
    }

    private LocalDate date() {
        LocalDate today = today();
        if (r.nextInt(100) < 3) { // backfill: earlier, anywhere back to the first day
            long back = today.toEpochDay() - FIRST_DAY.toEpochDay();
            return back <= 0 ? today : today.minusDays(1 + r.nextLong(back));
        }
        return today;
    }

    private Source source() {
        return sources[r.nextInt(sources.length)];
    }

    private <T> T one(T[] a) {
        return a[r.nextInt(a.length)];
    }

    private boolean chance(int percent) {
        return r.nextInt(100) < percent;
    }

    private void run(Sink sink) {
        LocalDate first = FIRST_DAY;
        List<ActorId> parties = List.of(actors[0], actors[1], actors[2]);
        List<Development> setup = new ArrayList<>();
        setup.add(new ProcessOpened(id(0), pid, first, null, source(), "Ceasefire talks", parties));
        for (int i = 0; i < ACTORS; i++) {
            ActorKind kind = i < PARTIES ? ActorKind.STATE : i < PERSONS_FROM
                    ? (i % 3 == 0 ? ActorKind.ORGANISATION : ActorKind.STATE) : ActorKind.PERSON;
            ActorId affiliation = i >= PERSONS_FROM ? actors[i % PERSONS_FROM] : null;
            setup.add(new ActorRegistered(id(setup.size()), pid, first, null, source(), actors[i], "Actor " + i, kind,
                    affiliation, i >= PERSONS_FROM ? "minister" : null));
        }
        for (int i = 0; i < ISSUES; i++) {
            setup.add(new IssueDefined(id(setup.size()), pid, first, null, source(), issues[i], "Issue " + i,
                    "What to do about issue " + i));
        }
        for (int i = 0; i < AREAS; i++) {
            setup.add(new AreaDefined(id(setup.size()), pid, first, null, source(), areas[i], "Area " + i,
                    BigDecimal.valueOf(100 + 37L * i)));
        }
        for (int i = 0; i < PROPOSALS; i++) {
            setup.add(new ProposalTabled(id(setup.size()), pid, first.plusDays(i), null, source(), proposals[i],
                    "Plan " + i, actors[r.nextInt(PERSONS_FROM)], provisions()));
        }
        for (Development d : setup) {
            if (written >= n) {
                return;
            }
            emit(sink, d, SETUP);
        }
        while (written < n) {
            int roll = r.nextInt(1000);
            DevelopmentId id = id(written);
            Development d = null;
            byte kind;
            if (roll < 560) {
                kind = POS_ISSUE;
            } else if (roll < 720) {
                kind = POS_PROPOSAL;
            } else if (roll < 870) {
                kind = TERRITORY;
            } else if (roll < 900) {
                kind = ENVOY;
            } else if (roll < 920) {
                kind = officeHeld.isEmpty() ? ENVOY : ENVOY_LEFT;
            } else if (roll < 950) {
                kind = AMENDED;
            } else if (roll < 950 + KEYED_PER_MILLE) {
                kind = COMMITMENT;
            } else if (roll < 950 + 2 * KEYED_PER_MILLE) {
                kind = TALKS;
            } else if (roll < 970) {
                kind = POS_ISSUE;
            } else if (roll < 985) {
                kind = RETRACTION;
                d = retraction(id);
            } else {
                kind = CORRECTION;
                d = correction(id);
            }
            if (d == null) {
                if (kind == RETRACTION || kind == CORRECTION) {
                    kind = POS_ISSUE;
                }
                d = fresh(id, kind, date());
            }
            emit(sink, d, kind);
        }
    }

    private List<Provision> provisions() {
        int k = 1 + r.nextInt(3);
        List<Provision> out = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            out.add(new Provision(one(issues), "term " + r.nextInt(20)));
        }
        return out;
    }

    private Development fresh(DevelopmentId id, byte kind, LocalDate on) {
        switch (kind) {
            case POS_ISSUE:
            case POS_PROPOSAL: {
                boolean onIssue = kind == POS_ISSUE;
                // mostly the parties and the bigger actors speak; persons speak for them
                ActorId actor = chance(60) ? actors[r.nextInt(PARTIES)] : actors[r.nextInt(PERSONS_FROM)];
                return new PositionStated(id, pid, on, null, source(), actor,
                        chance(40) ? actors[PERSONS_FROM + r.nextInt(ACTORS - PERSONS_FROM)] : null,
                        onIssue ? one(issues) : null, onIssue ? null : one(proposals), one(Stance.values()),
                        chance(30) ? "quote " + r.nextInt(1000) : null, chance(15) ? "if " + r.nextInt(50) : null);
            }
            case TERRITORY:
                return new TerritoryControlChanged(id, pid, on, null, source(), one(areas),
                        actors[r.nextInt(PARTIES)], chance(70) ? ControlStatus.CONTROLLED : ControlStatus.CONTESTED,
                        chance(50) ? actors[r.nextInt(PARTIES)] : null);
            case ENVOY: {
                int person = PERSONS_FROM + r.nextInt(ACTORS - PERSONS_FROM);
                String office = one(OFFICES);
                officeHeld.put(person, office);
                return new EnvoyAppointed(id, pid, on, null, source(), actors[person], office,
                        actors[r.nextInt(PERSONS_FROM)], actors[r.nextInt(PERSONS_FROM)],
                        chance(30) ? "mandate " + r.nextInt(9) : null);
            }
            case ENVOY_LEFT: {
                Integer[] holders = officeHeld.keySet().toArray(new Integer[0]);
                java.util.Arrays.sort(holders);
                int person = holders[r.nextInt(holders.length)];
                String office = officeHeld.remove(person);
                return new EnvoyLeft(id, pid, on, null, source(), actors[person], office);
            }
            case AMENDED:
                return new ProposalAmended(id, pid, on, null, source(), one(proposals), provisions(),
                        chance(30) ? "note " + r.nextInt(9) : null);
            case COMMITMENT:
                return new CommitmentMade(id, pid, on, null, source(), actors[r.nextInt(PERSONS_FROM)],
                        one(CommitmentKind.values()), chance(50) ? actors[r.nextInt(PARTIES)] : null,
                        chance(50) ? BigDecimal.valueOf(r.nextInt(1000)) : null, chance(40) ? "bn USD" : null,
                        chance(40) ? "description " + r.nextInt(9) : null, one(CommitmentStatus.values()));
            case TALKS: {
                List<ActorId> participants = new ArrayList<>();
                participants.add(actors[r.nextInt(PARTIES)]);
                for (int i = 0; i < 3; i++) {
                    ActorId a = actors[r.nextInt(PERSONS_FROM)];
                    if (!participants.contains(a)) {
                        participants.add(a);
                    }
                }
                List<IssueId> topics = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    IssueId t = one(issues);
                    if (!topics.contains(t)) {
                        topics.add(t);
                    }
                }
                return new TalksHeld(id, pid, on, null, source(), participants,
                        chance(50) ? "Venue " + r.nextInt(5) : null, one(TalksFormat.values()), topics,
                        chance(40) ? "outcome " + r.nextInt(9) : null);
            }
            default:
                throw new IllegalArgumentException("kind " + kind);
        }
    }

    private static boolean plain(byte kind) {
        return kind == POS_ISSUE || kind == POS_PROPOSAL || kind == TERRITORY || kind == AMENDED
                || kind == COMMITMENT || kind == TALKS;
    }

    /** A plain, untouched development recorded earlier: usually recent, sometimes anywhere. */
    private int target() {
        for (int attempt = 0; attempt < 20; attempt++) {
            int back = chance(70) ? 1 + r.nextInt(Math.min(written, 2_000)) : 1 + r.nextInt(written);
            int t = written - back;
            if (t >= 0 && plain(kinds[t]) && !touched.get(t)) {
                return t;
            }
        }
        return -1;
    }

    private Development retraction(DevelopmentId id) {
        if (chance(10) && !retractions.isEmpty()) { // undo an earlier retraction (once)
            int k = r.nextInt(retractions.size());
            int t = retractions.get(k);
            if (!touched.get(t)) {
                touched.set(t);
                retractions.remove(k);
                return new DevelopmentRetracted(id, pid, today(), null, source(), id(t), "retraction was wrong");
            }
        }
        int t = target();
        if (t < 0) {
            return null;
        }
        touched.set(t);
        retractions.add(written);
        return new DevelopmentRetracted(id, pid, today(), null, source(), id(t), "false report");
    }

    private Development correction(DevelopmentId id) {
        int t = target();
        if (t < 0) {
            return null;
        }
        touched.set(t);
        // a fresh development of the target's type and id; a third keep the target's day... we do not
        // know it without keeping it, so the replacement is dated within a week of today, or earlier
        LocalDate on = chance(50) ? today().minusDays(r.nextInt(7)) : date();
        if (on.isBefore(FIRST_DAY)) {
            on = FIRST_DAY;
        }
        Development replacement = fresh(id(t), kinds[t], on);
        return new DevelopmentCorrected(id, pid, today(), null, source(), id(t), replacement);
    }
}
