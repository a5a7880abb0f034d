package org.diplomacytracker.core.catalogue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.diplomacytracker.core.amendment.Amendments;
import org.diplomacytracker.core.collect.IdTable;
import org.diplomacytracker.events.ActorRegistered;
import org.diplomacytracker.events.Development;
import org.diplomacytracker.events.DevelopmentCorrected;
import org.diplomacytracker.events.DevelopmentRetracted;
import org.diplomacytracker.events.ProcessOpened;
import org.diplomacytracker.events.Reference;

/**
 * What was recorded, process by process, as the event store's stream delivers it. Applied by one
 * processor thread, read by many: a read-write lock keeps each answer consistent with one point in
 * the stream. Answers are immutable values.
 */
public final class Catalogue {

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, ProcessRecord> processes = new HashMap<>();
    private final Map<String, List<CompletableFuture<Void>>> waiters = new HashMap<>();
    private volatile long lastOffset;

    private static final class ProcessRecord {
        final String process;
        final IdTable<Entry> byId = new IdTable<>(Entry::id);
        /** Entries in valid-time order; cursors (which sort the same way) bound a page. */
        final Timeline<Entry> timeline = new Timeline<>();
        final Amendments amendments = new Amendments();
        String openedBy;
        long lastOffset;

        ProcessRecord(String process) {
            this.process = process;
        }
    }

    /** Where a development falls on a timeline: a stored entry, or a cursor given by a client. */
    interface TimelineKey {
        Comparator<TimelineKey> ORDER = Comparator.comparing(TimelineKey::occurredOn)
                .thenComparingLong(TimelineKey::offset);

        LocalDate occurredOn();

        long offset();
    }

    private record Entry(Development development, long offset, Instant recordedAt) implements TimelineKey {
        @Override
        public LocalDate occurredOn() {
            return development.occurredOn();
        }

        String id() {
            return development.id().value();
        }
    }

    /** Applies one event of the store's stream. */
    public void apply(Development development, long offset, Instant recordedAt) {
        List<CompletableFuture<Void>> done;
        lock.writeLock().lock();
        try {
            String process = development.process().value();
            ProcessRecord record = processes.computeIfAbsent(process, ProcessRecord::new);
            String id = development.id().value();
            Entry entry = new Entry(development, offset, recordedAt);
            if (record.byId.putIfAbsent(entry) != null) {
                return; // the store holds each id once per process; a redelivery changes nothing
            }
            record.timeline.add(entry);
            record.lastOffset = Math.max(record.lastOffset, offset);
            if (development instanceof ProcessOpened) {
                record.openedBy = id;
            } else if (development instanceof DevelopmentRetracted r) {
                record.amendments.retract(id, r.target().value());
            } else if (development instanceof DevelopmentCorrected c) {
                record.amendments.correct(id, c.target().value());
            }
            lastOffset = Math.max(lastOffset, offset);
            done = waiters.isEmpty() ? null : waiters.remove(key(process, id));
        } finally {
            lock.writeLock().unlock();
        }
        if (done != null) {
            done.forEach(f -> f.complete(null));
        }
    }

    /** The highest offset applied so far. */
    public long lastOffset() {
        return lastOffset;
    }

    /** Completes once the development {@code id} of {@code process} is in the catalogue. */
    public CompletableFuture<Void> awaitRecorded(String process, String id) {
        lock.writeLock().lock();
        try {
            ProcessRecord record = processes.get(process);
            if (record != null && record.byId.contains(id)) {
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> future = new CompletableFuture<>();
            waiters.computeIfAbsent(key(process, id), k -> new ArrayList<>()).add(future);
            return future;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private static String key(String process, String id) {
        return process + '\u0000' + id;
    }

    /** Every process that has at least one development, by id. */
    public List<ProcessSummary> processes() {
        lock.readLock().lock();
        try {
            List<ProcessSummary> list = new ArrayList<>();
            processes.values().stream().sorted(Comparator.comparing(r -> r.process)).forEach(r -> {
                ProcessOpened opened = openedInForce(r);
                list.add(new ProcessSummary(r.process, opened == null ? null : opened.title(),
                        opened == null ? List.of() : opened.parties().stream().map(Object::toString).toList(),
                        r.byId.size(), r.lastOffset));
            });
            return list;
        } finally {
            lock.readLock().unlock();
        }
    }

    private static ProcessOpened openedInForce(ProcessRecord record) {
        if (record.openedBy == null) {
            return null;
        }
        String correction = record.amendments.correctionInForce(record.openedBy);
        Development current = correction == null ? record.byId.get(record.openedBy).development()
                : ((DevelopmentCorrected) record.byId.get(correction).development()).replacement();
        return (ProcessOpened) current;
    }

    public boolean hasProcess(String process) {
        lock.readLock().lock();
        try {
            return processes.containsKey(process);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** One development of a process, or empty when the process has no such id. */
    public Optional<RecordedDevelopment> development(String process, String id) {
        lock.readLock().lock();
        try {
            ProcessRecord record = processes.get(process);
            Entry entry = record == null ? null : record.byId.get(id);
            return entry == null ? Optional.empty() : Optional.of(describe(record, entry));
        } finally {
            lock.readLock().unlock();
        }
    }

    private static RecordedDevelopment describe(ProcessRecord record, Entry entry) {
        String id = entry.development().id().value();
        return new RecordedDevelopment(entry.development(), entry.offset(), entry.recordedAt(),
                record.amendments.retractedBy(id), record.amendments.standingCorrections(id));
    }

    /**
     * A page of a process's developments in valid-time order (by date, then recorded order), or
     * empty when there is no such process.
     */
    public Optional<TimelinePage> timeline(String process, TimelineQuery query) {
        lock.readLock().lock();
        try {
            ProcessRecord record = processes.get(process);
            if (record == null) {
                return Optional.empty();
            }
            TimelineKey start = query.after();
            if (query.from() != null) {
                TimelineKey from = new TimelineCursor(query.from(), Long.MIN_VALUE);
                if (start == null || TimelineKey.ORDER.compare(from, start) > 0) {
                    start = from;
                }
            }
            List<RecordedDevelopment> page = new ArrayList<>(Math.min(query.limit(), 128));
            Entry last = null;
            boolean more = false;
            for (Iterator<Entry> range = record.timeline.from(start, query.to()); range.hasNext(); ) {
                Entry entry = range.next();
                Development d = entry.development();
                if (!query.types().isEmpty() && !query.types().contains(d.type())) {
                    continue;
                }
                if (query.actor() != null && !mentions(d, query.actor())) {
                    continue;
                }
                if (page.size() == query.limit()) {
                    more = true;
                    break;
                }
                page.add(describe(record, entry));
                last = entry;
            }
            return Optional.of(new TimelinePage(page,
                    more ? new TimelineCursor(last.occurredOn(), last.offset()).encode() : null));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Whether a development is about an actor: defines it, names it as a party, or refers to it. */
    static boolean mentions(Development d, String actor) {
        if (d instanceof ActorRegistered a && a.actor().value().equals(actor)) {
            return true;
        }
        if (d instanceof ProcessOpened p && p.parties().stream().anyMatch(x -> x.value().equals(actor))) {
            return true;
        }
        for (Reference r : d.references()) {
            if (r.kind() == Reference.Kind.ACTOR && r.id().equals(actor)) {
                return true;
            }
        }
        return false;
    }

    /** The span of valid time a process covers, for clients that draw a time axis. */
    public Optional<LocalDate[]> span(String process) {
        lock.readLock().lock();
        try {
            ProcessRecord record = processes.get(process);
            if (record == null || record.timeline.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new LocalDate[]{record.timeline.firstDate(), record.timeline.lastDate()});
        } finally {
            lock.readLock().unlock();
        }
    }
}
