package org.diplomacytracker.core.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.diplomacytracker.core.live.Change;
import org.diplomacytracker.core.live.ChangeFeed;

/** A live-feed listener that notes the offsets it is handed, released in order or late. */
public final class FeedRecorder implements ChangeFeed.Listener {

    public final List<Long> released = new CopyOnWriteArrayList<>();
    public final List<Long> late = new CopyOnWriteArrayList<>();

    @Override
    public void onChange(Change change) {
        released.add(change.offset());
    }

    @Override
    public void onLate(Change change) {
        late.add(change.offset());
    }
}
