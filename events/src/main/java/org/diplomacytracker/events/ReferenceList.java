package org.diplomacytracker.events;

import java.util.ArrayList;
import java.util.List;

/** Collects a development's references in field order, skipping absent optional ones. */
final class ReferenceList {

    private final List<Reference> references = new ArrayList<>();

    ReferenceList actor(String field, ActorId id) {
        return add(Reference.Kind.ACTOR, id == null ? null : id.value(), field);
    }

    ReferenceList actors(String field, List<ActorId> ids) {
        if (ids != null) {
            for (int i = 0; i < ids.size(); i++) {
                actor(field + "." + i, ids.get(i));
            }
        }
        return this;
    }

    ReferenceList issue(String field, IssueId id) {
        return add(Reference.Kind.ISSUE, id == null ? null : id.value(), field);
    }

    ReferenceList issues(String field, List<IssueId> ids) {
        if (ids != null) {
            for (int i = 0; i < ids.size(); i++) {
                issue(field + "." + i, ids.get(i));
            }
        }
        return this;
    }

    ReferenceList provisions(String field, List<Provision> provisions) {
        for (int i = 0; i < provisions.size(); i++) {
            issue(field + "." + i + ".issue", provisions.get(i).issue());
        }
        return this;
    }

    ReferenceList area(String field, AreaId id) {
        return add(Reference.Kind.AREA, id == null ? null : id.value(), field);
    }

    ReferenceList proposal(String field, ProposalId id) {
        return add(Reference.Kind.PROPOSAL, id == null ? null : id.value(), field);
    }

    ReferenceList development(String field, DevelopmentId id) {
        return add(Reference.Kind.DEVELOPMENT, id == null ? null : id.value(), field);
    }

    /** Another development's references, seen from the member that holds it. */
    ReferenceList nested(String prefix, List<Reference> nested) {
        for (Reference r : nested) {
            references.add(new Reference(r.kind(), r.id(), prefix + "." + r.field()));
        }
        return this;
    }

    List<Reference> toList() {
        return List.copyOf(references);
    }

    private ReferenceList add(Reference.Kind kind, String id, String field) {
        if (id != null) {
            references.add(new Reference(kind, id, field));
        }
        return this;
    }
}
