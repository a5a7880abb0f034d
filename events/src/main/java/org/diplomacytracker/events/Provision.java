package org.diplomacytracker.events;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One term of a proposal: what it says on one issue. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Provision(IssueId issue, String term) {

    public Provision {
        Rules.required("issue", issue);
        term = Texts.line("term", term);
    }
}
