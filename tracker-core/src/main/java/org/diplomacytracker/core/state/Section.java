package org.diplomacytracker.core.state;

/** The parts of the index: the state's sections, plus the two inputs other sections read. */
enum Section {
    ACTORS("actors"), ISSUES("issues"), ENVOYS("envoys"), POSITIONS("positions"), PROPOSALS("proposals"),
    TERRITORY("territory"), COMMITMENTS("commitments"), TALKS("talks"),
    /** The process's ProcessOpened: its parties decide convergence. */
    OPENED(null),
    /** Stances on proposals, keyed proposal then actor: they feed support and opposition. */
    PROPOSAL_POSITIONS(null),
    /** The ProposalTabled versions alone, keyed by proposal (also in PROPOSALS): title and sponsor. */
    TABLINGS(null);

    final String wireName;

    Section(String wireName) {
        this.wireName = wireName;
    }
}
