package org.diplomacytracker.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
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
import org.diplomacytracker.events.DevelopmentJson;
import org.diplomacytracker.events.DevelopmentRetracted;
import org.diplomacytracker.events.DevelopmentType;
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
import org.diplomacytracker.events.ProposalWithdrawn;
import org.diplomacytracker.events.Provision;
import org.diplomacytracker.events.Source;
import org.diplomacytracker.events.Stance;
import org.diplomacytracker.events.TalksFormat;
import org.diplomacytracker.events.TalksHeld;
import org.diplomacytracker.events.TerritoryControlChanged;

/**
 * A deterministic synthetic data set: processes that open, register {@value #ACTORS} actors, define
 * {@value #ISSUES} issues, some areas and proposals, then record a mix of all fifteen development
 * types. The same seed always gives the same developments, byte for byte, so runs and machines compare.
 *
 * <p>Every development is valid under DESIGN.md's rules when a process's developments are recorded
 * in the order generated: references name only what the process defined earlier; nothing is defined
 * twice; {@code EnvoyLeft} names the office the person currently holds; retractions and corrections
 * target only developments that are neither retracted nor themselves amendments, nothing is
 * retracted twice, and a correction's replacement keeps the target's type, id and defined key (only
 * the source changes). The generator is stricter than the rules require — it never retracts a
 * definition or an envoy's appointment or departure, and never corrects an envoy's facts — so that
 * the data set stays valid for any implementation of those rules, not only today's.
 */
public final class SyntheticDevelopments {

    public static final int ACTORS = 50;
    public static final int ISSUES = 20;
    static final int INITIAL_AREAS = 10;
    static final int INITIAL_PROPOSALS = 3;
    /** Developments a process records before the mix starts. */
    public static final int SETUP = 1 + ACTORS + ISSUES + INITIAL_AREAS + INITIAL_PROPOSALS;

    private SyntheticDevelopments() {
    }

    /**
     * Writes the benchmark's data set (default seed, one connection's order) as one NDJSON file, for
     * posting by other tools: {@code SyntheticDevelopments FILE [SEED]}.
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: SyntheticDevelopments FILE [SEED]");
            System.exit(2);
        }
        long seed = args.length > 1 ? Long.parseLong(args[1]) : IngestBenchmark.DEFAULT_SEED;
        List<Development> developments = interleave(processes(seed, "p", 10, 10_000), seed);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(Path.of(args[0])))) {
            for (byte[] batch : ndjsonBatches(developments, 1_000)) {
                out.write(batch);
            }
        }
        System.out.println(developments.size() + " developments written to " + args[0] + ": " + census(developments));
    }

    /**
     * {@code processes} streams of exactly {@code perProcess} developments each, in the order each
     * process must record them. Each process draws from its own generator (seeded from {@code seed}
     * and its index), so a process's content does not depend on how many others there are.
     */
    public static List<List<Development>> processes(long seed, String prefix, int processes, int perProcess) {
        if (perProcess < SETUP + 1) {
            throw new IllegalArgumentException("a process needs more than " + SETUP + " developments, got " + perProcess);
        }
        List<List<Development>> streams = new ArrayList<>(processes);
        for (int p = 0; p < processes; p++) {
            String key = String.format("%s%02d", prefix, p);
            streams.add(new ProcessScript(new Random(seed * 1_000_003L + p), key,
                    LocalDate.of(2022, 1, 3).plusDays(7L * p)).generate(perProcess));
        }
        return streams;
    }

    /**
     * Merges per-process streams into one, keeping each process's order, picking the next process at
     * random weighted by what it has left: processes finish together, so any stretch of the result —
     * any batch — mixes all of them.
     */
    public static List<Development> interleave(List<List<Development>> streams, long seed) {
        Random random = new Random(seed);
        int remaining = streams.stream().mapToInt(List::size).sum();
        List<Development> merged = new ArrayList<>(remaining);
        int[] next = new int[streams.size()];
        while (remaining > 0) {
            int pick = random.nextInt(remaining);
            for (int s = 0; s < streams.size(); s++) {
                int left = streams.get(s).size() - next[s];
                if (pick < left) {
                    merged.add(streams.get(s).get(next[s]++));
                    break;
                }
                pick -= left;
            }
            remaining--;
        }
        return merged;
    }

    /** The wire JSON of each development, one per line, {@code batchSize} lines per body. */
    public static List<byte[]> ndjsonBatches(List<Development> developments, int batchSize) {
        List<byte[]> batches = new ArrayList<>(developments.size() / batchSize + 1);
        ByteArrayOutputStream body = new ByteArrayOutputStream(batchSize * 512);
        int lines = 0;
        for (Development d : developments) {
            body.writeBytes(DevelopmentJson.write(d).getBytes(StandardCharsets.UTF_8));
            body.write('\n');
            if (++lines == batchSize) {
                batches.add(body.toByteArray());
                body.reset();
                lines = 0;
            }
        }
        if (lines > 0) {
            batches.add(body.toByteArray());
        }
        return batches;
    }

    /** How many developments of each type: the data set's make-up, for the report. */
    public static Map<DevelopmentType, Integer> census(Collection<Development> developments) {
        Map<DevelopmentType, Integer> counts = new EnumMap<>(DevelopmentType.class);
        for (Development d : developments) {
            counts.merge(d.type(), 1, Integer::sum);
        }
        return counts;
    }

    /** What the mix records after the setup, with weights in percent. */
    private enum Move {
        POSITION(38), TALKS(8), TERRITORY(9), COMMITMENT(9), APPOINT(5), LEAVE(3), TABLE(3), AMEND(5),
        WITHDRAW(1), AREA(1), RETRACT(8), CORRECT(10);

        final int weight;

        Move(int weight) {
            this.weight = weight;
        }

        static Move draw(Random random) {
            int pick = random.nextInt(100);
            for (Move m : values()) {
                if (pick < m.weight) {
                    return m;
                }
                pick -= m.weight;
            }
            throw new IllegalStateException("weights must add up to 100");
        }
    }

    private static final String[] ISSUE_TITLES = {
        "Ceasefire line", "Prisoner exchange", "Security guarantees", "Alliance membership", "Sanctions relief",
        "Reconstruction fund", "Humanitarian corridors", "Nuclear plant safety", "Grain exports",
        "Demilitarised zone", "Elections", "Language rights", "Reparations", "Peacekeepers",
        "Sea navigation", "Occupied territories", "War crimes tribunal", "Energy infrastructure",
        "Troop withdrawal", "Border monitoring"};
    private static final String[] OUTLETS = {
        "Reuters", "Associated Press", "Agence France-Presse", "BBC News", "Financial Times", "Le Monde",
        "Der Spiegel", "Kyiv Independent", "Meduza", "Wall Street Journal", "Politico Europe", "Al Jazeera"};
    private static final String[] ATTRIBUTIONS = {
        "a senior official speaking on condition of anonymity", "the foreign ministry", "a presidential aide",
        "two people familiar with the talks", "a statement on the government website", "a press conference"};
    private static final String[] QUOTES = {
        "We will not accept any agreement that rewards aggression.",
        "All options remain on the table, including a monitored ceasefire line.",
        "A freeze of the front line would only give the other side time to rearm.",
        "Any settlement must include credible guarantees and a timetable.",
        "We are ready to talk, but not at any price and not under pressure.",
        "The proposal deserves serious consideration by all parties.",
        "This plan is unacceptable in its current form.",
        "Negotiations can begin once the shelling of civilian areas stops."};
    private static final String[] CONDITIONS = {
        "only after a verified withdrawal of heavy weapons",
        "if the guarantees are backed by a binding treaty",
        "provided that an international mission monitors the line",
        "subject to approval by parliament"};
    private static final String[] OFFICES = {
        "Special Envoy for the peace process", "Chief negotiator", "Presidential representative for the talks",
        "Head of the humanitarian working group", "Special Representative for security guarantees"};
    private static final String[] VENUES = {"Geneva", "Istanbul", "Riyadh", "Vienna", "Doha", "Minsk", "Helsinki"};
    private static final String[] OUTCOMES = {
        "agreement to continue technical consultations", "no progress; talks suspended",
        "exchange of prisoners agreed in principle", "joint statement on humanitarian access"};
    private static final String[] REASONS = {
        "the outlet withdrew the report after the ministry denied it",
        "the quote was attributed to the wrong speaker",
        "the event was a fabricated social media post"};
    private static final String[] TERMS = {
        "a phased withdrawal over 90 days", "an international monitoring mission", "a 20-year moratorium",
        "a joint commission to settle disputes", "a referendum under international supervision",
        "lifting of selected sanctions after compliance"};
    private static final String[] UNITS = {"USD", "EUR", "troops", "tonnes"};

    /** The script of one process: its state decides which developments are valid next. */
    private static final class ProcessScript {

        private final Random random;
        private final String key;
        private final ProcessId process;
        private final LocalDate opened;
        private LocalDate day;
        private int counter;

        private final List<ActorId> actors = new ArrayList<>();
        private final List<IssueId> issues = new ArrayList<>();
        private final List<AreaId> areas = new ArrayList<>();
        private final Map<AreaId, ActorId> controllers = new HashMap<>();
        private final List<ProposalId> openProposals = new ArrayList<>();
        private int proposalsTabled;
        /** People holding an envoy office now, and which. */
        private final List<ActorId> envoys = new ArrayList<>();
        private final Map<ActorId, String> offices = new HashMap<>();
        /** Developments a retraction or a correction may still target. */
        private final List<Development> retractable = new ArrayList<>();
        private final List<Development> correctable = new ArrayList<>();
        private final Set<DevelopmentId> retracted = new HashSet<>();

        ProcessScript(Random random, String key, LocalDate opened) {
            this.random = random;
            this.key = key;
            this.process = ProcessId.of(key);
            this.opened = opened;
            this.day = opened;
        }

        List<Development> generate(int count) {
            List<Development> out = new ArrayList<>(count);
            for (int a = 0; a < ACTORS; a++) {
                actors.add(ActorId.of(String.format("a%02d", a)));
            }
            out.add(new ProcessOpened(nextId(), process, day, reportedAt(day), source(),
                    "Synthetic peace process " + key, List.of(actors.get(0), actors.get(1))));
            for (int a = 0; a < ACTORS; a++) {
                out.add(remember(actorRegistered(a), false));
            }
            for (int i = 0; i < ISSUES; i++) {
                IssueId issue = IssueId.of(String.format("i%02d", i));
                out.add(remember(new IssueDefined(nextId(), process, day, reportedAt(day), source(), issue,
                        ISSUE_TITLES[i], random.nextBoolean() ? null : "What the parties must settle on "
                        + ISSUE_TITLES[i].toLowerCase() + "."), false));
                issues.add(issue);
            }
            for (int i = 0; i < INITIAL_AREAS; i++) {
                out.add(remember(areaDefined(), false));
            }
            for (int i = 0; i < INITIAL_PROPOSALS; i++) {
                out.add(remember(proposalTabled(), false));
            }
            while (out.size() < count) {
                advanceDay();
                out.add(next());
            }
            return out;
        }

        /** The next development of the mix; a move that is impossible now becomes a position. */
        private Development next() {
            Move move = Move.draw(random);
            switch (move) {
                case TALKS:
                    return remember(talksHeld(), true);
                case TERRITORY:
                    return remember(territoryControlChanged(), true);
                case COMMITMENT:
                    return remember(commitmentMade(), true);
                case APPOINT:
                    return remember(envoyAppointed(), false);
                case LEAVE:
                    if (!envoys.isEmpty()) {
                        return envoyLeft();
                    }
                    break;
                case TABLE:
                    return remember(proposalTabled(), false);
                case AMEND:
                    return remember(proposalAmended(), true);
                case WITHDRAW:
                    // keep a few proposals open, so that positions and amendments always have one
                    if (openProposals.size() > INITIAL_PROPOSALS) {
                        return remember(proposalWithdrawn(), false);
                    }
                    break;
                case AREA:
                    return remember(areaDefined(), false);
                case RETRACT:
                    if (!retractable.isEmpty()) {
                        return retraction();
                    }
                    break;
                case CORRECT:
                    Development correction = correction();
                    if (correction != null) {
                        return correction;
                    }
                    break;
                default:
                    break;
            }
            return remember(positionStated(), true);
        }

        /**
         * Offers a development to later amendments. Only "facts" may be retracted: retracting a
         * definition or an appointment would change what later developments may refer to.
         */
        private Development remember(Development d, boolean retractableToo) {
            correctable.add(d);
            if (retractableToo) {
                retractable.add(d);
            }
            return d;
        }

        private void advanceDay() {
            if (random.nextInt(100) < 15) {
                day = day.plusDays(1 + random.nextInt(3));
            }
        }

        /** Developments often arrive late: some facts are dated well before today. */
        private LocalDate factDate() {
            if (random.nextInt(10) == 0) {
                LocalDate earlier = day.minusDays(1 + random.nextInt(120));
                return earlier.isBefore(opened) ? opened : earlier;
            }
            return day;
        }

        private DevelopmentId nextId() {
            return DevelopmentId.of(String.format("d%06d", counter++));
        }

        private Instant reportedAt(LocalDate date) {
            if (random.nextInt(10) < 3) {
                return null;
            }
            return date.atTime(6, 0).toInstant(ZoneOffset.UTC).plusSeconds(60L * random.nextInt(16 * 60));
        }

        private Source source() {
            String outlet = pick(OUTLETS);
            boolean rich = random.nextBoolean();
            return new Source(outlet,
                    rich ? "https://news.example.org/" + key + "/" + counter : null,
                    null,
                    random.nextInt(3) == 0 ? pick(ATTRIBUTIONS) : null,
                    rich ? String.valueOf((char) ('A' + random.nextInt(4))) : null,
                    rich ? 1 + random.nextInt(4) : null);
        }

        private ActorRegistered actorRegistered(int index) {
            ActorId actor = actors.get(index);
            if (index < 10) {
                return new ActorRegistered(nextId(), process, day, reportedAt(day), source(), actor,
                        "State " + index, ActorKind.STATE, null, index < 2 ? "party to the conflict" : null);
            }
            if (index < 15) {
                return new ActorRegistered(nextId(), process, day, reportedAt(day), source(), actor,
                        "Organisation " + index, ActorKind.ORGANISATION, null, "mediator");
            }
            if (index < 20) {
                return new ActorRegistered(nextId(), process, day, reportedAt(day), source(), actor,
                        "Armed group " + index, ActorKind.GROUP, state(), null);
            }
            // people come last, so that their affiliation (a state) is already registered
            return new ActorRegistered(nextId(), process, day, reportedAt(day), source(), actor,
                    "Person " + index, ActorKind.PERSON, state(), random.nextBoolean() ? "minister" : "diplomat");
        }

        private AreaDefined areaDefined() {
            AreaId area = AreaId.of(String.format("area-%03d", areas.size()));
            areas.add(area);
            return new AreaDefined(nextId(), process, day, reportedAt(day), source(), area,
                    "Area " + areas.size(), random.nextBoolean() ? null : BigDecimal.valueOf(10 + random.nextInt(20_000)));
        }

        private ProposalTabled proposalTabled() {
            ProposalId proposal = ProposalId.of(String.format("prop-%03d", proposalsTabled++));
            openProposals.add(proposal);
            return new ProposalTabled(nextId(), process, day, reportedAt(day), source(), proposal,
                    "Plan " + proposalsTabled + " for " + key, anyActor(), provisions());
        }

        private ProposalAmended proposalAmended() {
            return new ProposalAmended(nextId(), process, day, reportedAt(day), source(), pick(openProposals),
                    provisions(), random.nextBoolean() ? null : "revised after consultations");
        }

        private ProposalWithdrawn proposalWithdrawn() {
            ProposalId proposal = openProposals.remove(random.nextInt(openProposals.size()));
            return new ProposalWithdrawn(nextId(), process, day, reportedAt(day), source(), proposal,
                    random.nextBoolean() ? null : "superseded by a later plan");
        }

        private List<Provision> provisions() {
            int n = 1 + random.nextInt(3);
            List<Provision> provisions = new ArrayList<>(n);
            for (IssueId issue : distinct(issues, n)) {
                provisions.add(new Provision(issue, pick(TERMS)));
            }
            return provisions;
        }

        private PositionStated positionStated() {
            LocalDate date = factDate();
            boolean onProposal = random.nextInt(4) == 0;
            return new PositionStated(nextId(), process, date, reportedAt(day), source(), anyActor(),
                    random.nextBoolean() ? person() : null,
                    onProposal ? null : pick(issues),
                    onProposal ? pick(openProposals) : null,
                    Stance.values()[random.nextInt(Stance.values().length)],
                    random.nextInt(10) < 6 ? pick(QUOTES) : null,
                    random.nextInt(5) == 0 ? pick(CONDITIONS) : null);
        }

        private TalksHeld talksHeld() {
            LocalDate date = factDate();
            return new TalksHeld(nextId(), process, date, reportedAt(day), source(),
                    distinct(actors, 2 + random.nextInt(3)),
                    random.nextBoolean() ? pick(VENUES) : null,
                    TalksFormat.values()[random.nextInt(TalksFormat.values().length)],
                    random.nextInt(5) == 0 ? null : distinct(issues, random.nextInt(4)),
                    random.nextBoolean() ? pick(OUTCOMES) : null);
        }

        private TerritoryControlChanged territoryControlChanged() {
            AreaId area = pick(areas);
            // states and armed groups hold ground
            ActorId controller = random.nextBoolean() ? state() : actors.get(15 + random.nextInt(5));
            ActorId previous = controllers.put(area, controller);
            return new TerritoryControlChanged(nextId(), process, day, reportedAt(day), source(), area, controller,
                    random.nextInt(4) == 0 ? ControlStatus.CONTESTED : ControlStatus.CONTROLLED,
                    previous == null || previous.equals(controller) ? null : previous);
        }

        private CommitmentMade commitmentMade() {
            LocalDate date = factDate();
            boolean amount = random.nextBoolean();
            return new CommitmentMade(nextId(), process, date, reportedAt(day), source(),
                    actors.get(random.nextInt(15)),
                    CommitmentKind.values()[random.nextInt(CommitmentKind.values().length)],
                    random.nextBoolean() ? state() : null,
                    amount ? BigDecimal.valueOf(1 + random.nextInt(5_000)).multiply(BigDecimal.valueOf(100_000)) : null,
                    amount ? pick(UNITS) : null,
                    random.nextBoolean() ? "announced at a donors' conference" : null,
                    CommitmentStatus.values()[random.nextInt(CommitmentStatus.values().length)]);
        }

        /** A new appointment replaces whatever office the person held. */
        private EnvoyAppointed envoyAppointed() {
            ActorId person = person();
            String office = pick(OFFICES);
            if (offices.put(person, office) == null) {
                envoys.add(person);
            }
            return new EnvoyAppointed(nextId(), process, day, reportedAt(day), source(), person, office,
                    state(), random.nextBoolean() ? state() : actors.get(10 + random.nextInt(5)),
                    random.nextBoolean() ? null : "to prepare a framework agreement");
        }

        private EnvoyLeft envoyLeft() {
            ActorId person = envoys.remove(random.nextInt(envoys.size()));
            String office = offices.remove(person);
            return new EnvoyLeft(nextId(), process, day, reportedAt(day), source(), person, office);
        }

        private DevelopmentRetracted retraction() {
            Development target = takeAt(retractable, random.nextInt(retractable.size()));
            retracted.add(target.id());
            return new DevelopmentRetracted(nextId(), process, day, reportedAt(day), source(), target.id(),
                    pick(REASONS));
        }

        /** A correction of a standing development, or null when none is left to correct. */
        private DevelopmentCorrected correction() {
            while (!correctable.isEmpty()) {
                int index = random.nextInt(correctable.size());
                Development target = correctable.get(index);
                if (retracted.contains(target.id())) {
                    takeAt(correctable, index); // retracted since it was offered: no longer correctable
                    continue;
                }
                return new DevelopmentCorrected(nextId(), process, day, reportedAt(day), source(), target.id(),
                        withSource(target, new Source(pick(OUTLETS), null, null, "corrected report", "B", 2)));
            }
            return null;
        }

        /** The same development (type, id, every reference) with another source: a safe replacement. */
        private static Development withSource(Development target, Source source) {
            ObjectNode tree = DevelopmentJson.toTree(target);
            tree.set("source", DevelopmentJson.mapper().valueToTree(source));
            return DevelopmentJson.fromTree(tree);
        }

        private ActorId state() {
            return actors.get(random.nextInt(10));
        }

        private ActorId person() {
            return actors.get(20 + random.nextInt(ACTORS - 20));
        }

        private ActorId anyActor() {
            return pick(actors);
        }

        private <T> List<T> distinct(List<T> from, int n) {
            List<T> copy = new ArrayList<>(from);
            List<T> chosen = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                chosen.add(takeAt(copy, random.nextInt(copy.size())));
            }
            return chosen;
        }

        private <T> T pick(List<T> from) {
            return from.get(random.nextInt(from.size()));
        }

        private String pick(String[] from) {
            return from[random.nextInt(from.length)];
        }

        /** Removes in O(1) by moving the last element into the hole; order does not matter here. */
        private static <T> T takeAt(List<T> list, int index) {
            T taken = list.get(index);
            T last = list.remove(list.size() - 1);
            if (index < list.size()) {
                list.set(index, last);
            }
            return taken;
        }
    }
}
