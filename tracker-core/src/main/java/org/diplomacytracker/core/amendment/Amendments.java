package org.diplomacytracker.core.amendment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The retractions and corrections recorded in one process, and which of them stand. A retraction
 * stands unless a standing retraction targets it; a standing retraction takes its target out (a
 * retracted retraction thus undoes itself, and retracting that one restores it). Of a target's
 * standing corrections the latest recorded is in force. Plain maps, so it snapshots with Jackson.
 * Not thread-safe: its owner serialises access.
 */
public final class Amendments {

    /** Retraction id → its target, in recorded order. */
    private LinkedHashMap<String, String> retractionTargets = new LinkedHashMap<>();
    /** Target id → the retractions of it, in recorded order. */
    private Map<String, List<String>> retractionsOf = new HashMap<>();
    /** Target id → the standing retraction against it. */
    private Map<String, String> retractedBy = new HashMap<>();
    /** Target id → its corrections in recorded order, retracted ones included. */
    private Map<String, List<String>> correctionsOf = new HashMap<>();

    /** Records retraction {@code id} of {@code target}; the caller has checked the target is not retracted. */
    public void retract(String id, String target) {
        retractionTargets.put(id, target);
        retractionsOf.computeIfAbsent(target, t -> new ArrayList<>()).add(id);
        settle(target);
    }

    /** Records correction {@code id} of {@code target}. */
    public void correct(String id, String target) {
        correctionsOf.computeIfAbsent(target, t -> new ArrayList<>()).add(id);
    }

    /** The standing retraction of this development, or {@code null}. */
    public String retractedBy(String id) {
        return retractedBy.get(id);
    }

    public boolean isRetracted(String id) {
        return retractedBy.containsKey(id);
    }

    /** The standing (not retracted) corrections of {@code target}, in recorded order. */
    public List<String> standingCorrections(String target) {
        List<String> all = correctionsOf.get(target);
        if (all == null) {
            return List.of();
        }
        List<String> standing = new ArrayList<>(all.size());
        for (String c : all) {
            if (!retractedBy.containsKey(c)) {
                standing.add(c);
            }
        }
        return standing;
    }

    /** The correction in force for {@code target} (the latest standing one), or {@code null}. */
    public String correctionInForce(String target) {
        List<String> all = correctionsOf.get(target);
        if (all == null) {
            return null;
        }
        for (int i = all.size() - 1; i >= 0; i--) {
            if (!retractedBy.containsKey(all.get(i))) {
                return all.get(i);
            }
        }
        return null;
    }

    /** The target a retraction speaks of, or {@code null} when {@code id} is no retraction. */
    public String targetOfRetraction(String id) {
        return retractionTargets.get(id);
    }

    /**
     * Decides again what retracts {@code id} — the latest recorded of its retractions that stands —
     * and, when {@code id} is itself a retraction whose standing changed, what it retracts in turn:
     * only the chain below the new retraction is visited.
     */
    private void settle(String id) {
        for (String current = id; current != null; ) {
            String before = retractedBy.get(current);
            String after = null;
            List<String> retractions = retractionsOf.getOrDefault(current, List.of());
            for (int i = retractions.size() - 1; i >= 0 && after == null; i--) {
                if (!retractedBy.containsKey(retractions.get(i))) {
                    after = retractions.get(i);
                }
            }
            if (after == null) {
                retractedBy.remove(current);
            } else {
                retractedBy.put(current, after);
            }
            boolean standingChanged = (before == null) != (after == null);
            // a retraction that now stands, or no longer does, changes what its own target shows
            current = standingChanged ? retractionTargets.get(current) : null;
        }
    }
}
