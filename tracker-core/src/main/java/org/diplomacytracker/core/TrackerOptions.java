package org.diplomacytracker.core;

import java.time.Duration;
import org.diplomacytracker.core.store.StoreSettings;

/**
 * How to run the core: where the store is, how many connections and recording threads, how many
 * processes stay loaded, the fewest new events that make a process worth a snapshot, how often other
 * nodes' events are polled.
 */
public record TrackerOptions(StoreSettings store, int poolSize, int recorderThreads, int cachedProcesses,
                             long snapshotMinimum, Duration pollInterval, int processorBatchSize,
                             int liveBuffer) {

    /** Recent changes kept per process for live clients that resume. */
    public static final int DEFAULT_LIVE_BUFFER = 1_000;

    public static TrackerOptions defaults(StoreSettings store) {
        return new TrackerOptions(store, 10, 4, 1_000, 10_000, Duration.ofMillis(1_000), 500,
                DEFAULT_LIVE_BUFFER);
    }

    public TrackerOptions withLiveBuffer(int size) {
        return new TrackerOptions(store, poolSize, recorderThreads, cachedProcesses, snapshotMinimum,
                pollInterval, processorBatchSize, size);
    }
}
