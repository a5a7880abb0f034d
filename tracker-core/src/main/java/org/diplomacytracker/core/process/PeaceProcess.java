package org.diplomacytracker.core.process;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.diplomacytracker.core.amendment.Amendments;
import org.diplomacytracker.events.ActorRegistered;
import org.diplomacytracker.events.AreaDefined;
import org.diplomacytracker.events.Development;
import org.diplomacytracker.events.DevelopmentCorrected;
import org.diplomacytracker.events.DevelopmentRetracted;
import org.diplomacytracker.events.DevelopmentType;
import org.diplomacytracker.events.EnvoyAppointed;
import org.diplomacytracker.events.EnvoyLeft;
import org.diplomacytracker.events.IssueDefined;
import org.diplomacytracker.events.ProcessOpened;
import org.diplomacytracker.events.ProposalTabled;
import org.diplomacytracker.events.Reference;

/**
 * One peace process, the unit of consistency. It decides, in recorded order, whether each submitted
 * development may be recorded: the process must be open, every reference must name something
 * recorded earlier, an id is recorded once (the same content again is a duplicate), definitions are
 * not repeated, and retractions, corrections and envoy departures follow DESIGN.md's rules. State
 * changes only in the event-sourcing handler; the fields are plain values so that Jackson can
 * snapshot them.
 */
public class PeaceProcess {

    @AggregateIdentifier
    private String processId;
    /** The sequence number of the last event applied: how far this copy of the process has read its stream. */
    private long lastSequence = -1;

    /** Every recorded development by id: where it stands in the stream and what it contained. */
    private Map<String, Recorded> developments = new HashMap<>();
    /** Defined actors, issues, areas and proposals, each with the id of the development defining it. */
    private Map<String, String> actors = new HashMap<>();
    private Map<String, String> issues = new HashMap<>();
    private Map<String, String> areas = new HashMap<>();
    private Map<String, String> proposals = new HashMap<>();
    /** Which retractions and corrections stand. */
    private Amendments amendments = new Amendments();
    /** Every version of every appointment and departure of an envoy, by the id of the original or correction. */
    private Map<String, EnvoyFact> envoyVersions = new HashMap<>();
    /**
     * Person → the ids of the appointments and departures that name them, as recorded or as corrected,
     * in recorded order: a departure is checked against that person's alone.
     */
    private Map<String, List<String>> envoyDevelopments = new HashMap<>();

    /** Where a development stands: its sequence in this stream, its content fingerprint, its type. */
    record Recorded(long sequence, long hash, String type) {
    }

    /** An appointment or a departure: who, which office, from when. */
    record EnvoyFact(String person, String office, LocalDate on, boolean appointed) {
    }

    protected PeaceProcess() {
        // Axon creates an empty process when a command arrives for one not yet opened.
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public RecordingResult handle(RecordDevelopments command) {
        List<RecordingResult.Item> items = new ArrayList<>(command.developments().size());
        int position = 0;
        for (Development development : command.developments()) {
            items.add(record(development, position++));
        }
        return new RecordingResult(items);
    }

    private RecordingResult.Item record(Development development, int position) {
        String id = development.id().value();
        long hash = ContentHash.ofSubmitted(development);
        Recorded earlier = developments.get(id);
        if (earlier != null) {
            if (earlier.hash() == hash) {
                return new RecordingResult.Item(earlier.sequence(), true);
            }
            throw refuse(Refusal.ID_CONFLICT, "id", "id '" + id + "' was already recorded in process '"
                    + development.process() + "' with other content; give the new development its own id", position);
        }
        check(development, position);
        apply(development);
        return new RecordingResult.Item(developments.get(id).sequence(), false);
    }

    private void check(Development development, int position) {
        boolean opened = processId != null;
        if (development instanceof ProcessOpened) {
            if (opened) {
                throw refuse(Refusal.PROCESS_ALREADY_OPENED, "process", "process '" + development.process()
                        + "' is already open; ProcessOpened comes once, as its first development", position);
            }
            return;
        }
        if (!opened) {
            throw refuse(Refusal.UNKNOWN_PROCESS, "process", "unknown process '" + development.process()
                    + "': open it with a ProcessOpened development first", position);
        }
        for (Reference reference : development.references()) {
            if (!isRecorded(reference)) {
                throw refuse(Refusal.UNKNOWN_REFERENCE, reference.field(), reference.field() + " names unknown "
                        + reference.kind().noun() + " '" + reference.id() + "' in process '" + processId + "'"
                        + hint(reference.kind()), position);
            }
        }
        if (development instanceof ActorRegistered a) {
            checkNotDefined(actors, "actor", a.actor().value(), "actor", position);
        } else if (development instanceof IssueDefined i) {
            checkNotDefined(issues, "issue", i.issue().value(), "issue", position);
        } else if (development instanceof AreaDefined a) {
            checkNotDefined(areas, "area", a.area().value(), "area", position);
        } else if (development instanceof ProposalTabled p) {
            checkNotDefined(proposals, "proposal", p.proposal().value(), "proposal", position);
        } else if (development instanceof EnvoyLeft left) {
            checkOfficeHeld(left, position);
        } else if (development instanceof DevelopmentRetracted retraction) {
            checkRetractable(retraction, position);
        } else if (development instanceof DevelopmentCorrected correction) {
            checkCorrectable(correction, position);
        }
    }

    private boolean isRecorded(Reference reference) {
        String id = reference.id();
        return switch (reference.kind()) {
            case ACTOR -> actors.containsKey(id);
            case ISSUE -> issues.containsKey(id);
            case AREA -> areas.containsKey(id);
            case PROPOSAL -> proposals.containsKey(id);
            case DEVELOPMENT -> developments.containsKey(id);
        };
    }

    private static String hint(Reference.Kind kind) {
        return switch (kind) {
            case ACTOR -> "; register it with ActorRegistered first";
            case ISSUE -> "; define it with IssueDefined first";
            case AREA -> "; define it with AreaDefined first";
            case PROPOSAL -> "; table it with ProposalTabled first";
            case DEVELOPMENT -> "";
        };
    }

    private void checkNotDefined(Map<String, String> defined, String field, String id, String noun, int position) {
        String by = defined.get(id);
        if (by != null && !amendments.isRetracted(by)) {
            throw refuse(Refusal.ALREADY_DEFINED, field, noun + " '" + id + "' is already defined by development '"
                    + by + "'; to change it, record a DevelopmentCorrected of '" + by + "'", position);
        }
    }

    /**
     * Whether the person holds the office on the departure's date, as the state would show it:
     * their standing appointments and departures dated on or before it, folded in valid-time order
     * (a new appointment replaces the office held, a departure ends the office it names).
     */
    private void checkOfficeHeld(EnvoyLeft left, int position) {
        String person = left.person().value();
        List<EnvoyFact> facts = new ArrayList<>();
        for (String id : envoyDevelopments.getOrDefault(person, List.of())) {
            if (amendments.isRetracted(id)) {
                continue;
            }
            String inForce = amendments.correctionInForce(id);
            EnvoyFact fact = envoyVersions.get(inForce == null ? id : inForce);
            if (fact.person().equals(person) && !fact.on().isAfter(left.occurredOn())) {
                facts.add(fact); // in recorded order, which breaks ties between facts of one day
            }
        }
        facts.sort(java.util.Comparator.comparing(EnvoyFact::on));
        String held = null;
        for (EnvoyFact fact : facts) {
            if (fact.appointed()) {
                held = fact.office();
            } else if (fact.office().equals(held)) {
                held = null;
            }
        }
        if (!left.office().equals(held)) {
            throw refuse(Refusal.OFFICE_NOT_HELD, "office", "'" + person + "' holds no office '" + left.office()
                    + "' on " + left.occurredOn() + " in process '" + processId + "'"
                    + (held == null ? "" : " (the office held then is '" + held + "')"), position);
        }
    }

    private void checkRetractable(DevelopmentRetracted retraction, int position) {
        String target = retraction.target().value();
        String standing = amendments.retractedBy(target);
        if (standing != null) {
            throw refuse(Refusal.ALREADY_RETRACTED, "target", "development '" + target + "' is already retracted by '"
                    + standing + "'; retract '" + standing + "' first to undo it", position);
        }
    }

    private void checkCorrectable(DevelopmentCorrected correction, int position) {
        String target = correction.target().value();
        Recorded recorded = developments.get(target);
        DevelopmentType targetType = DevelopmentType.byWireName(recorded.type()).orElseThrow();
        if (targetType.isAmendment()) {
            throw refuse(Refusal.NOT_CORRECTABLE, "target", "development '" + target + "' is a " + targetType
                    + ", which cannot be corrected; retract it instead", position);
        }
        String standing = amendments.retractedBy(target);
        if (standing != null) {
            throw refuse(Refusal.ALREADY_RETRACTED, "target", "development '" + target + "' is retracted by '"
                    + standing + "' and cannot be corrected; retract '" + standing + "' first to undo it", position);
        }
        Development replacement = correction.replacement();
        if (replacement.type() != targetType) {
            throw refuse(Refusal.CORRECTION_CHANGES_IDENTITY, "replacement.type", "the replacement must be a "
                    + targetType + " like its target '" + target + "', not a " + replacement.type(), position);
        }
        String definedKey = definedKey(replacement);
        if (definedKey != null && !definedKey.equals(definedKeyOf(target))) {
            throw refuse(Refusal.CORRECTION_CHANGES_IDENTITY, "replacement." + definedField(replacement),
                    "a correction cannot change what '" + target + "' defines ('" + definedKeyOf(target)
                            + "'); define '" + definedKey + "' with a development of its own", position);
        }
    }

    /** The id an ActorRegistered, IssueDefined, AreaDefined or ProposalTabled defines; null otherwise. */
    private static String definedKey(Development development) {
        if (development instanceof ActorRegistered a) {
            return a.actor().value();
        } else if (development instanceof IssueDefined i) {
            return i.issue().value();
        } else if (development instanceof AreaDefined a) {
            return a.area().value();
        } else if (development instanceof ProposalTabled p) {
            return p.proposal().value();
        }
        return null;
    }

    private static String definedField(Development development) {
        return switch (development.type()) {
            case ACTOR_REGISTERED -> "actor";
            case ISSUE_DEFINED -> "issue";
            case AREA_DEFINED -> "area";
            default -> "proposal";
        };
    }

    private String definedKeyOf(String developmentId) {
        for (Map<String, String> defined : List.of(actors, issues, areas, proposals)) {
            for (Map.Entry<String, String> e : defined.entrySet()) {
                if (e.getValue().equals(developmentId)) {
                    return e.getKey();
                }
            }
        }
        return null;
    }

    private static EnvoyFact envoyFact(Development development) {
        if (development instanceof EnvoyAppointed e) {
            return new EnvoyFact(e.person().value(), e.office(), e.occurredOn(), true);
        }
        EnvoyLeft l = (EnvoyLeft) development;
        return new EnvoyFact(l.person().value(), l.office(), l.occurredOn(), false);
    }

    private DevelopmentRefusedException refuse(Refusal refusal, String field, String message, int position) {
        return new DevelopmentRefusedException(refusal, field, message, position, lastSequence);
    }

    @EventSourcingHandler
    void on(Development development, @SequenceNumber long sequence) {
        lastSequence = sequence;
        String id = development.id().value();
        developments.put(id, new Recorded(sequence, ContentHash.of(development), development.type().wireName()));
        if (development instanceof ProcessOpened opened) {
            processId = opened.process().value();
        } else if (development instanceof ActorRegistered a) {
            actors.put(a.actor().value(), id);
        } else if (development instanceof IssueDefined i) {
            issues.put(i.issue().value(), id);
        } else if (development instanceof AreaDefined a) {
            areas.put(a.area().value(), id);
        } else if (development instanceof ProposalTabled p) {
            proposals.put(p.proposal().value(), id);
        } else if (development instanceof EnvoyAppointed || development instanceof EnvoyLeft) {
            EnvoyFact fact = envoyFact(development);
            envoyDevelopments.computeIfAbsent(fact.person(), p -> new ArrayList<>()).add(id);
            envoyVersions.put(id, fact);
        } else if (development instanceof DevelopmentRetracted r) {
            amendments.retract(id, r.target().value());
        } else if (development instanceof DevelopmentCorrected c) {
            amendments.correct(id, c.target().value());
            if (c.replacement() instanceof EnvoyAppointed || c.replacement() instanceof EnvoyLeft) {
                EnvoyFact fact = envoyFact(c.replacement());
                envoyVersions.put(id, fact);
                // a correction may name another person: the target is then theirs to check too
                List<String> theirs = envoyDevelopments.computeIfAbsent(fact.person(), p -> new ArrayList<>());
                String target = c.target().value();
                if (!theirs.contains(target)) {
                    theirs.add(target);
                    theirs.sort(java.util.Comparator.comparingLong(t -> developments.get(t).sequence()));
                }
            }
        }
    }
}
