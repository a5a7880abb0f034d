package org.diplomacytracker.core.state;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * Random histories of one or two processes, built from a stream of choices (integers) so that
 * jqwik can shrink them: a shorter list gives a shorter history, and a choice shrunk to 0 takes
 * the simplest branch (the first option, "no", the first date, the same instant as before).
 * When the choices run out, the history ends.
 */
final class RandomHistories {

    static final LocalDate FIRST_DAY = LocalDate.of(2024, 11, 1);
    static final int DAYS = 12;
    static final Instant EPOCH = Instant.parse("2024-12-01T08:00:00Z");
    private static final Source SOURCE = Source.of("Test Gazette");
    private static final String[] OFFICES = {"Special Envoy", "Chief Negotiator", "Mediator"};

    private RandomHistories() {
    }

    /** Integers consumed one at a time; 0 once exhausted. */
    static final class Choices {
        private final List<Integer> values;
        private int next;

        Choices(List<Integer> values) {
            this.values = values;
        }

        boolean exhausted() {
            return next >= values.size();
        }

        /** 0 … n−1. */
        int pick(int n) {
            if (n <= 0) {
                throw new IllegalArgumentException("pick from nothing");
            }
            int v = next < values.size() ? values.get(next) : 0;
            next++;
            return Math.floorMod(v, n);
        }

        /** True with about {@code percent}% probability; false when shrunk to 0. */
        boolean chance(int percent) {
            return pick(100) >= 100 - percent;
        }

        <T> T oneOf(List<T> options) {
            return options.get(pick(options.size()));
        }

        <T> T oneOf(T[] options) {
            return options[pick(options.length)];
        }
    }

    /** A generated history: the events in offset order, the processes it touches. */
    record History(List<NaiveState.Event> events, List<String> processes) {
        String describe() {
            StringBuilder sb = new StringBuilder();
            for (NaiveState.Event e : events) {
                sb.append(String.format("  @%-4d %s  %s%n", e.offset(), e.recordedAt(),
                        DevelopmentJson.write(e.development()).replace(",\"source\":{\"outlet\":\"Test Gazette\"}", "")));
            }
            return sb.toString();
        }
    }

    /** What the builder knows of one process while writing its history. */
    private static final class Proc {
        final String name;
        final List<String> actors = new ArrayList<>();
        final List<String> parties = new ArrayList<>();
        final List<String> issues = List.of("i0", "i1", "i2");
        final List<String> areas = List.of("r0", "r1");
        final List<String> proposals = List.of("q0", "q1");
        final List<Development> setup = new ArrayList<>();
        final List<NaiveState.Event> recorded = new ArrayList<>();
        final Map<String, String> officeHeld = new HashMap<>(); // person -> office, in recorded order
        int setupDone;
        int nextId = 1;

        Proc(String name) {
            this.name = name;
        }

        DevelopmentId newId() {
            // deliberately the same ids in both processes: ids are unique within a process only
            return DevelopmentId.of("d" + nextId++);
        }

        ProcessId pid() {
            return ProcessId.of(name);
        }
    }

    /** A history with {@code steps} random developments after the processes' setup (fewer if the choices run out). */
    static History generate(List<Integer> choiceList, int steps) {
        Choices c = new Choices(choiceList);
        boolean two = c.chance(50);
        List<Proc> procs = new ArrayList<>();
        procs.add(new Proc("north-south"));
        if (two) {
            procs.add(new Proc("east-west"));
        }
        for (Proc p : procs) {
            planSetup(p, c);
        }
        List<NaiveState.Event> all = new ArrayList<>();
        long offset = 0;
        Instant at = EPOCH;
        int written = 0;
        int target = steps + procs.stream().mapToInt(p -> p.setup.size()).sum();
        while (written < target) {
            if (c.exhausted()) {
                break;
            }
            Proc p = procs.get(c.pick(procs.size()));
            Development d;
            if (p.setupDone < p.setup.size()) {
                d = p.setup.get(p.setupDone++);
            } else {
                d = randomDevelopment(p, c, all);
            }
            offset += 1 + c.pick(3);
            int step = c.pick(4);
            if (step > 0) {
                at = at.plusMillis(step == 1 ? 1 : 1 + c.pick(5_000));
            }
            NaiveState.Event e = new NaiveState.Event(d, offset, at);
            all.add(e);
            p.recorded.add(e);
            if (d instanceof EnvoyAppointed a) {
                p.officeHeld.put(a.person().value(), a.office());
            } else if (d instanceof EnvoyLeft l && l.office().equals(p.officeHeld.get(l.person().value()))) {
                p.officeHeld.remove(l.person().value());
            }
            written++;
        }
        return new History(List.copyOf(all), procs.stream().filter(p -> !p.recorded.isEmpty()).map(p -> p.name)
                .toList());
    }

    static LocalDate date(Choices c) {
        return FIRST_DAY.plusDays(c.pick(DAYS));
    }

    // ---------------------------------------------------------------- setup

    private static void planSetup(Proc p, Choices c) {
        int partyCount = 2 + c.pick(2);
        int actorCount = Math.max(partyCount + 1, 4 + c.pick(3));
        for (int i = 0; i < actorCount; i++) {
            p.actors.add((i < partyCount ? "p" : "a") + i);
        }
        p.parties.addAll(p.actors.subList(0, partyCount));
        ProcessId pid = p.pid();
        p.setup.add(new ProcessOpened(p.newId(), pid, date(c), null, SOURCE, "Talks of " + p.name,
                p.parties.stream().map(ActorId::of).toList()));
        for (String a : p.actors) {
            p.setup.add(actorRegistered(p, c, p.newId(), a));
        }
        for (String i : p.issues) {
            p.setup.add(issueDefined(p, c, p.newId(), i));
        }
        for (String r : p.areas) {
            p.setup.add(new AreaDefined(p.newId(), pid, date(c), null, SOURCE, AreaId.of(r), "Area " + r,
                    c.chance(50) ? BigDecimal.valueOf(c.pick(5000)) : null));
        }
        for (String q : p.proposals) {
            p.setup.add(proposalTabled(p, c, p.newId(), q));
        }
    }

    private static ActorRegistered actorRegistered(Proc p, Choices c, DevelopmentId id, String actor) {
        String affiliation = c.chance(30) ? c.oneOf(p.actors) : null;
        if (actor.equals(affiliation)) {
            affiliation = null;
        }
        return new ActorRegistered(id, p.pid(), date(c), null, SOURCE, ActorId.of(actor),
                "Actor " + actor + (c.chance(30) ? " v" + c.pick(9) : ""),
                actor.startsWith("p") ? ActorKind.STATE : c.oneOf(ActorKind.values()),
                affiliation == null ? null : ActorId.of(affiliation), c.chance(30) ? "role " + c.pick(5) : null);
    }

    private static IssueDefined issueDefined(Proc p, Choices c, DevelopmentId id, String issue) {
        return new IssueDefined(id, p.pid(), date(c), null, SOURCE, IssueId.of(issue),
                "Issue " + issue + (c.chance(30) ? " v" + c.pick(9) : ""),
                c.chance(40) ? "about " + issue + " " + c.pick(5) : null);
    }

    private static ProposalTabled proposalTabled(Proc p, Choices c, DevelopmentId id, String proposal) {
        return new ProposalTabled(id, p.pid(), date(c), null, SOURCE, ProposalId.of(proposal),
                "Plan " + proposal + (c.chance(30) ? " v" + c.pick(9) : ""), ActorId.of(c.oneOf(p.actors)),
                provisions(p, c));
    }

    private static List<Provision> provisions(Proc p, Choices c) {
        int n = c.pick(3);
        List<Provision> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Provision(IssueId.of(c.oneOf(p.issues)), "term " + c.pick(20)));
        }
        return out;
    }

    // ---------------------------------------------------------------- the random steps

    private static final int[] WEIGHTS = {
            20, // 0 PositionStated on an issue
            10, // 1 PositionStated on a proposal
            8,  // 2 TerritoryControlChanged
            6,  // 3 EnvoyAppointed
            5,  // 4 EnvoyLeft
            4,  // 5 ProposalAmended
            3,  // 6 ProposalWithdrawn
            5,  // 7 CommitmentMade
            4,  // 8 TalksHeld
            10, // 9 DevelopmentRetracted
            12, // 10 DevelopmentCorrected
            2,  // 11 ProposalTabled again for a proposal already tabled (refused by the command side, but a
                //    correction can move a tabling onto another proposal: the index must take it as it comes)
    };

    private static Development randomDevelopment(Proc p, Choices c, List<NaiveState.Event> all) {
        int total = 0;
        for (int w : WEIGHTS) {
            total += w;
        }
        int roll = c.pick(total);
        int kind = 0;
        while (roll >= WEIGHTS[kind]) {
            roll -= WEIGHTS[kind];
            kind++;
        }
        DevelopmentId id = p.newId();
        switch (kind) {
            case 9: {
                Development r = retraction(p, c, id);
                if (r != null) {
                    return r;
                }
                break;
            }
            case 10: {
                Development r = correction(p, c, id);
                if (r != null) {
                    return r;
                }
                break;
            }
            case 11:
                return proposalTabled(p, c, id, c.oneOf(p.proposals));
            default:
                break;
        }
        return fresh(p, c, id, kind >= 9 ? 0 : kind);
    }

    /** A new development of one of the plain kinds (0–8 as in {@link #WEIGHTS}). */
    private static Development fresh(Proc p, Choices c, DevelopmentId id, int kind) {
        ProcessId pid = p.pid();
        LocalDate on = date(c);
        switch (kind) {
            case 0:
            case 1: {
                boolean onIssue = kind == 0;
                return new PositionStated(id, pid, on, null, SOURCE, ActorId.of(c.oneOf(p.actors)),
                        c.chance(30) ? ActorId.of(c.oneOf(p.actors)) : null,
                        onIssue ? IssueId.of(c.oneOf(p.issues)) : null,
                        onIssue ? null : ProposalId.of(c.oneOf(p.proposals)),
                        c.oneOf(Stance.values()),
                        c.chance(30) ? "quote " + c.pick(9) : null,
                        c.chance(20) ? "conditions " + c.pick(9) : null);
            }
            case 2:
                return new TerritoryControlChanged(id, pid, on, null, SOURCE, AreaId.of(c.oneOf(p.areas)),
                        ActorId.of(c.oneOf(p.actors)), c.oneOf(ControlStatus.values()),
                        c.chance(40) ? ActorId.of(c.oneOf(p.actors)) : null);
            case 3:
                return new EnvoyAppointed(id, pid, on, null, SOURCE, ActorId.of(c.oneOf(p.actors)),
                        c.oneOf(OFFICES), ActorId.of(c.oneOf(p.actors)), ActorId.of(c.oneOf(p.actors)),
                        c.chance(30) ? "mandate " + c.pick(9) : null);
            case 4: {
                // usually the office the person holds (in recorded order); sometimes anything
                if (!p.officeHeld.isEmpty() && !c.chance(25)) {
                    List<String> holders = new ArrayList<>(new java.util.TreeSet<>(p.officeHeld.keySet()));
                    String person = c.oneOf(holders);
                    return new EnvoyLeft(id, pid, on, null, SOURCE, ActorId.of(person), p.officeHeld.get(person));
                }
                return new EnvoyLeft(id, pid, on, null, SOURCE, ActorId.of(c.oneOf(p.actors)), c.oneOf(OFFICES));
            }
            case 5:
                return new ProposalAmended(id, pid, on, null, SOURCE, ProposalId.of(c.oneOf(p.proposals)),
                        provisions(p, c), c.chance(30) ? "note " + c.pick(9) : null);
            case 6:
                return new ProposalWithdrawn(id, pid, on, null, SOURCE, ProposalId.of(c.oneOf(p.proposals)),
                        c.chance(30) ? "reason " + c.pick(9) : null);
            case 7:
                return new CommitmentMade(id, pid, on, null, SOURCE, ActorId.of(c.oneOf(p.actors)),
                        c.oneOf(CommitmentKind.values()), c.chance(50) ? ActorId.of(c.oneOf(p.actors)) : null,
                        c.chance(50) ? BigDecimal.valueOf(c.pick(1000)) : null, c.chance(40) ? "bn USD" : null,
                        c.chance(40) ? "description " + c.pick(9) : null, c.oneOf(CommitmentStatus.values()));
            case 8: {
                List<ActorId> participants = new ArrayList<>();
                for (String a : p.actors) {
                    if (participants.isEmpty() || c.chance(40)) {
                        participants.add(ActorId.of(a));
                    }
                }
                List<IssueId> topics = null;
                if (c.chance(60)) {
                    topics = new ArrayList<>();
                    for (String i : p.issues) {
                        if (c.chance(50)) {
                            topics.add(IssueId.of(i));
                        }
                    }
                }
                return new TalksHeld(id, pid, on, null, SOURCE, participants,
                        c.chance(50) ? "Venue " + c.pick(5) : null, c.oneOf(TalksFormat.values()), topics,
                        c.chance(40) ? "outcome " + c.pick(9) : null);
            }
            default:
                throw new IllegalArgumentException("kind " + kind);
        }
    }

    /**
     * The ids retracted now (everything recorded so far visible). Not the oracle's way: one pass
     * from the latest event back, since a retraction only targets earlier developments. Only used
     * to keep the generated history within what the validator accepts.
     */
    private static java.util.Set<String> retractedNow(Proc p) {
        Map<String, List<String>> targetedBy = new HashMap<>();
        for (NaiveState.Event e : p.recorded) {
            if (e.development() instanceof DevelopmentRetracted r) {
                targetedBy.computeIfAbsent(r.target().value(), k -> new ArrayList<>()).add(r.id().value());
            }
        }
        java.util.Set<String> retracted = new java.util.HashSet<>();
        for (int i = p.recorded.size() - 1; i >= 0; i--) {
            String id = p.recorded.get(i).development().id().value();
            for (String by : targetedBy.getOrDefault(id, List.of())) {
                if (!retracted.contains(by)) { // a standing retraction targets it
                    retracted.add(id);
                    break;
                }
            }
        }
        return retracted;
    }

    /** Retract any earlier development of the process not retracted now (retractions included). */
    private static Development retraction(Proc p, Choices c, DevelopmentId id) {
        java.util.Set<String> retracted = retractedNow(p);
        List<NaiveState.Event> candidates = new ArrayList<>();
        for (NaiveState.Event e : p.recorded) {
            if (!retracted.contains(e.development().id().value())) {
                candidates.add(e);
            }
        }
        if (candidates.isEmpty()) {
            return null;
        }
        // favour recent developments (and so retractions of retractions) a little
        NaiveState.Event target = c.chance(40)
                ? candidates.get(candidates.size() - 1 - c.pick(Math.min(5, candidates.size())))
                : c.oneOf(candidates);
        return new DevelopmentRetracted(id, p.pid(), date(c), null, SOURCE, target.development().id(),
                "false report " + c.pick(9));
    }

    /** Correct a development that is neither an amendment nor retracted now. */
    private static Development correction(Proc p, Choices c, DevelopmentId id) {
        java.util.Set<String> retracted = retractedNow(p);
        List<NaiveState.Event> candidates = new ArrayList<>();
        for (NaiveState.Event e : p.recorded) {
            if (!NaiveState.isAmendment(e.development()) && !retracted.contains(e.development().id().value())) {
                candidates.add(e);
            }
        }
        if (candidates.isEmpty()) {
            return null;
        }
        // favour the plain kinds over the setup a little
        NaiveState.Event target = c.chance(30)
                ? candidates.get(candidates.size() - 1 - c.pick(Math.min(8, candidates.size())))
                : c.oneOf(candidates);
        Development original = target.development();
        Development replacement = replacementFor(p, c, original);
        return new DevelopmentCorrected(id, p.pid(), date(c), null, SOURCE, original.id(), replacement);
    }

    /** A development of the target's type and id, with fresh fields; often another date and key. */
    private static Development replacementFor(Proc p, Choices c, Development original) {
        DevelopmentId id = original.id();
        ProcessId pid = p.pid();
        Development r;
        if (original instanceof ProcessOpened o) {
            List<ActorId> parties = new ArrayList<>();
            for (String a : p.actors) {
                if (c.chance(50)) {
                    parties.add(ActorId.of(a));
                }
            }
            if (parties.isEmpty()) {
                parties.add(ActorId.of(p.actors.get(0)));
            }
            r = new ProcessOpened(id, pid, date(c), null, SOURCE, o.title() + " (corrected)", parties);
        } else if (original instanceof ActorRegistered a) {
            String actor = c.chance(15) ? c.oneOf(p.actors) : a.actor().value();
            r = actorRegistered(p, c, id, actor);
        } else if (original instanceof IssueDefined i) {
            String issue = c.chance(15) ? c.oneOf(p.issues) : i.issue().value();
            r = issueDefined(p, c, id, issue);
        } else if (original instanceof AreaDefined a) {
            r = new AreaDefined(id, pid, date(c), null, SOURCE, a.area(), "Area " + a.area() + " (corrected)",
                    null);
        } else if (original instanceof ProposalTabled t) {
            String proposal = c.chance(15) ? c.oneOf(p.proposals) : t.proposal().value();
            r = proposalTabled(p, c, id, proposal);
        } else if (original instanceof PositionStated s) {
            // keep the side (issue or proposal) usually; the actor and the issue often move
            boolean onIssue = c.chance(15) ? s.issue() == null : s.issue() != null;
            r = fresh(p, c, id, onIssue ? 0 : 1);
        } else if (original instanceof TerritoryControlChanged) {
            r = fresh(p, c, id, 2);
        } else if (original instanceof EnvoyAppointed) {
            r = fresh(p, c, id, 3);
        } else if (original instanceof EnvoyLeft) {
            r = fresh(p, c, id, 4);
        } else if (original instanceof ProposalAmended) {
            r = fresh(p, c, id, 5);
        } else if (original instanceof ProposalWithdrawn) {
            r = fresh(p, c, id, 6);
        } else if (original instanceof CommitmentMade) {
            r = fresh(p, c, id, 7);
        } else if (original instanceof TalksHeld) {
            r = fresh(p, c, id, 8);
        } else {
            throw new IllegalArgumentException("cannot correct " + original.type());
        }
        // "often a changed occurredOn": fresh fields drew a new date; keep the old one sometimes
        if (c.chance(30)) {
            r = withDate(r, original.occurredOn());
        }
        return r;
    }

    /** The same development on another day, through the wire JSON. */
    static Development withDate(Development d, LocalDate on) {
        var tree = DevelopmentJson.toTree(d);
        tree.put("occurredOn", on.toString());
        return DevelopmentJson.fromTree(tree);
    }

    /** Summary counts, for statistics. */
    static Map<String, Integer> typeCounts(History h) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (NaiveState.Event e : h.events()) {
            counts.merge(e.development().type().wireName(), 1, Integer::sum);
        }
        return counts;
    }
}
