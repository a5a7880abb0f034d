package org.diplomacytracker.web.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.flipkart.zjsonpatch.JsonDiff;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.ContextInternal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.diplomacytracker.core.live.Change;
import org.diplomacytracker.core.live.ChangeFeed;
import org.diplomacytracker.core.state.Entries;
import org.diplomacytracker.core.state.NegotiationState;
import org.diplomacytracker.core.state.StateIndex;

/**
 * Follows the change feed and keeps every subscribed view: its state as last sent and its
 * subscribers. All of it runs on the feed's thread, so a snapshot, a resume and the updates after
 * them see one order of offsets. For each change, each view of that process computes its new state
 * once; when it differs, the JSON Patch and the message are computed and encoded once per view (and
 * per distinct subscription id) into one buffer, and the same bytes go to every subscriber. The
 * writes are grouped by event loop: one task per loop and change writes to that loop's sockets.
 */
public final class LiveHub implements ChangeFeed.Listener {

    private final ChangeFeed feed;
    private final StateIndex index;
    private final ObjectMapper mapper;
    private final LiveOptions options;
    private final Map<ViewKey, View> views = new HashMap<>();

    /**
     * A view: what its subscribers were last sent, and who they are — grouped by subscription id (the
     * message differs only by id) and then by event loop, so that a change costs one encoding per id
     * and one task per loop, not a lookup per subscriber. The groups are copy-on-write arrays: a task
     * handed to a loop keeps the array it was given while the hub subscribes and drops.
     */
    private static final class View {
        final ViewKey key;
        NegotiationState state;
        ObjectNode json;
        final Map<String, Map<ContextInternal, Subscriber[]>> byId = new HashMap<>();
        int count;

        View(ViewKey key) {
            this.key = key;
        }

        static String idKey(LiveConnection.Subscription subscription) {
            return Objects.toString(subscription.id(), "\u0000");
        }

        void add(Subscriber s) {
            Map<ContextInternal, Subscriber[]> loops = byId.computeIfAbsent(idKey(s.subscription()), k -> new HashMap<>());
            Subscriber[] old = loops.getOrDefault(s.connection().context, new Subscriber[0]);
            Subscriber[] grown = Arrays.copyOf(old, old.length + 1);
            grown[old.length] = s;
            loops.put(s.connection().context, grown);
            count++;
        }

        void remove(LiveConnection connection, LiveConnection.Subscription subscription) {
            String id = idKey(subscription);
            Map<ContextInternal, Subscriber[]> loops = byId.get(id);
            Subscriber[] old = loops == null ? null : loops.get(connection.context);
            if (old == null) {
                return;
            }
            Subscriber[] kept = Arrays.stream(old)
                    .filter(s -> !(s.connection() == connection && s.subscription() == subscription))
                    .toArray(Subscriber[]::new);
            count -= old.length - kept.length;
            if (kept.length > 0) {
                loops.put(connection.context, kept);
            } else {
                loops.remove(connection.context);
                if (loops.isEmpty()) {
                    byId.remove(id);
                }
            }
        }

        void forEach(java.util.function.Consumer<Subscriber> action) {
            byId.values().forEach(loops -> loops.values().forEach(group -> {
                for (Subscriber s : group) {
                    action.accept(s);
                }
            }));
        }
    }

    private record Subscriber(LiveConnection connection, LiveConnection.Subscription subscription) {
    }

    public LiveHub(ChangeFeed feed, StateIndex index, ObjectMapper mapper, LiveOptions options) {
        this.feed = feed;
        this.index = index;
        this.mapper = mapper;
        this.options = options;
        feed.addListener(this);
    }

    /** Subscribes; answers with a snapshot, or with the missed updates and "resumed" when {@code since} allows. */
    void subscribe(LiveConnection connection, LiveConnection.Subscription subscription, Long since) {
        feed.execute(() -> {
            if (connection.closed) {
                return;
            }
            String id = subscription.id();
            if (connection.subscriptions.size() >= options.maxSubscriptions()) {
                connection.sendNow(Messages.error(id, "too many subscriptions on one connection (at most "
                        + options.maxSubscriptions() + "); unsubscribe first"));
                return;
            }
            if (id != null && connection.subscriptions.stream().anyMatch(s -> id.equals(s.id()))) {
                connection.sendNow(Messages.error(id, "a subscription with id '" + id + "' is already open"));
                return;
            }
            ViewKey key = subscription.view();
            if (!index.hasProcess(key.process())) {
                connection.sendNow(Messages.error(id, "unknown process '" + key.process() + "'"));
                return;
            }
            View view = views.computeIfAbsent(key, this::open);
            if (since != null) {
                List<Change> missed = feed.since(key.process(), since);
                if (missed != null) {
                    replay(connection, subscription, since, missed);
                } else {
                    connection.sendNow(Messages.snapshot(mapper, subscription, view.json, false));
                }
            } else {
                connection.sendNow(Messages.snapshot(mapper, subscription, view.json, null));
            }
            connection.subscriptions.add(subscription);
            view.add(new Subscriber(connection, subscription));
        });
    }

    private View open(ViewKey key) {
        View view = new View(key);
        view.state = stateAt(key, feed.released());
        view.json = mapper.valueToTree(view.state);
        return view;
    }

    private NegotiationState stateAt(ViewKey key, long offset) {
        return index.stateAt(key.process(), key.asOf(), key.knownAt(), offset).orElseThrow();
    }

    /** The updates a resuming client missed: from the state at {@code since}, one per change that altered it. */
    private void replay(LiveConnection connection, LiveConnection.Subscription subscription, long since,
                        List<Change> missed) {
        ViewKey key = subscription.view();
        NegotiationState before = stateAt(key, since);
        ObjectNode beforeJson = mapper.valueToTree(before);
        long last = since;
        for (Change change : missed) {
            NegotiationState after = stateAt(key, change.offset());
            if (!Differences.between(before, after).none()) {
                ObjectNode afterJson = withKnownAt(mapper.valueToTree(after), change, key);
                connection.sendNow(Messages.update(mapper, subscription, change, JsonDiff.asJson(beforeJson, afterJson)));
                before = after;
                beforeJson = afterJson;
                last = change.offset();
            }
        }
        connection.sendNow(Messages.resumed(mapper, subscription, Math.max(last, feed.released())));
    }

    @Override
    public void onChange(Change change) {
        Map<ContextInternal, Delivery> deliveries = new HashMap<>();
        for (View view : views.values()) {
            if (!view.key.process().equals(change.process())) {
                continue;
            }
            NegotiationState next = stateAt(view.key, change.offset());
            Differences differences = Differences.between(view.state, next);
            if (differences.none()) {
                continue; // this development changes nothing in this view
            }
            ObjectNode nextJson = withKnownAt(nextTree(view.json, differences), change, view.key);
            JsonNode patch = JsonDiff.asJson(view.json, nextJson);
            view.state = next;
            view.json = nextJson;
            for (Map<ContextInternal, Subscriber[]> loops : view.byId.values()) {
                Buffer message = null;
                for (Map.Entry<ContextInternal, Subscriber[]> group : loops.entrySet()) {
                    if (message == null) {
                        message = Messages.update(mapper, group.getValue()[0].subscription(), change, patch);
                    }
                    deliveries.computeIfAbsent(group.getKey(), c -> new Delivery()).add(group.getValue(), message);
                }
            }
        }
        for (Map.Entry<ContextInternal, Delivery> e : deliveries.entrySet()) {
            Delivery delivery = e.getValue();
            e.getKey().runOnContext(v -> delivery.run());
        }
    }

    /**
     * One change's updates for the sockets of one event loop, written there by one task. Tasks reach
     * a loop in the hub's order, so each connection's messages keep it.
     */
    private final class Delivery {
        private final List<Subscriber[]> groups = new ArrayList<>();
        private final List<Buffer> messages = new ArrayList<>();

        void add(Subscriber[] group, Buffer message) {
            groups.add(group);
            messages.add(message);
        }

        void run() {
            for (int g = 0; g < groups.size(); g++) {
                Buffer message = messages.get(g);
                for (Subscriber s : groups.get(g)) {
                    LiveConnection connection = s.connection();
                    if (connection.send(message) == LiveConnection.Sent.STARTED_LAGGING) {
                        lagging(connection);
                    }
                }
            }
        }
    }

    /** Sends every view of the late change's process afresh, as of the last offset released. */
    @Override
    public void onLate(Change change) {
        for (View view : views.values()) {
            if (!view.key.process().equals(change.process())) {
                continue;
            }
            view.state = stateAt(view.key, feed.released());
            view.json = mapper.valueToTree(view.state);
            Map<String, Buffer> encoded = new HashMap<>();
            view.forEach(s -> s.connection().sendNow(encoded.computeIfAbsent(View.idKey(s.subscription()),
                    id -> Messages.snapshot(mapper, s.subscription(), view.json, null))));
        }
    }

    /**
     * What differs between two states of one view, section by section (and, in positions, actor by
     * actor), compared once per change: it decides whether the view changed at all and what of it
     * is serialised again.
     */
    private record Differences(NegotiationState next, Set<String> sections,
                               SortedMap<String, SortedMap<String, Entries.Position>> positions) {

        static Differences between(NegotiationState prev, NegotiationState next) {
            Set<String> sections = new HashSet<>();
            differs(sections, "actors", prev.actors(), next.actors());
            differs(sections, "issues", prev.issues(), next.issues());
            differs(sections, "envoys", prev.envoys(), next.envoys());
            differs(sections, "proposals", prev.proposals(), next.proposals());
            differs(sections, "territory", prev.territory(), next.territory());
            differs(sections, "commitments", prev.commitments(), next.commitments());
            differs(sections, "talks", prev.talks(), next.talks());
            SortedMap<String, SortedMap<String, Entries.Position>> positions = new TreeMap<>();
            next.positions().forEach((actor, byIssue) -> {
                if (!byIssue.equals(prev.positions().get(actor))) {
                    positions.put(actor, byIssue);
                }
            });
            if (!positions.isEmpty() || !prev.positions().keySet().equals(next.positions().keySet())) {
                sections.add("positions");
            }
            return new Differences(next, sections, positions);
        }

        private static void differs(Set<String> sections, String name, Map<String, ?> a, Map<String, ?> b) {
            if (!a.equals(b)) {
                sections.add(name);
            }
        }

        boolean none() {
            return sections.isEmpty();
        }

        /** {@code next}'s section when it changed, else an empty map (its tree is taken from before). */
        <V> SortedMap<String, V> changed(String name, SortedMap<String, V> section) {
            return sections.contains(name) ? section : Collections.emptySortedMap();
        }
    }

    /**
     * The JSON tree of the new state, serialising only what changed since the state whose tree is
     * {@code prevJson}: an unchanged section — or, within positions, an unchanged actor — is the
     * previous tree's own node, shared, never mutated. So a change costs the size of what it changed,
     * not of the whole state, and the JSON Patch diff skips the shared nodes at once (identity).
     */
    private ObjectNode nextTree(ObjectNode prevJson, Differences d) {
        NegotiationState next = d.next();
        NegotiationState hollow = new NegotiationState(next.process(), next.asOfDate(), next.knownAt(), next.offset(),
                d.changed("actors", next.actors()), d.changed("issues", next.issues()),
                d.changed("envoys", next.envoys()), d.positions(),
                d.changed("proposals", next.proposals()), d.changed("territory", next.territory()),
                d.changed("commitments", next.commitments()), d.changed("talks", next.talks()));
        ObjectNode hollowJson = mapper.valueToTree(hollow);
        ObjectNode tree = mapper.createObjectNode();
        hollowJson.fields().forEachRemaining(field -> {
            String name = field.getKey();
            JsonNode before = prevJson.get(name);
            if (SECTIONS.contains(name) && !d.sections().contains(name)) {
                tree.set(name, before);
            } else if (name.equals("positions")) {
                ObjectNode positions = mapper.createObjectNode();
                for (String actor : next.positions().keySet()) {
                    positions.set(actor, d.positions().containsKey(actor)
                            ? field.getValue().get(actor) : before.get(actor));
                }
                tree.set(name, positions);
            } else {
                tree.set(name, field.getValue());
            }
        });
        return tree;
    }

    private static final Set<String> SECTIONS = Set.of("actors", "issues", "envoys", "positions", "proposals",
            "territory", "commitments", "talks");

    /**
     * A live view known "now" is as known at the moment of its last change; the REST state for "now"
     * names the moment of asking. Either way the sections are the same. A view subscribed with its own
     * {@code knownAt} keeps it, as the REST state with that {@code knownAt} does.
     */
    private static ObjectNode withKnownAt(ObjectNode state, Change change, ViewKey key) {
        if (key.knownAt() == null && state.get("knownAt") != null && change != null) {
            state.put("knownAt", change.recordedAt().toString());
        }
        return state;
    }

    /**
     * On the connection's event loop: its queue is full, updates are held back from now on. One drain
     * handler: when the queue drains, the hub builds each of its views afresh.
     */
    private void lagging(LiveConnection connection) {
        connection.socket.drainHandler(v -> feed.execute(() -> catchUp(connection)));
    }

    /**
     * On the hub's thread: the snapshots of the connection's views as of now, handed to its event
     * loop behind every update handed there before (those are held back, the snapshots cover them);
     * the updates after them are written.
     */
    private void catchUp(LiveConnection connection) {
        if (connection.closed) {
            return;
        }
        List<Buffer> snapshots = new ArrayList<>();
        for (LiveConnection.Subscription s : connection.subscriptions) {
            View view = views.get(s.view());
            if (view != null) {
                snapshots.add(Messages.snapshot(mapper, s, view.json, null));
            }
        }
        connection.context.runOnContext(v -> connection.caughtUp(snapshots));
    }

    /** Ends one subscription of a connection (by id). */
    void unsubscribe(LiveConnection connection, String id) {
        feed.execute(() -> {
            LiveConnection.Subscription found = connection.subscriptions.stream()
                    .filter(s -> id.equals(s.id())).findFirst().orElse(null);
            if (found == null) {
                connection.sendNow(Messages.error(id, "no subscription with id '" + id + "'"));
                return;
            }
            drop(connection, found);
            connection.sendNow(Messages.unsubscribed(mapper, found));
        });
    }

    /** Forgets a closed connection. */
    void closed(LiveConnection connection) {
        feed.execute(() -> {
            connection.closed = true;
            for (LiveConnection.Subscription s : List.copyOf(connection.subscriptions)) {
                drop(connection, s);
            }
        });
    }

    private void drop(LiveConnection connection, LiveConnection.Subscription subscription) {
        connection.subscriptions.remove(subscription);
        View view = views.get(subscription.view());
        if (view != null) {
            view.remove(connection, subscription);
            if (view.count == 0) {
                views.remove(view.key);
            }
        }
    }
}
