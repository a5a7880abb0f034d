package org.diplomacytracker.events;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * Writes a development's wire JSON straight into bytes, exactly as {@link DevelopmentJson}'s Jackson
 * writer does: every development recorded is written once to be fingerprinted and stored, and
 * databind's walk over the records was a tenth of the server's CPU during ingest.
 *
 * <p>What it reproduces: the members in Jackson's order (the envelope, then the record's components
 * in declaration order), absent optional members omitted and empty lists written, enums and ids as
 * their wire strings, amounts in plain digits, dates and instants as {@link JavaTimeWire} writes
 * them, and Jackson's escaping: {@code "} and {@code \}, the short escapes {@code \b \t \n \f \r},
 * <code>&#92;u00XX</code> (upper-case hex) for the other characters below U+0020, everything else as is.
 * Jackson's two generators differ in one thing, surrogates: the one behind
 * {@code writeValueAsBytes} escapes each surrogate char as <code>&#92;uXXXX</code>, the one behind
 * {@code writeValueAsString} writes the characters themselves. {@link #bytes} and {@link #text}
 * follow each. A {@code DevelopmentWriterTest} compares both with Jackson.
 *
 * <p>Thread-safe: each thread writes into its own growable buffer and gets a copy of the right size.
 */
final class DevelopmentWriter {

    /** Enough for almost every development; a buffer grown past {@link #KEEP} is not kept. */
    private static final int INITIAL = 2048;
    private static final int KEEP = 64 * 1024;
    private static final ThreadLocal<DevelopmentWriter> PER_THREAD = ThreadLocal.withInitial(DevelopmentWriter::new);

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    /** By ASCII char: 0 written as is, -1 as <code>&#92;u00XX</code>, else the letter after a backslash. */
    private static final byte[] ESCAPES = new byte[128];

    static {
        for (int c = 0; c < 0x20; c++) {
            ESCAPES[c] = -1;
        }
        ESCAPES['"'] = '"';
        ESCAPES['\\'] = '\\';
        ESCAPES['\b'] = 'b';
        ESCAPES['\t'] = 't';
        ESCAPES['\n'] = 'n';
        ESCAPES['\f'] = 'f';
        ESCAPES['\r'] = 'r';
    }

    private static final byte[] ID = key("id");
    private static final byte[] PROCESS = key("process");
    private static final byte[] TYPE = key("type");
    private static final byte[] OCCURRED_ON = key("occurredOn");
    private static final byte[] REPORTED_AT = key("reportedAt");
    private static final byte[] SOURCE = key("source");
    private static final byte[] OUTLET = key("outlet");
    private static final byte[] URL = key("url");
    private static final byte[] TITLE = key("title");
    private static final byte[] ATTRIBUTION = key("attribution");
    private static final byte[] RELIABILITY = key("reliability");
    private static final byte[] CREDIBILITY = key("credibility");
    private static final byte[] PARTIES = key("parties");
    private static final byte[] ACTOR = key("actor");
    private static final byte[] NAME = key("name");
    private static final byte[] KIND = key("kind");
    private static final byte[] AFFILIATION = key("affiliation");
    private static final byte[] ROLE = key("role");
    private static final byte[] ISSUE = key("issue");
    private static final byte[] DESCRIPTION = key("description");
    private static final byte[] AREA = key("area");
    private static final byte[] AREA_KM2 = key("areaKm2");
    private static final byte[] PERSON = key("person");
    private static final byte[] OFFICE = key("office");
    private static final byte[] APPOINTED_BY = key("appointedBy");
    private static final byte[] REPRESENTS = key("represents");
    private static final byte[] MANDATE = key("mandate");
    private static final byte[] SPEAKER = key("speaker");
    private static final byte[] PROPOSAL = key("proposal");
    private static final byte[] STANCE = key("stance");
    private static final byte[] QUOTE = key("quote");
    private static final byte[] CONDITIONS = key("conditions");
    private static final byte[] SPONSOR = key("sponsor");
    private static final byte[] PROVISIONS = key("provisions");
    private static final byte[] TERM = key("term");
    private static final byte[] NOTE = key("note");
    private static final byte[] REASON = key("reason");
    private static final byte[] PARTICIPANTS = key("participants");
    private static final byte[] VENUE = key("venue");
    private static final byte[] FORMAT = key("format");
    private static final byte[] TOPICS = key("topics");
    private static final byte[] OUTCOME = key("outcome");
    private static final byte[] CONTROLLER = key("controller");
    private static final byte[] STATUS = key("status");
    private static final byte[] PREVIOUS_CONTROLLER = key("previousController");
    private static final byte[] RECIPIENT = key("recipient");
    private static final byte[] AMOUNT = key("amount");
    private static final byte[] UNIT = key("unit");
    private static final byte[] TARGET = key("target");
    private static final byte[] REPLACEMENT = key("replacement");

    private byte[] buf = new byte[INITIAL];
    private int pos;
    /** Whether surrogate chars are escaped ({@link #bytes}) or encoded as UTF-8 ({@link #text}). */
    private boolean escapeSurrogates;
    /** Set by {@link #text} on a lone surrogate, which UTF-8 cannot carry. */
    private boolean unpaired;

    private DevelopmentWriter() {
    }

    /** Exactly {@code writeValueAsBytes}' bytes. */
    static byte[] bytes(Development development) {
        DevelopmentWriter w = PER_THREAD.get();
        w.write(development, true);
        byte[] bytes = Arrays.copyOf(w.buf, w.pos);
        w.release();
        return bytes;
    }

    /**
     * Exactly {@code writeValueAsString}'s text, or null for a text with a lone surrogate (which the
     * records refuse, so it is never expected): Jackson then writes it.
     */
    static String text(Development development) {
        DevelopmentWriter w = PER_THREAD.get();
        w.write(development, false);
        String text = w.unpaired ? null : new String(w.buf, 0, w.pos, StandardCharsets.UTF_8);
        w.release();
        return text;
    }

    private void write(Development development, boolean escapeSurrogates) {
        this.pos = 0;
        this.escapeSurrogates = escapeSurrogates;
        this.unpaired = false;
        development(development);
    }

    private void release() {
        if (buf.length > KEEP) {
            buf = new byte[INITIAL];
        }
    }

    private void development(Development d) {
        DevelopmentType type = d.type();
        put('{');
        first(ID);
        string(d.id().value());
        field(PROCESS, d.process().value());
        field(TYPE, type.wireName());
        key(OCCURRED_ON);
        date(d.occurredOn());
        if (d.reportedAt() != null) {
            key(REPORTED_AT);
            instant(d.reportedAt());
        }
        key(SOURCE);
        source(d.source());
        MEMBERS[type.ordinal()].write(this, d);
        put('}');
    }

    /** Writes the members of one type of development, after the members every development has. */
    @FunctionalInterface
    private interface Members {
        void write(DevelopmentWriter w, Development d);
    }

    /**
     * The writer of each type's members, by {@link DevelopmentType#ordinal()}. A table of fifteen
     * classes rather than a switch on purpose: the call through it sees them all, so the JIT compiler
     * inlines none of them into {@link #development}. With a switch it inlined every type's writer
     * into one large compiled method (and that again into each of its callers: the serializer, the
     * content hash), and when one type met a case its profile had not seen (a list longer than
     * before, a member absent for the first time), the compiler threw all of it away and compiled it
     * again: 0.9 s of compiling each time, in the middle of an ingest. Now each type's writer is
     * compiled, and recompiled, on its own.
     */
    private static final Members[] MEMBERS = new Members[DevelopmentType.values().length];

    static {
        MEMBERS[DevelopmentType.PROCESS_OPENED.ordinal()] = (w, d) -> w.processOpened((ProcessOpened) d);
        MEMBERS[DevelopmentType.ACTOR_REGISTERED.ordinal()] = (w, d) -> w.actorRegistered((ActorRegistered) d);
        MEMBERS[DevelopmentType.ISSUE_DEFINED.ordinal()] = (w, d) -> w.issueDefined((IssueDefined) d);
        MEMBERS[DevelopmentType.AREA_DEFINED.ordinal()] = (w, d) -> w.areaDefined((AreaDefined) d);
        MEMBERS[DevelopmentType.ENVOY_APPOINTED.ordinal()] = (w, d) -> w.envoyAppointed((EnvoyAppointed) d);
        MEMBERS[DevelopmentType.ENVOY_LEFT.ordinal()] = (w, d) -> w.envoyLeft((EnvoyLeft) d);
        MEMBERS[DevelopmentType.POSITION_STATED.ordinal()] = (w, d) -> w.positionStated((PositionStated) d);
        MEMBERS[DevelopmentType.PROPOSAL_TABLED.ordinal()] = (w, d) -> w.proposalTabled((ProposalTabled) d);
        MEMBERS[DevelopmentType.PROPOSAL_AMENDED.ordinal()] = (w, d) -> w.proposalAmended((ProposalAmended) d);
        MEMBERS[DevelopmentType.PROPOSAL_WITHDRAWN.ordinal()] = (w, d) -> w.proposalWithdrawn((ProposalWithdrawn) d);
        MEMBERS[DevelopmentType.TALKS_HELD.ordinal()] = (w, d) -> w.talksHeld((TalksHeld) d);
        MEMBERS[DevelopmentType.TERRITORY_CONTROL_CHANGED.ordinal()] =
                (w, d) -> w.territoryControlChanged((TerritoryControlChanged) d);
        MEMBERS[DevelopmentType.COMMITMENT_MADE.ordinal()] = (w, d) -> w.commitmentMade((CommitmentMade) d);
        MEMBERS[DevelopmentType.DEVELOPMENT_RETRACTED.ordinal()] =
                (w, d) -> w.developmentRetracted((DevelopmentRetracted) d);
        MEMBERS[DevelopmentType.DEVELOPMENT_CORRECTED.ordinal()] =
                (w, d) -> w.developmentCorrected((DevelopmentCorrected) d);
        for (DevelopmentType type : DevelopmentType.values()) {
            if (MEMBERS[type.ordinal()] == null) {
                throw new ExceptionInInitializerError("no writer for " + type);
            }
        }
    }

    private void source(Source s) {
        put('{');
        first(OUTLET);
        string(s.outlet());
        optional(URL, s.url());
        optional(TITLE, s.title());
        optional(ATTRIBUTION, s.attribution());
        optional(RELIABILITY, s.reliability());
        if (s.credibility() != null) {
            key(CREDIBILITY);
            ascii(s.credibility().toString());
        }
        put('}');
    }

    private void processOpened(ProcessOpened d) {
        field(TITLE, d.title());
        key(PARTIES);
        actors(d.parties());
    }

    private void actorRegistered(ActorRegistered d) {
        field(ACTOR, d.actor().value());
        field(NAME, d.name());
        field(KIND, d.kind().wireName());
        if (d.affiliation() != null) {
            field(AFFILIATION, d.affiliation().value());
        }
        optional(ROLE, d.role());
    }

    private void issueDefined(IssueDefined d) {
        field(ISSUE, d.issue().value());
        field(TITLE, d.title());
        optional(DESCRIPTION, d.description());
    }

    private void areaDefined(AreaDefined d) {
        field(AREA, d.area().value());
        field(NAME, d.name());
        if (d.areaKm2() != null) {
            key(AREA_KM2);
            number(d.areaKm2());
        }
    }

    private void envoyAppointed(EnvoyAppointed d) {
        field(PERSON, d.person().value());
        field(OFFICE, d.office());
        field(APPOINTED_BY, d.appointedBy().value());
        field(REPRESENTS, d.represents().value());
        optional(MANDATE, d.mandate());
    }

    private void envoyLeft(EnvoyLeft d) {
        field(PERSON, d.person().value());
        field(OFFICE, d.office());
    }

    private void positionStated(PositionStated d) {
        field(ACTOR, d.actor().value());
        if (d.speaker() != null) {
            field(SPEAKER, d.speaker().value());
        }
        if (d.issue() != null) {
            field(ISSUE, d.issue().value());
        }
        if (d.proposal() != null) {
            field(PROPOSAL, d.proposal().value());
        }
        field(STANCE, d.stance().wireName());
        optional(QUOTE, d.quote());
        optional(CONDITIONS, d.conditions());
    }

    private void proposalTabled(ProposalTabled d) {
        field(PROPOSAL, d.proposal().value());
        field(TITLE, d.title());
        field(SPONSOR, d.sponsor().value());
        provisions(d.provisions());
    }

    private void proposalAmended(ProposalAmended d) {
        field(PROPOSAL, d.proposal().value());
        provisions(d.provisions());
        optional(NOTE, d.note());
    }

    private void proposalWithdrawn(ProposalWithdrawn d) {
        field(PROPOSAL, d.proposal().value());
        optional(REASON, d.reason());
    }

    private void talksHeld(TalksHeld d) {
        key(PARTICIPANTS);
        actors(d.participants());
        optional(VENUE, d.venue());
        field(FORMAT, d.format().wireName());
        if (d.topics() != null) {
            key(TOPICS);
            issues(d.topics());
        }
        optional(OUTCOME, d.outcome());
    }

    private void territoryControlChanged(TerritoryControlChanged d) {
        field(AREA, d.area().value());
        field(CONTROLLER, d.controller().value());
        field(STATUS, d.status().wireName());
        if (d.previousController() != null) {
            field(PREVIOUS_CONTROLLER, d.previousController().value());
        }
    }

    private void commitmentMade(CommitmentMade d) {
        field(ACTOR, d.actor().value());
        field(KIND, d.kind().wireName());
        if (d.recipient() != null) {
            field(RECIPIENT, d.recipient().value());
        }
        if (d.amount() != null) {
            key(AMOUNT);
            number(d.amount());
        }
        optional(UNIT, d.unit());
        optional(DESCRIPTION, d.description());
        if (d.status() != null) {
            field(STATUS, d.status().wireName());
        }
    }

    private void developmentRetracted(DevelopmentRetracted d) {
        field(TARGET, d.target().value());
        field(REASON, d.reason());
    }

    private void developmentCorrected(DevelopmentCorrected d) {
        field(TARGET, d.target().value());
        key(REPLACEMENT);
        development(d.replacement());
    }

    private void actors(List<ActorId> actors) {
        put('[');
        for (int i = 0; i < actors.size(); i++) {
            if (i > 0) {
                put(',');
            }
            string(actors.get(i).value());
        }
        put(']');
    }

    private void issues(List<IssueId> issues) {
        put('[');
        for (int i = 0; i < issues.size(); i++) {
            if (i > 0) {
                put(',');
            }
            string(issues.get(i).value());
        }
        put(']');
    }

    private void provisions(List<Provision> provisions) {
        key(PROVISIONS);
        put('[');
        for (int i = 0; i < provisions.size(); i++) {
            if (i > 0) {
                put(',');
            }
            Provision p = provisions.get(i);
            put('{');
            first(ISSUE);
            string(p.issue().value());
            field(TERM, p.term());
            put('}');
        }
        put(']');
    }

    private void put(char c) {
        ensure(1);
        buf[pos++] = (byte) c;
    }

    /** As Jackson with {@code WRITE_BIGDECIMAL_AS_PLAIN}: the records keep amounts at scales 0 to 10. */
    private void number(BigDecimal value) {
        ascii(value.toPlainString());
    }

    /** As {@link LocalDate#toString()}, which {@link JavaTimeWire} writes. */
    private void date(LocalDate date) {
        int year = date.getYear();
        if (year < 0 || year > 9999) {
            quotedAscii(date.toString());
            return;
        }
        ensure(12);
        buf[pos++] = '"';
        ymd(year, date.getMonthValue(), date.getDayOfMonth());
        buf[pos++] = '"';
    }

    /** As {@link JavaTimeWire} writes it: {@link IsoTime#format}, the one place that shape is made. */
    private void instant(Instant instant) {
        quotedAscii(IsoTime.format(instant));
    }

    private void ymd(int year, int month, int day) {
        digits(year, 4);
        buf[pos++] = '-';
        digits(month, 2);
        buf[pos++] = '-';
        digits(day, 2);
    }

    /** {@code value} in exactly {@code width} digits, zero-padded; room already ensured. */
    private void digits(int value, int width) {
        for (int i = pos + width - 1; i >= pos; i--) {
            buf[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        pos += width;
    }

    private void field(byte[] key, String value) {
        key(key);
        string(value);
    }

    private void optional(byte[] key, String value) {
        if (value != null) {
            key(key);
            string(value);
        }
    }

    /** {@code ,"name":} */
    private void key(byte[] key) {
        ensure(key.length);
        System.arraycopy(key, 0, buf, pos, key.length);
        pos += key.length;
    }

    /** {@code "name":}, for the first member of an object. */
    private void first(byte[] key) {
        int length = key.length - 1;
        ensure(length);
        System.arraycopy(key, 1, buf, pos, length);
        pos += length;
    }

    /** Text known to need no escaping: digits, ISO dates. */
    private void ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[pos++] = (byte) s.charAt(i);
        }
    }

    private void quotedAscii(String s) {
        put('"');
        ascii(s);
        put('"');
    }

    private void string(String s) {
        int n = s.length();
        // the most any char takes is six bytes (an escape); a pair of surrogates takes at most twelve
        ensure(6 * n + 2);
        byte[] b = buf;
        int p = pos;
        b[p++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                byte escape = ESCAPES[c];
                if (escape == 0) {
                    b[p++] = (byte) c;
                } else if (escape > 0) {
                    b[p++] = '\\';
                    b[p++] = escape;
                } else {
                    p = unicodeEscape(b, p, c);
                }
            } else if (c < 0x800) {
                b[p++] = (byte) (0xC0 | (c >> 6));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (!Character.isSurrogate(c)) {
                b[p++] = (byte) (0xE0 | (c >> 12));
                b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (escapeSurrogates) {
                p = unicodeEscape(b, p, c);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                b[p++] = (byte) (0xF0 | (cp >> 18));
                b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                unpaired = true;
            }
        }
        b[p++] = '"';
        pos = p;
    }

    private static int unicodeEscape(byte[] b, int p, char c) {
        b[p++] = '\\';
        b[p++] = 'u';
        b[p++] = HEX[(c >> 12) & 0xF];
        b[p++] = HEX[(c >> 8) & 0xF];
        b[p++] = HEX[(c >> 4) & 0xF];
        b[p++] = HEX[c & 0xF];
        return p;
    }

    private void ensure(int more) {
        if (pos + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
        }
    }

    private static byte[] key(String name) {
        return (",\"" + name + "\":").getBytes(StandardCharsets.US_ASCII);
    }
}
