package org.diplomacytracker.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads a development straight off the parser's tokens, for ingest: the databind read spent most
 * of its time buffering tokens until it met {@code type} and feeding property-based creators. It
 * gives the development the strict path gives (the same constructors and factories, so the same
 * rules and shared instances), or null for anything else — an unknown or repeated field, a value of
 * the wrong JSON type, content after the object, any refusal — and the tree path then decides and
 * words the refusal. Were it ever to leave valid input to that path, only speed would suffer, never
 * the result.
 */
final class DevelopmentReader {

    /** Jackson's defaults, as {@link JsonTrees} and the mapper lex: no comments, no single quotes, no NaN. */
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    /** Any reason to leave the input to the strict path; thrown often, so without a stack trace. */
    private static final RuntimeException REFUSED = new RuntimeException("left to the strict path", null, false, false) {
    };

    /** For each type, by ordinal, the members it has: its record's components and {@code type}. */
    private static final long[] MEMBERS = new long[DevelopmentType.values().length];

    static {
        for (DevelopmentType type : DevelopmentType.values()) {
            long members = Field.TYPE.bit;
            for (RecordComponent component : type.javaType().getRecordComponents()) {
                Field field = Field.BY_NAME.get(component.getName());
                if (field == null) {
                    throw new IllegalStateException("the reader does not know " + type + "." + component.getName());
                }
                members |= field.bit;
            }
            MEMBERS[type.ordinal()] = members;
        }
    }

    private DevelopmentReader() {
    }

    /**
     * The development these bytes hold, or null when the strict path must read them. The bytes must
     * be well-formed UTF-8: the byte parser does not check all of it.
     */
    static Development read(byte[] json) {
        int start = textStart(json);
        if (start < 0) {
            return null;
        }
        try (JsonParser parser = FACTORY.createParser(json, start, json.length - start)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Fields fields = fields(parser, true);
            return parser.nextToken() == null ? fields.development() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Where the JSON text starts, after a byte order mark (RFC 8259 lets a parser ignore one, and the
     * tree does); -1 unless it opens an object after ASCII white space, with no NUL in its first four
     * bytes: from NULs there Jackson would guess UTF-16 or UTF-32, where the tree decodes UTF-8 only.
     */
    private static int textStart(byte[] json) {
        int start = json.length >= 3 && json[0] == (byte) 0xEF && json[1] == (byte) 0xBB && json[2] == (byte) 0xBF
                ? 3 : 0;
        for (int i = start; i < Math.min(start + 4, json.length); i++) {
            if (json[i] == 0) {
                return -1;
            }
        }
        for (int i = start; i < json.length; i++) {
            byte b = json[i];
            if (b == '{') {
                return start;
            }
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return -1;
            }
        }
        return -1;
    }

    /** The members of one development object, the parser on its START_OBJECT; {@code top} unless a replacement. */
    private static Fields fields(JsonParser parser, boolean top) throws IOException {
        Fields fields = new Fields();
        for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
            Field field = Field.BY_NAME.get(name);
            if (field == null || (fields.present & field.bit) != 0) {
                throw REFUSED;
            }
            fields.present |= field.bit;
            fields.values[field.ordinal()] = switch (field.shape) {
                case TEXT -> nullable(text(parser), field.parse);
                case TEXTS -> texts(parser, field.parse);
                case NUMBER -> number(parser);
                case SOURCE -> source(parser);
                case PROVISIONS -> provisions(parser);
                case DEVELOPMENT -> replacement(parser, top);
            };
        }
        return fields;
    }

    /** A correction's replacement; a replacement is never a correction, so it holds none of its own. */
    private static Development replacement(JsonParser parser, boolean top) throws IOException {
        if (!top) {
            throw REFUSED;
        }
        JsonToken token = parser.nextToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.START_OBJECT) {
            throw REFUSED;
        }
        return fields(parser, false).development();
    }

    /** A string, or null for JSON null: what a String, id, enum or date property takes. */
    private static String text(JsonParser parser) throws IOException {
        JsonToken token = parser.nextToken();
        if (token == JsonToken.VALUE_STRING) {
            return parser.getText();
        }
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        throw REFUSED;
    }

    /** A list of strings, each made a value by {@code parse}; a null entry is refused (the records refuse it). */
    private static List<Object> texts(JsonParser parser, Function<String, ?> parse) throws IOException {
        JsonToken token = parser.nextToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.START_ARRAY) {
            throw REFUSED;
        }
        List<Object> list = new ArrayList<>();
        for (token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token != JsonToken.VALUE_STRING) {
                throw REFUSED;
            }
            list.add(parse.apply(parser.getText()));
        }
        return list;
    }

    /** Any JSON number, exactly; never a string. */
    private static BigDecimal number(JsonParser parser) throws IOException {
        JsonToken token = parser.nextToken();
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            return parser.getDecimalValue();
        }
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        throw REFUSED;
    }

    /** An integer in int range, as an Integer property takes it: no fraction, no exponent, no string. */
    private static Integer integer(JsonParser parser) throws IOException {
        JsonToken token = parser.nextToken();
        if (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == JsonParser.NumberType.INT) {
            return parser.getIntValue();
        }
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        throw REFUSED;
    }

    private static Source source(JsonParser parser) throws IOException {
        JsonToken token = parser.nextToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.START_OBJECT) {
            throw REFUSED;
        }
        String outlet = null;
        String url = null;
        String title = null;
        String attribution = null;
        String reliability = null;
        Integer credibility = null;
        int seen = 0;
        for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
            switch (name) {
                case "outlet" -> {
                    seen = once(seen, 1);
                    outlet = text(parser);
                }
                case "url" -> {
                    seen = once(seen, 2);
                    url = text(parser);
                }
                case "title" -> {
                    seen = once(seen, 4);
                    title = text(parser);
                }
                case "attribution" -> {
                    seen = once(seen, 8);
                    attribution = text(parser);
                }
                case "reliability" -> {
                    seen = once(seen, 16);
                    reliability = text(parser);
                }
                case "credibility" -> {
                    seen = once(seen, 32);
                    credibility = integer(parser);
                }
                default -> throw REFUSED;
            }
        }
        return Source.read(outlet, url, title, attribution, reliability, credibility);
    }

    private static List<Provision> provisions(JsonParser parser) throws IOException {
        JsonToken token = parser.nextToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.START_ARRAY) {
            throw REFUSED;
        }
        List<Provision> list = new ArrayList<>();
        for (token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token != JsonToken.START_OBJECT) {
                throw REFUSED;
            }
            String issue = null;
            String term = null;
            int seen = 0;
            for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                switch (name) {
                    case "issue" -> {
                        seen = once(seen, 1);
                        issue = text(parser);
                    }
                    case "term" -> {
                        seen = once(seen, 2);
                        term = text(parser);
                    }
                    default -> throw REFUSED;
                }
            }
            list.add(new Provision(nullable(issue, IssueId::of), term));
        }
        return list;
    }

    /** {@code seen} with {@code bit} added; a field given twice is refused. */
    private static int once(int seen, int bit) {
        if ((seen & bit) != 0) {
            throw REFUSED;
        }
        return seen | bit;
    }

    private static <T> T nullable(String text, Function<String, T> parse) {
        return text == null ? null : parse.apply(text);
    }

    /** How a member is read. */
    private enum Shape {
        TEXT, TEXTS, NUMBER, SOURCE, PROVISIONS, DEVELOPMENT
    }

    /**
     * Every member of every development type, with how its value is read and made. {@code kind} and
     * {@code status} stay text: which enum they are depends on the type, known only at the end.
     */
    private enum Field {
        ID("id", DevelopmentId::of),
        PROCESS("process", ProcessId::of),
        TYPE("type", DevelopmentReader::type),
        OCCURRED_ON("occurredOn", IsoTime::parseDate),
        REPORTED_AT("reportedAt", IsoTime::parseInstant),
        SOURCE("source", Shape.SOURCE),
        TITLE("title"),
        PARTIES("parties", Shape.TEXTS, ActorId::of),
        ACTOR("actor", ActorId::of),
        NAME("name"),
        KIND("kind"),
        AFFILIATION("affiliation", ActorId::of),
        ROLE("role"),
        ISSUE("issue", IssueId::of),
        DESCRIPTION("description"),
        AREA("area", AreaId::of),
        AREA_KM2("areaKm2", Shape.NUMBER),
        PERSON("person", ActorId::of),
        OFFICE("office"),
        APPOINTED_BY("appointedBy", ActorId::of),
        REPRESENTS("represents", ActorId::of),
        MANDATE("mandate"),
        SPEAKER("speaker", ActorId::of),
        PROPOSAL("proposal", ProposalId::of),
        STANCE("stance", Stance::fromWire),
        QUOTE("quote"),
        CONDITIONS("conditions"),
        SPONSOR("sponsor", ActorId::of),
        PROVISIONS("provisions", Shape.PROVISIONS),
        NOTE("note"),
        REASON("reason"),
        PARTICIPANTS("participants", Shape.TEXTS, ActorId::of),
        VENUE("venue"),
        FORMAT("format", TalksFormat::fromWire),
        TOPICS("topics", Shape.TEXTS, IssueId::of),
        OUTCOME("outcome"),
        CONTROLLER("controller", ActorId::of),
        STATUS("status"),
        PREVIOUS_CONTROLLER("previousController", ActorId::of),
        RECIPIENT("recipient", ActorId::of),
        AMOUNT("amount", Shape.NUMBER),
        UNIT("unit"),
        TARGET("target", DevelopmentId::of),
        REPLACEMENT("replacement", Shape.DEVELOPMENT);

        static final Map<String, Field> BY_NAME = new HashMap<>();

        static {
            for (Field field : values()) {
                BY_NAME.put(field.wireName, field);
            }
        }

        final String wireName;
        final Shape shape;
        final Function<String, ?> parse;
        final long bit = 1L << ordinal();

        Field(String wireName) {
            this(wireName, Shape.TEXT, text -> text);
        }

        Field(String wireName, Function<String, ?> parse) {
            this(wireName, Shape.TEXT, parse);
        }

        Field(String wireName, Shape shape) {
            this(wireName, shape, null);
        }

        Field(String wireName, Shape shape, Function<String, ?> parse) {
            this.wireName = wireName;
            this.shape = shape;
            this.parse = parse;
        }
    }

    private static DevelopmentType type(String wireName) {
        return DevelopmentType.byWireName(wireName).orElseThrow(() -> REFUSED);
    }

    /** One object's members as read, each made a value already but for {@code kind} and {@code status}. */
    private static final class Fields {

        final Object[] values = new Object[Field.values().length];
        long present;

        @SuppressWarnings("unchecked")
        <T> T get(Field field) {
            return (T) values[field.ordinal()];
        }

        /** Makes one type of development from the members every development has and the fields read. */
        @FunctionalInterface
        private interface Maker {
            Development make(Fields f, DevelopmentId id, ProcessId process, LocalDate on, Instant at, Source source);
        }

        /**
         * The maker of each type, by {@link DevelopmentType#ordinal()}: a table of fifteen classes
         * rather than a switch on purpose, so that the JIT compiler inlines no type's constructor (and
         * the rules it checks) into {@link #development}, and a type that meets a case its profile had
         * not seen is compiled again on its own, not with all the others (see {@code DevelopmentWriter}).
         */
        private static final Maker[] MAKERS = new Maker[DevelopmentType.values().length];

        static {
            MAKERS[DevelopmentType.PROCESS_OPENED.ordinal()] = (f, id, process, on, at, source) ->
                    new ProcessOpened(id, process, on, at, source, f.get(Field.TITLE), f.get(Field.PARTIES));
            MAKERS[DevelopmentType.ACTOR_REGISTERED.ordinal()] = (f, id, process, on, at, source) ->
                    new ActorRegistered(id, process, on, at, source, f.get(Field.ACTOR), f.get(Field.NAME),
                            nullable(f.get(Field.KIND), ActorKind::fromWire), f.get(Field.AFFILIATION),
                            f.get(Field.ROLE));
            MAKERS[DevelopmentType.ISSUE_DEFINED.ordinal()] = (f, id, process, on, at, source) ->
                    new IssueDefined(id, process, on, at, source, f.get(Field.ISSUE), f.get(Field.TITLE),
                            f.get(Field.DESCRIPTION));
            MAKERS[DevelopmentType.AREA_DEFINED.ordinal()] = (f, id, process, on, at, source) ->
                    new AreaDefined(id, process, on, at, source, f.get(Field.AREA), f.get(Field.NAME),
                            f.get(Field.AREA_KM2));
            MAKERS[DevelopmentType.ENVOY_APPOINTED.ordinal()] = (f, id, process, on, at, source) ->
                    new EnvoyAppointed(id, process, on, at, source, f.get(Field.PERSON), f.get(Field.OFFICE),
                            f.get(Field.APPOINTED_BY), f.get(Field.REPRESENTS), f.get(Field.MANDATE));
            MAKERS[DevelopmentType.ENVOY_LEFT.ordinal()] = (f, id, process, on, at, source) ->
                    new EnvoyLeft(id, process, on, at, source, f.get(Field.PERSON), f.get(Field.OFFICE));
            MAKERS[DevelopmentType.POSITION_STATED.ordinal()] = (f, id, process, on, at, source) ->
                    new PositionStated(id, process, on, at, source, f.get(Field.ACTOR), f.get(Field.SPEAKER),
                            f.get(Field.ISSUE), f.get(Field.PROPOSAL), f.get(Field.STANCE), f.get(Field.QUOTE),
                            f.get(Field.CONDITIONS));
            MAKERS[DevelopmentType.PROPOSAL_TABLED.ordinal()] = (f, id, process, on, at, source) ->
                    new ProposalTabled(id, process, on, at, source, f.get(Field.PROPOSAL), f.get(Field.TITLE),
                            f.get(Field.SPONSOR), f.get(Field.PROVISIONS));
            MAKERS[DevelopmentType.PROPOSAL_AMENDED.ordinal()] = (f, id, process, on, at, source) ->
                    new ProposalAmended(id, process, on, at, source, f.get(Field.PROPOSAL),
                            f.get(Field.PROVISIONS), f.get(Field.NOTE));
            MAKERS[DevelopmentType.PROPOSAL_WITHDRAWN.ordinal()] = (f, id, process, on, at, source) ->
                    new ProposalWithdrawn(id, process, on, at, source, f.get(Field.PROPOSAL), f.get(Field.REASON));
            MAKERS[DevelopmentType.TALKS_HELD.ordinal()] = (f, id, process, on, at, source) ->
                    new TalksHeld(id, process, on, at, source, f.get(Field.PARTICIPANTS), f.get(Field.VENUE),
                            f.get(Field.FORMAT), f.get(Field.TOPICS), f.get(Field.OUTCOME));
            MAKERS[DevelopmentType.TERRITORY_CONTROL_CHANGED.ordinal()] = (f, id, process, on, at, source) ->
                    new TerritoryControlChanged(id, process, on, at, source, f.get(Field.AREA),
                            f.get(Field.CONTROLLER), nullable(f.get(Field.STATUS), ControlStatus::fromWire),
                            f.get(Field.PREVIOUS_CONTROLLER));
            MAKERS[DevelopmentType.COMMITMENT_MADE.ordinal()] = (f, id, process, on, at, source) ->
                    new CommitmentMade(id, process, on, at, source, f.get(Field.ACTOR),
                            nullable(f.get(Field.KIND), CommitmentKind::fromWire), f.get(Field.RECIPIENT),
                            f.get(Field.AMOUNT), f.get(Field.UNIT), f.get(Field.DESCRIPTION),
                            nullable(f.get(Field.STATUS), CommitmentStatus::fromWire));
            MAKERS[DevelopmentType.DEVELOPMENT_RETRACTED.ordinal()] = (f, id, process, on, at, source) ->
                    new DevelopmentRetracted(id, process, on, at, source, f.get(Field.TARGET),
                            f.get(Field.REASON));
            MAKERS[DevelopmentType.DEVELOPMENT_CORRECTED.ordinal()] = (f, id, process, on, at, source) ->
                    new DevelopmentCorrected(id, process, on, at, source, f.get(Field.TARGET),
                            f.get(Field.REPLACEMENT));
            for (DevelopmentType type : DevelopmentType.values()) {
                if (MAKERS[type.ordinal()] == null) {
                    throw new ExceptionInInitializerError("no maker for " + type);
                }
            }
        }

        /** The development by its record's canonical constructor, which applies its rules. */
        Development development() {
            DevelopmentType type = get(Field.TYPE);
            if (type == null || (present & ~MEMBERS[type.ordinal()]) != 0) {
                throw REFUSED;
            }
            DevelopmentId id = get(Field.ID);
            ProcessId process = get(Field.PROCESS);
            LocalDate on = get(Field.OCCURRED_ON);
            Instant at = get(Field.REPORTED_AT);
            Source source = get(Field.SOURCE);
            return MAKERS[type.ordinal()].make(this, id, process, on, at, source);
        }
    }
}
