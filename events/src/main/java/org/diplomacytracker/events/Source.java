package org.diplomacytracker.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where a development was reported. {@code reliability} (A–F, of the source) and
 * {@code credibility} (1–6, of the information) follow the Admiralty code; everything but the
 * outlet is optional.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Source(String outlet, String url, String title, String attribution, String reliability,
        Integer credibility) {

    /** Outlets and attributions repeat across developments: one shared copy of each. */
    private static final Canonical.Strings TEXTS = new Canonical.Strings(1024);

    public Source {
        outlet = TEXTS.of(Texts.line("outlet", outlet));
        url = Rules.optionalUrl("url", url);
        title = Texts.optionalLine("title", title);
        attribution = TEXTS.of(Texts.optionalLine("attribution", attribution));
        if (reliability != null && !(reliability.length() == 1 && reliability.charAt(0) >= 'A'
                && reliability.charAt(0) <= 'F')) {
            throw new InvalidDevelopmentException("reliability",
                    "reliability must be one of A, B, C, D, E, F (Admiralty code), got '" + Texts.shorten(reliability) + "'");
        }
        reliability = TEXTS.of(reliability);
        if (credibility != null && (credibility < 1 || credibility > 6)) {
            throw new InvalidDevelopmentException("credibility",
                    "credibility must be between 1 and 6 (Admiralty code), got " + credibility);
        }
    }

    /** Sources repeat whole: one report backs several developments, an outlet alone backs many. */
    private static final Canonical<Source> SHARED = new Canonical<>(1024);

    /**
     * How JSON becomes a source: the constructor's rules, then the shared instance equal to it. Every
     * development the tracker holds keeps its source for as long as it runs.
     */
    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    static Source read(@JsonProperty("outlet") String outlet, @JsonProperty("url") String url,
            @JsonProperty("title") String title, @JsonProperty("attribution") String attribution,
            @JsonProperty("reliability") String reliability, @JsonProperty("credibility") Integer credibility) {
        return SHARED.of(new Source(outlet, url, title, attribution, reliability, credibility));
    }

    /** A source known only by its outlet. */
    public static Source of(String outlet) {
        return new Source(outlet, null, null, null, null, null);
    }
}
