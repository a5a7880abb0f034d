package org.diplomacytracker.web.live;

/** The close codes the live endpoint uses, documented in the README. */
final class CloseCodes {

    /** The client sent nothing (no message, no pong) for longer than the idle timeout. */
    static final short IDLE = 1001;
    /** A frame or message larger than the limit. */
    static final short TOO_BIG = 1009;
    /** The server is shutting down; reconnect with {@code since}. */
    static final short GOING_AWAY = 1001;
    /** The client could not keep up with its updates for longer than the slow-client limit. */
    static final short TOO_SLOW = 4008;

    private CloseCodes() {
    }
}
