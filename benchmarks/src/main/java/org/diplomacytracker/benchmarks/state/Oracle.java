package org.diplomacytracker.benchmarks.state;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.diplomacytracker.core.state.NegotiationState;
import org.diplomacytracker.events.Development;

/**
 * The naive oracle of tracker-core's tests ({@code org.diplomacytracker.core.state.NaiveState}, from
 * the tracker-core test-jar), reached by reflection because it is package-private there.
 */
public final class Oracle {

    private static final Constructor<?> NEW_STATE;
    private static final Constructor<?> NEW_EVENT;
    private static final Method STATE;

    static {
        try {
            Class<?> naive = Class.forName("org.diplomacytracker.core.state.NaiveState");
            Class<?> event = Class.forName("org.diplomacytracker.core.state.NaiveState$Event");
            NEW_STATE = naive.getDeclaredConstructor(List.class);
            NEW_STATE.setAccessible(true);
            NEW_EVENT = event.getDeclaredConstructor(Development.class, long.class, Instant.class);
            NEW_EVENT.setAccessible(true);
            STATE = naive.getDeclaredMethod("state", String.class, LocalDate.class, Instant.class);
            STATE.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Object naive;

    private Oracle(Object naive) {
        this.naive = naive;
    }

    /** The oracle over the developments in recorded order, with offsets and recordedAt as in StateHistories. */
    public static Oracle of(List<Development> developments) {
        try {
            List<Object> events = new ArrayList<>(developments.size());
            for (int i = 0; i < developments.size(); i++) {
                events.add(NEW_EVENT.newInstance(developments.get(i), StateHistories.offsetOf(i),
                        StateHistories.recordedAtOf(i)));
            }
            return new Oracle(NEW_STATE.newInstance(events));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    public Optional<NegotiationState> state(String process, LocalDate asOf, Instant knownAt) {
        try {
            return (Optional<NegotiationState>) STATE.invoke(naive, process, asOf, knownAt);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
