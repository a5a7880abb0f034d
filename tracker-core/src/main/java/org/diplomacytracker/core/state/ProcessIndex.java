package org.diplomacytracker.core.state;

import java.time.Instant;
import java.time.LocalDate;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.diplomacytracker.core.collect.IdTable;
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
 * The bitemporal index of one process: each slot (recorded development) with its amendments, and
 * per section and key the versions ever recorded. Not thread-safe; {@link StateIndex} guards it.
 */
final class ProcessIndex {

    /** Separates the two parts of a compound key (actor and issue, proposal and actor). */
    static final char SEP = '\u0000';

    final String process;
    private final IdTable<Slot> slots = new IdTable<>(Slot::id);
    private final Map<Section, Map<String, Versions>> sections = new EnumMap<>(Section.class);
    final StateCache cache = new StateCache();

    /** Every event of the process known: the cut under which {@link #now} is kept. */
    private static final Cut EVERYTHING = new Cut(Instant.MAX, Long.MAX_VALUE);
    /**
     * Per section and key, what "latest, with every event known" shows — the question dashboards ask
     * after each new development — kept up to date by each apply for the keys it touches, so that
     * such a state reads no version at all, however long the history: the actor, position, territory,
     * commitment and talks entries, the {@link IssueDefined}, the envoy, the proposal (support and
     * opposition added when answering) and the {@link Stance} on a proposal. Keys sort as the answer
     * does (a compound key's separator sorts first), so that an answer is built in one pass.
     */
    private final Map<Section, TreeMap<String, Object>> now = new EnumMap<>(Section.class);
    /**
     * The sections of the "latest, everything known" answer, frozen when first asked after a change
     * and shared by the answers until the next change to what they are made of. Guards itself,
     * {@link #now} and {@link #stale} among readers, who share the index's read lock.
     */
    private final Map<Section, SortedMap<String, ?>> nowAnswers = new EnumMap<>(Section.class);
    /**
     * The keys an apply touched since {@link #now} was last brought up to date: it is, by the first
     * question that reads it ({@link #settle}), so that applies — a start-up reads a million — only
     * note a key, and a key touched many times between two questions is worked out once.
     */
    private final Map<Section, Set<String>> stale = new EnumMap<>(Section.class);
    private long highestOffset;
    private Instant latestRecordedAt = Instant.MIN;

    ProcessIndex(String process) {
        this.process = process;
        for (Section s : Section.values()) {
            // the sections keyed by development id are kept sorted, so that their answer is built in order
            sections.put(s, s == Section.COMMITMENTS || s == Section.TALKS ? new TreeMap<>() : new HashMap<>());
        }
    }

    void apply(Development development, long offset, Instant recordedAt) {
        String id = development.id().value();
        Slot slot = new Slot(development, offset, recordedAt);
        if (slots.putIfAbsent(slot) != null) {
            return; // a redelivery: each id is recorded once per process
        }
        cache.clear(); // every cached state of this process may change
        highestOffset = Math.max(highestOffset, offset);
        if (recordedAt.isAfter(latestRecordedAt)) {
            latestRecordedAt = recordedAt;
        }
        if (development instanceof DevelopmentRetracted r) {
            Slot target = slots.get(r.target().value());
            if (target != null) {
                target.addRetraction(slot);
                changed(target);
            }
        } else if (development instanceof DevelopmentCorrected c) {
            Slot target = slots.get(c.target().value());
            if (target != null) {
                target.addCorrection(slot);
                index(new Incarnation.Replacement(target, slot, c.replacement()));
                changed(target);
            }
        } else {
            index(slot);
        }
    }

    /**
     * A retraction or correction now bears on {@code touched}: down the chain of retractions and
     * corrections to the plain development at its end (a retraction of a retraction of a correction of
     * a commitment changes that commitment), every key that development's versions — as recorded and
     * as each correction has it — belong to is told, and its "latest" view worked out again.
     */
    private void changed(Slot touched) {
        Slot s = touched;
        for (int guard = 0; s != null && guard < 1_000; guard++) {
            if (s.development instanceof DevelopmentRetracted r) {
                s = slots.get(r.target().value());
            } else if (s.development instanceof DevelopmentCorrected c) {
                s = slots.get(c.target().value());
            } else {
                break;
            }
        }
        if (s == null) {
            return;
        }
        place(s, false);
        for (Slot correction : s.corrections) {
            // its replacement's keys (a correction may move a development to another key); the versions
            // were told when the replacement was indexed, this only works their views out again
            place(new Incarnation.Replacement(s, correction,
                    ((DevelopmentCorrected) correction.development).replacement()), false);
        }
    }

    /** Notes that {@link #now} no longer tells what a key shows (the index's write lock is held). */
    private void stale(Section section, String key) {
        Section shown = section == Section.TABLINGS ? Section.PROPOSALS : section; // a tabling is part of its proposal
        stale.computeIfAbsent(shown, k -> new HashSet<>()).add(key);
    }

    /** Brings {@link #now} up to date with the keys applies touched since; the caller holds {@link #nowAnswers}. */
    private void settle() {
        if (stale.isEmpty()) {
            return;
        }
        stale.forEach((section, keys) -> keys.forEach(key -> refreshNow(section, key)));
        stale.clear();
    }

    /**
     * Works out again what "latest, everything known" shows for one key, after a version of it was
     * added or touched, and drops the frozen answers made of it; the caller holds {@link #nowAnswers}.
     */
    private void refreshNow(Section shown, String key) {
        Map<String, Versions> versions = sections.get(shown);
        Versions v = versions.get(key);
        Object entry = null;
        if (v != null) {
            if (shown == Section.ENVOYS) {
                entry = envoy(v, Versions.NO_LIMIT, EVERYTHING);
            } else if (shown == Section.PROPOSALS) {
                entry = proposal(v, sections.get(Section.TABLINGS).get(key), Versions.NO_LIMIT, EVERYTHING);
            } else if (shown != Section.OPENED) {
                int i = v.latestIndex(Versions.NO_LIMIT, EVERYTHING);
                entry = i < 0 ? null : v.entry(i);
            }
        }
        TreeMap<String, Object> view = now.computeIfAbsent(shown, k -> new TreeMap<>());
        if (entry == null) {
            view.remove(key);
        } else {
            view.put(key, entry);
        }
        nowAnswers.remove(shown);
        // the answers made of others: issues carry convergence, proposals support and opposition
        if (shown == Section.POSITIONS || shown == Section.OPENED) {
            nowAnswers.remove(Section.ISSUES);
        } else if (shown == Section.PROPOSAL_POSITIONS) {
            nowAnswers.remove(Section.PROPOSALS);
        }
    }

    private void index(Incarnation incarnation) {
        place(incarnation, true);
    }

    /**
     * Adds {@code incarnation} to the versions of every key its content belongs to ({@code add}), or
     * tells those versions that a retraction or correction now touches it. Where a state shows a
     * version's content as it stands (actors, positions, territory, commitments, talks), the entry is
     * built here, once: a state then only picks entries, and reads no development.
     */
    private void place(Incarnation incarnation, boolean add) {
        Development d = incarnation.content();
        String slotId = incarnation.slot().id();
        if (d instanceof ActorRegistered a) {
            put(Section.ACTORS, a.actor().value(), null, incarnation, add,
                    add ? new Entries.Actor(a.name(), a.kind().wireName(), str(a.affiliation()), a.role()) : null);
        } else if (d instanceof IssueDefined i) {
            put(Section.ISSUES, i.issue().value(), null, incarnation, add, i);
        } else if (d instanceof EnvoyAppointed e) {
            put(Section.ENVOYS, e.person().value(), null, incarnation, add, null);
        } else if (d instanceof EnvoyLeft e) {
            put(Section.ENVOYS, e.person().value(), null, incarnation, add, null);
        } else if (d instanceof PositionStated p) {
            if (p.issue() != null) {
                put(Section.POSITIONS, p.actor().value(), p.issue().value(), incarnation, add,
                        add ? new Entries.Position(p.stance().wireName(), p.occurredOn(), str(p.speaker()), p.quote(),
                                p.conditions(), slotId) : null);
            } else {
                put(Section.PROPOSAL_POSITIONS, p.proposal().value(), p.actor().value(), incarnation, add, p.stance());
            }
        } else if (d instanceof ProposalTabled p) {
            put(Section.PROPOSALS, p.proposal().value(), null, incarnation, add, null);
            put(Section.TABLINGS, p.proposal().value(), null, incarnation, add, null);
        } else if (d instanceof ProposalAmended p) {
            put(Section.PROPOSALS, p.proposal().value(), null, incarnation, add, null);
        } else if (d instanceof ProposalWithdrawn p) {
            put(Section.PROPOSALS, p.proposal().value(), null, incarnation, add, null);
        } else if (d instanceof TerritoryControlChanged t) {
            put(Section.TERRITORY, t.area().value(), null, incarnation, add,
                    add ? new Entries.Territory(t.controller().value(), t.status().wireName(), t.occurredOn(),
                            str(t.previousController()), slotId) : null);
        } else if (d instanceof CommitmentMade c) {
            // these sections hold one entry per development, a query only picks them
            put(Section.COMMITMENTS, slotId, null, incarnation, add, add ? new Entries.Commitment(c.actor().value(),
                    c.kind().wireName(), str(c.recipient()), c.amount(), c.unit(), c.description(),
                    c.status() == null ? null : c.status().wireName(), c.occurredOn()) : null);
        } else if (d instanceof TalksHeld t) {
            put(Section.TALKS, slotId, null, incarnation, add, add ? new Entries.Talks(
                    t.participants().stream().map(Object::toString).toList(), t.venue(), t.format().wireName(),
                    t.topics() == null ? null : t.topics().stream().map(Object::toString).toList(), t.outcome(),
                    t.occurredOn()) : null);
        } else if (d instanceof ProcessOpened) {
            put(Section.OPENED, "", null, incarnation, add, null);
        }
        // AreaDefined names an area; the state shows areas through their control changes
    }

    /** {@link #place} for one key: {@code first}, or {@code first} and {@code second} for a compound key. */
    private void put(Section section, String first, String second, Incarnation incarnation, boolean add, Object entry) {
        String key = second == null ? first : first + SEP + second;
        if (add) {
            sections.get(section).computeIfAbsent(key, k -> new Versions(first, second)).add(incarnation, entry);
        } else {
            Versions v = sections.get(section).get(key);
            if (v != null) {
                v.touched(incarnation);
            }
        }
        stale(section, key);
    }

    boolean knowsActor(String actor) {
        return sections.get(Section.ACTORS).containsKey(actor);
    }

    boolean knowsIssue(String issue) {
        return sections.get(Section.ISSUES).containsKey(issue);
    }

    Versions positionVersions(String actor, String issue) {
        return sections.get(Section.POSITIONS).get(actor + SEP + issue);
    }

    /**
     * The state as of {@code asOf} under the cut, answered at {@code knownAt} with {@code offset}: from
     * the cache when this cut was answered since the process's last event, else computed (and cached).
     */
    NegotiationState state(LocalDate asOf, Cut cut, Instant knownAt, long offset) {
        NegotiationState cached = cache.get(asOf, cut);
        if (cached != null) {
            return cached.reissued(knownAt, offset);
        }
        NegotiationState computed = compute(asOf, cut, knownAt, offset);
        cache.put(asOf, cut, computed);
        return computed;
    }

    /** Whether the cut holds every event of this process: then what it shows is what {@link #now} shows. */
    private boolean everything(Cut cut) {
        return cut.maxOffset() >= highestOffset && !cut.knownAt().isBefore(latestRecordedAt);
    }

    /**
     * The state computed without the cache: "latest" with every event of the process known from
     * {@link #now}, reading no version; any other from the versions.
     */
    NegotiationState compute(LocalDate asOf, Cut cut, Instant knownAt, long offset) {
        if (asOf == null && everything(cut)) {
            return latestKnowingEverything(knownAt, offset);
        }
        long day = Versions.day(asOf);
        TreeMap<String, Entries.Actor> actors = prebuilt(Section.ACTORS, day, cut);

        List<Shown> shown = new ArrayList<>();
        sections.get(Section.POSITIONS).forEach((key, v) -> {
            int i = v.latestIndex(day, cut);
            if (i >= 0) {
                shown.add(new Shown(key, v, (Entries.Position) v.entry(i)));
            }
        });
        TreeMap<String, SortedMap<String, Entries.Position>> positions = byActor(shown);

        List<String> parties = parties(cut);
        List<Map.Entry<String, Entries.Issue>> issueList = new ArrayList<>();
        sections.get(Section.ISSUES).forEach((key, v) -> {
            int i = v.latestIndex(day, cut);
            if (i >= 0) {
                issueList.add(new AbstractMap.SimpleImmutableEntry<>(key,
                        issue((IssueDefined) v.entry(i), key, parties, positions)));
            }
        });
        TreeMap<String, Entries.Issue> issues = sortedTree(issueList);

        List<Map.Entry<String, Entries.Envoy>> envoyList = new ArrayList<>();
        sections.get(Section.ENVOYS).forEach((key, v) -> {
            Entries.Envoy envoy = envoy(v, day, cut);
            if (envoy != null) {
                envoyList.add(new AbstractMap.SimpleImmutableEntry<>(key, envoy));
            }
        });
        TreeMap<String, Entries.Envoy> envoys = sortedTree(envoyList);

        Map<String, List<String>> support = new HashMap<>();
        Map<String, List<String>> opposition = new HashMap<>();
        sections.get(Section.PROPOSAL_POSITIONS).forEach((key, v) -> {
            int i = v.latestIndex(day, cut);
            if (i >= 0) {
                side(v.first, v.second, (Stance) v.entry(i), support, opposition);
            }
        });
        List<Map.Entry<String, Entries.Proposal>> proposalList = new ArrayList<>();
        Map<String, Versions> tablings = sections.get(Section.TABLINGS);
        sections.get(Section.PROPOSALS).forEach((key, v) -> {
            Entries.Proposal p = proposal(v, tablings.get(key), day, cut);
            if (p != null) {
                proposalList.add(new AbstractMap.SimpleImmutableEntry<>(key,
                        withSides(p, key, support, opposition)));
            }
        });
        TreeMap<String, Entries.Proposal> proposals = sortedTree(proposalList);

        TreeMap<String, Entries.Territory> territory = prebuilt(Section.TERRITORY, day, cut);

        SortedMap<String, Entries.Commitment> commitments = keyed(Section.COMMITMENTS, asOf, cut);
        SortedMap<String, Entries.Talks> talks = keyed(Section.TALKS, asOf, cut);

        // the maps are handed over, not copied
        return new NegotiationState(process, asOf, knownAt, offset, FrozenMap.adopt(actors), FrozenMap.adopt(issues),
                FrozenMap.adopt(envoys), FrozenMap.adopt(positions), FrozenMap.adopt(proposals),
                FrozenMap.adopt(territory), commitments, talks);
    }

    /**
     * "Latest" with every event of the process known: each section from {@link #now}, frozen once
     * after each change to what it is made of and shared by the answers until the next.
     */
    @SuppressWarnings("unchecked")
    private NegotiationState latestKnowingEverything(Instant knownAt, long offset) {
        synchronized (nowAnswers) { // readers share the read lock
            settle();
            SortedMap<String, SortedMap<String, Entries.Position>> positions =
                    (SortedMap<String, SortedMap<String, Entries.Position>>) nowAnswers.get(Section.POSITIONS);
            if (positions == null) {
                TreeMap<String, SortedMap<String, Entries.Position>> byActor = new TreeMap<>();
                for (Map.Entry<String, Object> e : view(Section.POSITIONS).entrySet()) {
                    Versions v = sections.get(Section.POSITIONS).get(e.getKey());
                    byActor.computeIfAbsent(v.first, k -> new TreeMap<>()).put(v.second, (Entries.Position) e.getValue());
                }
                byActor.replaceAll((actor, byIssue) -> FrozenMap.adopt((TreeMap<String, Entries.Position>) byIssue));
                positions = FrozenMap.adopt(byActor);
                nowAnswers.put(Section.POSITIONS, positions);
            }
            SortedMap<String, Entries.Issue> issues = (SortedMap<String, Entries.Issue>) nowAnswers.get(Section.ISSUES);
            if (issues == null) {
                List<String> parties = parties(EVERYTHING);
                TreeMap<String, Entries.Issue> built = new TreeMap<>();
                for (Map.Entry<String, Object> e : view(Section.ISSUES).entrySet()) {
                    built.put(e.getKey(), issue((IssueDefined) e.getValue(), e.getKey(), parties, positions));
                }
                issues = FrozenMap.adopt(built);
                nowAnswers.put(Section.ISSUES, issues);
            }
            SortedMap<String, Entries.Proposal> proposals =
                    (SortedMap<String, Entries.Proposal>) nowAnswers.get(Section.PROPOSALS);
            if (proposals == null) {
                Map<String, List<String>> support = new HashMap<>();
                Map<String, List<String>> opposition = new HashMap<>();
                for (Map.Entry<String, Object> e : view(Section.PROPOSAL_POSITIONS).entrySet()) {
                    Versions v = sections.get(Section.PROPOSAL_POSITIONS).get(e.getKey());
                    side(v.first, v.second, (Stance) e.getValue(), support, opposition);
                }
                TreeMap<String, Entries.Proposal> built = new TreeMap<>();
                for (Map.Entry<String, Object> e : view(Section.PROPOSALS).entrySet()) {
                    built.put(e.getKey(), withSides((Entries.Proposal) e.getValue(), e.getKey(), support, opposition));
                }
                proposals = FrozenMap.adopt(built);
                nowAnswers.put(Section.PROPOSALS, proposals);
            }
            return new NegotiationState(process, null, knownAt, offset, frozenView(Section.ACTORS), issues,
                    frozenView(Section.ENVOYS), positions, proposals, frozenView(Section.TERRITORY),
                    frozenView(Section.COMMITMENTS), frozenView(Section.TALKS));
        }
    }

    private TreeMap<String, Object> view(Section section) {
        return now.getOrDefault(section, EMPTY_VIEW);
    }

    private static final TreeMap<String, Object> EMPTY_VIEW = new TreeMap<>();

    /** A section of {@link #now} as it is, frozen once per change; the caller holds {@link #nowAnswers}. */
    @SuppressWarnings("unchecked")
    private <E> SortedMap<String, E> frozenView(Section section) {
        SortedMap<String, ?> answer = nowAnswers.get(section);
        if (answer == null) {
            answer = FrozenMap.of(view(section));
            nowAnswers.put(section, answer);
        }
        return (SortedMap<String, E>) answer;
    }

    /** An issue with its convergence among the parties' positions. */
    private static Entries.Issue issue(IssueDefined d, String key, List<String> parties,
                                       Map<String, SortedMap<String, Entries.Position>> positions) {
        return new Entries.Issue(d.title(), d.description(), convergence(key, parties, positions));
    }

    /** Counts an actor's stance on a proposal as support (a positive score) or opposition (negative). */
    private static void side(String proposal, String actor, Stance stance, Map<String, List<String>> support,
                             Map<String, List<String>> opposition) {
        int score = stance.score();
        if (score != 0) {
            (score > 0 ? support : opposition).computeIfAbsent(proposal, k -> new ArrayList<>()).add(actor);
        }
    }

    private static Entries.Proposal withSides(Entries.Proposal p, String key, Map<String, List<String>> support,
                                              Map<String, List<String>> opposition) {
        return new Entries.Proposal(p.title(), p.sponsor(), p.status(), p.since(), p.provisions(),
                sorted(support.get(key)), sorted(opposition.get(key)), p.development());
    }

    /**
     * A sorted map of {@code entries} (each key once), sorted here and built by TreeMap's linear build
     * from a sorted map. Putting them one by one from the sections' hash order rebalanced the tree at
     * every put.
     */
    private static <V> TreeMap<String, V> sortedTree(List<Map.Entry<String, V>> entries) {
        entries.sort(Map.Entry.comparingByKey());
        return new TreeMap<>(new InOrder<>(entries));
    }

    /** A section whose entries are prebuilt: each key's latest counting version's entry, sorted by key. */
    @SuppressWarnings("unchecked")
    private <E> TreeMap<String, E> prebuilt(Section section, long day, Cut cut) {
        List<Map.Entry<String, E>> shown = new ArrayList<>();
        sections.get(section).forEach((key, v) -> {
            int i = v.latestIndex(day, cut);
            if (i >= 0) {
                shown.add(new AbstractMap.SimpleImmutableEntry<>(key, (E) v.entry(i)));
            }
        });
        return sortedTree(shown);
    }

    /** A position shown, under its compound key ("actor SEP issue") and its key's versions. */
    private record Shown(String key, Versions versions, Entries.Position entry) {
    }

    /**
     * The positions by actor, then issue, each actor's frozen. SEP sorts before every character of an
     * id, so the compound keys sort by actor, then issue: one sort, then each actor's run in turn.
     */
    private static TreeMap<String, SortedMap<String, Entries.Position>> byActor(List<Shown> shown) {
        shown.sort(Comparator.comparing(Shown::key));
        List<Map.Entry<String, SortedMap<String, Entries.Position>>> actors = new ArrayList<>();
        int n = 0;
        while (n < shown.size()) {
            String actor = shown.get(n).versions().first;
            List<Map.Entry<String, Entries.Position>> issues = new ArrayList<>();
            for (; n < shown.size() && shown.get(n).versions().first.equals(actor); n++) {
                Shown one = shown.get(n);
                issues.add(new AbstractMap.SimpleImmutableEntry<>(one.versions().second, one.entry()));
            }
            actors.add(new AbstractMap.SimpleImmutableEntry<>(actor,
                    FrozenMap.adopt(new TreeMap<>(new InOrder<>(issues)))));
        }
        return new TreeMap<>(new InOrder<>(actors));
    }

    /**
     * A section keyed by development id, frozen: each key's latest counting version's prebuilt entry.
     * With every event of the process known, {@link #now}'s entries dated by {@code asOf}; otherwise
     * from the versions. Either way one linear pass: the section is sorted by key, so the answer is
     * built with no key comparisons.
     */
    @SuppressWarnings("unchecked")
    private <E> SortedMap<String, E> keyed(Section section, LocalDate asOf, Cut cut) {
        InOrder<E> in = new InOrder<>();
        if (everything(cut)) {
            // under one cut at most one version of a key counts (the original or the correction in
            // force), so with every event known the section on asOf is the view's entries dated by then
            synchronized (nowAnswers) { // readers share the read lock
                settle();
                for (Map.Entry<String, Object> e : view(section).entrySet()) {
                    Object entry = e.getValue();
                    LocalDate on = entry instanceof Entries.Commitment c ? c.occurredOn()
                            : ((Entries.Talks) entry).occurredOn();
                    if (asOf == null || !on.isAfter(asOf)) {
                        in.entries.add((Map.Entry<String, E>) e);
                    }
                }
                return FrozenMap.adopt(new TreeMap<>(in)); // copied while the view holds still
            }
        }
        long day = Versions.day(asOf);
        sections.get(section).forEach((key, v) -> {
            int i = v.latestIndex(day, cut);
            if (i >= 0) {
                in.entries.add(new AbstractMap.SimpleImmutableEntry<>(key, (E) v.entry(i)));
            }
        });
        return FrozenMap.adopt(new TreeMap<>(in)); // TreeMap builds from a SortedMap in linear time
    }

    /** Entries already in key order, seen as a SortedMap only to hand them to TreeMap's linear build. */
    private static final class InOrder<E> extends AbstractMap<String, E> implements SortedMap<String, E> {
        final List<Map.Entry<String, E>> entries;

        InOrder() {
            this(new ArrayList<>());
        }

        InOrder(List<Map.Entry<String, E>> entries) {
            this.entries = entries;
        }

        @Override
        public Set<Map.Entry<String, E>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Map.Entry<String, E>> iterator() {
                    return entries.iterator();
                }

                @Override
                public int size() {
                    return entries.size();
                }
            };
        }

        @Override
        public Comparator<? super String> comparator() {
            return null;
        }

        // TreeMap's linear build reads only the comparator, the size and the entries; the rest of the
        // SortedMap contract goes through a TreeMap copy, built the same linear way
        @Override
        public SortedMap<String, E> subMap(String fromKey, String toKey) {
            return new TreeMap<>(this).subMap(fromKey, toKey);
        }

        @Override
        public SortedMap<String, E> headMap(String toKey) {
            return new TreeMap<>(this).headMap(toKey);
        }

        @Override
        public SortedMap<String, E> tailMap(String fromKey) {
            return new TreeMap<>(this).tailMap(fromKey);
        }

        @Override
        public String firstKey() {
            return new TreeMap<>(this).firstKey();
        }

        @Override
        public String lastKey() {
            return new TreeMap<>(this).lastKey();
        }
    }

    /**
     * A person's envoy office on {@code asOfDay}, walking back from the latest version: the latest counting
     * EnvoyAppointed decides, unless a counting EnvoyLeft after it names its office (a left naming
     * another office changes nothing). Visits only the versions after the deciding appointment.
     */
    static Entries.Envoy envoy(Versions v, long asOfDay, Cut cut) {
        List<String> leftOffices = null;
        for (int n = v.end(asOfDay) - 1; n >= 0; n--) {
            if (!v.counts(n, cut)) {
                continue;
            }
            Incarnation i = v.get(n);
            if (i.content() instanceof EnvoyAppointed e) {
                if (leftOffices != null && leftOffices.contains(e.office())) {
                    return null;
                }
                return new Entries.Envoy(e.office(), e.represents().value(), e.appointedBy().value(), e.occurredOn(),
                        i.slot().id(), e.mandate());
            }
            if (i.content() instanceof EnvoyLeft left) {
                if (leftOffices == null) {
                    leftOffices = new ArrayList<>(2);
                }
                leftOffices.add(left.office());
            }
        }
        return null;
    }

    /**
     * A proposal on {@code asOfDay} (support and opposition left empty), walking back from the latest
     * counting version V. The proposal exists once a counting tabling precedes or is V; a later tabling
     * starts it afresh. Title and sponsor come from the latest counting tabling up to V (found in
     * {@code tablings} by binary search); the provisions from V, or for a withdrawal from the latest
     * counting tabling or amendment before it; status, since and development from V.
     */
    static Entries.Proposal proposal(Versions v, Versions tablings, long asOfDay, Cut cut) {
        int n = v.end(asOfDay) - 1;
        Incarnation last = null;
        for (; n >= 0; n--) {
            if (v.counts(n, cut)) {
                last = v.get(n);
                break;
            }
        }
        if (last == null) {
            return null;
        }
        String id = last.slot().id();
        if (last.content() instanceof ProposalTabled t) {
            return new Entries.Proposal(t.title(), t.sponsor().value(), "tabled", t.occurredOn(),
                    provisions(t.provisions()), List.of(), List.of(), id);
        }
        Incarnation tabling = tablings == null ? null : tablings.latestBefore(last, cut);
        if (tabling == null) {
            return null; // an amendment or withdrawal of a proposal not tabled on that date
        }
        ProposalTabled t = (ProposalTabled) tabling.content();
        if (last.content() instanceof ProposalAmended a) {
            return new Entries.Proposal(t.title(), t.sponsor().value(), "amended", a.occurredOn(),
                    provisions(a.provisions()), List.of(), List.of(), id);
        }
        ProposalWithdrawn w = (ProposalWithdrawn) last.content();
        List<org.diplomacytracker.events.Provision> provisions = t.provisions();
        for (n--; n >= 0; n--) { // ends at the tabling at the latest
            Incarnation i = v.get(n);
            if (i == tabling) {
                break;
            }
            if (i.content() instanceof ProposalAmended a && v.counts(n, cut)) {
                provisions = a.provisions();
                break;
            }
        }
        return new Entries.Proposal(t.title(), t.sponsor().value(), "withdrawn", w.occurredOn(),
                provisions(provisions), List.of(), List.of(), id);
    }

    private static List<Entries.Provision> provisions(List<org.diplomacytracker.events.Provision> provisions) {
        return provisions.stream().map(p -> new Entries.Provision(p.issue().value(), p.term())).toList();
    }

    /** The principal sides, from the ProcessOpened that stands under the cut, whatever its date. */
    private List<String> parties(Cut cut) {
        Versions opened = sections.get(Section.OPENED).get("");
        Incarnation i = opened == null ? null : latestBySlot(opened, cut);
        return i == null ? List.of() : ((ProcessOpened) i.content()).parties().stream().map(Object::toString).toList();
    }

    private static Incarnation latestBySlot(Versions versions, Cut cut) {
        Incarnation best = null;
        for (Incarnation i : versions.all()) {
            if (i.counts(cut) && (best == null || i.slot().offset > best.slot().offset)) {
                best = i;
            }
        }
        return best;
    }

    /** 1 − (max − min stance among the parties) / 4, or null when fewer than two parties have a stance. */
    private static Double convergence(String issue, List<String> parties,
                                      Map<String, SortedMap<String, Entries.Position>> positions) {
        int count = 0;
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (String party : parties) {
            SortedMap<String, Entries.Position> byIssue = positions.get(party);
            Entries.Position p = byIssue == null ? null : byIssue.get(issue);
            if (p != null) {
                int score = Stance.fromWire(p.stance()).score();
                min = Math.min(min, score);
                max = Math.max(max, score);
                count++;
            }
        }
        return count < 2 ? null : 1.0 - (max - min) / 4.0;
    }

    private static List<String> sorted(List<String> ids) {
        if (ids == null) {
            return List.of();
        }
        List<String> copy = new ArrayList<>(ids);
        copy.sort(null);
        return copy;
    }

    private static String str(Object id) {
        return id == null ? null : id.toString();
    }

    Slot slot(String id) {
        return slots.get(id);
    }
}
