package org.diplomacytracker.core.state;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.diplomacytracker.events.ActorId;
import org.diplomacytracker.events.ActorRegistered;
import org.diplomacytracker.events.CommitmentMade;
import org.diplomacytracker.events.Development;
import org.diplomacytracker.events.DevelopmentCorrected;
import org.diplomacytracker.events.DevelopmentRetracted;
import org.diplomacytracker.events.EnvoyAppointed;
import org.diplomacytracker.events.EnvoyLeft;
import org.diplomacytracker.events.IssueDefined;
import org.diplomacytracker.events.PositionStated;
import org.diplomacytracker.events.ProcessOpened;
import org.diplomacytracker.events.ProposalAmended;
import org.diplomacytracker.events.ProposalTabled;
import org.diplomacytracker.events.ProposalWithdrawn;
import org.diplomacytracker.events.Stance;
import org.diplomacytracker.events.TalksHeld;
import org.diplomacytracker.events.TerritoryControlChanged;

/**
 * The oracle: DESIGN.md's rule for a negotiation state, replayed naively from the full list of
 * recorded events at every question. No indexes, no caching, no incremental anything: filter,
 * sort, fold. It is meant to be obviously right, not fast.
 *
 * <ol>
 * <li>Visible: recordedAt ≤ knownAt (all when knownAt is null).</li>
 * <li>A retraction stands iff it is visible and no standing retraction targets it (recursive). A
 * development is retracted iff a standing retraction targets it.</li>
 * <li>The correction in force for a target: its visible, not retracted correction with the highest
 * offset. A development counts iff it is visible, not retracted, and not itself a retraction or a
 * correction; its content is the replacement in force or its own; it keeps its own offset (its
 * slot) and takes the content's occurredOn.</li>
 * <li>Keep the process's counting developments with occurredOn ≤ asOf.</li>
 * <li>Fold them by (occurredOn, slot offset).</li>
 * </ol>
 */
final class NaiveState {

    /** One event as the store recorded it. */
    record Event(Development development, long offset, Instant recordedAt) {
    }

    /** A counting development: its slot (id and offset of the original) and its effective content. */
    record Counted(String id, long offset, Development content) {
        LocalDate date() {
            return content.occurredOn();
        }
    }

    private final List<Event> events;

    NaiveState(List<Event> events) {
        this.events = List.copyOf(events);
    }

    // ---------------------------------------------------------------- steps 1–3: what counts

    static List<Event> visible(List<Event> events, Instant knownAt) {
        List<Event> out = new ArrayList<>();
        for (Event e : events) {
            if (knownAt == null || !e.recordedAt().isAfter(knownAt)) {
                out.add(e);
            }
        }
        return out;
    }

    private static boolean sameProcess(Event a, Event b) {
        return a.development().process().equals(b.development().process());
    }

    /** A visible retraction stands iff no standing visible retraction targets it. */
    static boolean standing(Event retraction, List<Event> visible) {
        return standing(retraction, visible, 0);
    }

    private static boolean standing(Event retraction, List<Event> visible, int depth) {
        if (depth > 10_000) {
            throw new IllegalStateException("retractions target each other in a cycle");
        }
        for (Event other : visible) {
            if (other.development() instanceof DevelopmentRetracted r && sameProcess(other, retraction)
                    && r.target().equals(retraction.development().id())
                    && standing(other, visible, depth + 1)) {
                return false;
            }
        }
        return true;
    }

    /** Some standing visible retraction targets this development. */
    static boolean retracted(Event target, List<Event> visible) {
        for (Event other : visible) {
            if (other.development() instanceof DevelopmentRetracted r && sameProcess(other, target)
                    && r.target().equals(target.development().id())
                    && standing(other, visible)) {
                return true;
            }
        }
        return false;
    }

    /** The visible, not retracted correction of this target with the highest offset, if any. */
    static Optional<DevelopmentCorrected> inForce(Event target, List<Event> visible) {
        Event best = null;
        for (Event other : visible) {
            if (other.development() instanceof DevelopmentCorrected c && sameProcess(other, target)
                    && c.target().equals(target.development().id())
                    && !retracted(other, visible)
                    && (best == null || other.offset() > best.offset())) {
                best = other;
            }
        }
        return best == null ? Optional.empty() : Optional.of((DevelopmentCorrected) best.development());
    }

    static boolean isAmendment(Development d) {
        return d instanceof DevelopmentRetracted || d instanceof DevelopmentCorrected;
    }

    /** Every counting development of the process, in no particular order, with no date filter. */
    static List<Counted> counting(List<Event> visible, String process) {
        List<Counted> out = new ArrayList<>();
        for (Event e : visible) {
            Development d = e.development();
            if (!d.process().value().equals(process) || isAmendment(d) || retracted(e, visible)) {
                continue;
            }
            Development content = inForce(e, visible).map(DevelopmentCorrected::replacement).orElse(d);
            out.add(new Counted(d.id().value(), e.offset(), content));
        }
        return out;
    }

    // ---------------------------------------------------------------- the question

    Optional<NegotiationState> state(String process, LocalDate asOf, Instant knownAt) {
        List<Event> visible = visible(events, knownAt);
        long offset = 0;
        for (Event e : visible) {
            offset = Math.max(offset, e.offset());
        }
        // A process nobody has recorded anything about has no state. DESIGN.md does not say what a
        // known process looks like before its first event; the rule's "offset 0 if none" implies a
        // state (empty sections) rather than none, so only an unknown process has no state.
        if (events.stream().noneMatch(e -> e.development().process().value().equals(process))) {
            return Optional.empty();
        }

        List<Counted> all = counting(visible, process);

        // parties: of the counting ProcessOpened with the highest slot offset, whatever its date
        List<String> parties = null;
        long partiesOffset = Long.MIN_VALUE;
        for (Counted c : all) {
            if (c.content() instanceof ProcessOpened o && c.offset() > partiesOffset) {
                partiesOffset = c.offset();
                parties = o.parties().stream().map(ActorId::value).toList();
            }
        }

        // step 4: the date filter; step 5: valid-time order, recorded order within a day
        List<Counted> kept = new ArrayList<>();
        for (Counted c : all) {
            if (asOf == null || !c.date().isAfter(asOf)) {
                kept.add(c);
            }
        }
        kept.sort(Comparator.comparing(Counted::date).thenComparingLong(Counted::offset));

        SortedMap<String, Entries.Actor> actors = new TreeMap<>();
        SortedMap<String, String[]> issueTexts = new TreeMap<>();
        SortedMap<String, Entries.Envoy> envoys = new TreeMap<>();
        SortedMap<String, SortedMap<String, Entries.Position>> positions = new TreeMap<>();
        SortedMap<String, SortedMap<String, Stance>> onProposals = new TreeMap<>(); // proposal -> actor -> stance
        SortedMap<String, Entries.Proposal> proposals = new TreeMap<>();
        SortedMap<String, Entries.Territory> territory = new TreeMap<>();
        SortedMap<String, Entries.Commitment> commitments = new TreeMap<>();
        SortedMap<String, Entries.Talks> talks = new TreeMap<>();

        for (Counted c : kept) {
            String id = c.id();
            LocalDate on = c.date();
            Development d = c.content();
            if (d instanceof ActorRegistered a) {
                actors.put(a.actor().value(), new Entries.Actor(a.name(), a.kind().wireName(),
                        str(a.affiliation()), a.role()));
            } else if (d instanceof IssueDefined i) {
                issueTexts.put(i.issue().value(), new String[] {i.title(), i.description()});
            } else if (d instanceof EnvoyAppointed a) {
                envoys.put(a.person().value(), new Entries.Envoy(a.office(), a.represents().value(),
                        a.appointedBy().value(), on, id, a.mandate()));
            } else if (d instanceof EnvoyLeft l) {
                Entries.Envoy held = envoys.get(l.person().value());
                if (held != null && held.office().equals(l.office())) {
                    envoys.remove(l.person().value());
                }
            } else if (d instanceof PositionStated p) {
                if (p.issue() != null) {
                    positions.computeIfAbsent(p.actor().value(), k -> new TreeMap<>())
                            .put(p.issue().value(), new Entries.Position(p.stance().wireName(), on,
                                    str(p.speaker()), p.quote(), p.conditions(), id));
                } else {
                    onProposals.computeIfAbsent(p.proposal().value(), k -> new TreeMap<>())
                            .put(p.actor().value(), p.stance());
                }
            } else if (d instanceof ProposalTabled t) {
                proposals.put(t.proposal().value(), new Entries.Proposal(t.title(), t.sponsor().value(), "tabled",
                        on, provisions(t.provisions()), List.of(), List.of(), id));
            } else if (d instanceof ProposalAmended a) {
                Entries.Proposal old = proposals.get(a.proposal().value());
                if (old != null) {
                    proposals.put(a.proposal().value(), new Entries.Proposal(old.title(), old.sponsor(), "amended",
                            on, provisions(a.provisions()), List.of(), List.of(), id));
                }
            } else if (d instanceof ProposalWithdrawn w) {
                Entries.Proposal old = proposals.get(w.proposal().value());
                if (old != null) {
                    proposals.put(w.proposal().value(), new Entries.Proposal(old.title(), old.sponsor(), "withdrawn",
                            on, old.provisions(), List.of(), List.of(), id));
                }
            } else if (d instanceof TerritoryControlChanged t) {
                territory.put(t.area().value(), new Entries.Territory(t.controller().value(), t.status().wireName(),
                        on, str(t.previousController()), id));
            } else if (d instanceof CommitmentMade m) {
                commitments.put(id, new Entries.Commitment(m.actor().value(), m.kind().wireName(), str(m.recipient()),
                        m.amount(), m.unit(), m.description(), m.status() == null ? null : m.status().wireName(),
                        on));
            } else if (d instanceof TalksHeld t) {
                talks.put(id, new Entries.Talks(t.participants().stream().map(ActorId::value).toList(), t.venue(),
                        t.format().wireName(),
                        t.topics() == null ? null : t.topics().stream().map(x -> x.value()).toList(),
                        t.outcome(), on));
            }
            // ProcessOpened, AreaDefined: no section of their own
        }

        // support and opposition from the latest stance of each actor on each proposal
        for (String p : List.copyOf(proposals.keySet())) {
            Entries.Proposal old = proposals.get(p);
            List<String> support = new ArrayList<>();
            List<String> opposition = new ArrayList<>();
            onProposals.getOrDefault(p, new TreeMap<>()).forEach((actor, stance) -> {
                if (stance == Stance.SUPPORTS || stance == Stance.DEMANDS) {
                    support.add(actor);
                } else if (stance == Stance.REJECTS || stance == Stance.OPPOSES) {
                    opposition.add(actor);
                }
            });
            support.sort(null);
            opposition.sort(null);
            proposals.put(p, new Entries.Proposal(old.title(), old.sponsor(), old.status(), old.since(),
                    old.provisions(), support, opposition, old.development()));
        }

        // issues with their convergence among the parties
        SortedMap<String, Entries.Issue> issues = new TreeMap<>();
        for (var e : issueTexts.entrySet()) {
            String issue = e.getKey();
            Double convergence = null;
            if (parties != null) {
                List<Integer> scores = new ArrayList<>();
                for (String party : parties) {
                    SortedMap<String, Entries.Position> byIssue = positions.get(party);
                    if (byIssue != null && byIssue.containsKey(issue)) {
                        scores.add(Stance.fromWire(byIssue.get(issue).stance()).score());
                    }
                }
                if (scores.size() >= 2) {
                    int max = scores.stream().mapToInt(Integer::intValue).max().orElseThrow();
                    int min = scores.stream().mapToInt(Integer::intValue).min().orElseThrow();
                    convergence = 1.0 - (max - min) / 4.0;
                }
            }
            issues.put(issue, new Entries.Issue(e.getValue()[0], e.getValue()[1], convergence));
        }

        return Optional.of(new NegotiationState(process, asOf, knownAt, offset, actors, issues, envoys, positions,
                proposals, territory, commitments, talks));
    }

    private static List<Entries.Provision> provisions(List<org.diplomacytracker.events.Provision> provisions) {
        return provisions.stream().map(p -> new Entries.Provision(p.issue().value(), p.term())).toList();
    }

    private static String str(Object id) {
        return id == null ? null : id.toString();
    }
}
