package org.diplomacytracker.events;

/**
 * One reference a development makes to something recorded earlier in its process: an actor, an
 * issue, an area, a proposal, or another development. {@code field} is the dotted JSON path it was
 * read from, so that a refusal can name it.
 */
public record Reference(Kind kind, String id, String field) {

    /** What a reference points at. */
    public enum Kind {
        ACTOR("actor"), ISSUE("issue"), AREA("area"), PROPOSAL("proposal"), DEVELOPMENT("development");

        private final String noun;

        Kind(String noun) {
            this.noun = noun;
        }

        /** The word a user reads in a message: "unknown actor 'x'". */
        public String noun() {
            return noun;
        }
    }
}
