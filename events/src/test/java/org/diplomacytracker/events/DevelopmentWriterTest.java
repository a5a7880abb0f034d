package org.diplomacytracker.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The hand-written writer gives Jackson's bytes and text, to the byte, for every kind of content. */
class DevelopmentWriterTest {

    /** The writer {@link DevelopmentJson} used before, configured as it is: the reference. */
    private static final ObjectWriter JACKSON = DevelopmentJson.mapper().writerFor(Development.class);

    private static final DevelopmentId ID = DevelopmentId.of("d-1");
    private static final ProcessId PROCESS = ProcessId.of("ru-ua");
    private static final LocalDate DAY = LocalDate.of(2024, 11, 27);
    private static final Source FULL_SOURCE = new Source("MailOnline", "https://example.org/a?b=c&d=%20#e",
            "Putin's \"spy\" chief", "transition team", "B", 2);
    private static final Source BARE_SOURCE = Source.of("Analyst desk");
    private static final ActorId US = ActorId.of("us");
    private static final ActorId UA = ActorId.of("ua");
    private static final ActorId RU = ActorId.of("ru");
    private static final IssueId ISSUE = IssueId.of("frontline-freeze");
    private static final ProposalId PROPOSAL = ProposalId.of("wsj-plan");

    /** Jackson's bytes and text for {@code d}, and the fast writer's, which must not have fallen back. */
    private static void writesAsJackson(Development d) {
        byte[] expected;
        String expectedText;
        try {
            expected = JACKSON.writeValueAsBytes(d);
            expectedText = JACKSON.writeValueAsString(d);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        byte[] fast = DevelopmentWriter.bytes(d);
        // as Latin-1, each byte is one char: an exact comparison whose difference is readable
        assertThat(new String(fast, StandardCharsets.ISO_8859_1))
                .isEqualTo(new String(expected, StandardCharsets.ISO_8859_1));
        assertThat(fast).isEqualTo(expected);
        assertThat(DevelopmentWriter.text(d)).as("the fast writer's text, not Jackson's").isNotNull()
                .isEqualTo(expectedText);
        assertThat(DevelopmentJson.writeBytes(d)).isEqualTo(expected);
        assertThat(DevelopmentJson.write(d)).isEqualTo(expectedText);
    }

    static Stream<Arguments> examples() {
        return Examples.BY_TYPE.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void theExamplesAreWrittenAsJacksonWritesThem(String type, String json) {
        Development d = DevelopmentJson.read(json);

        writesAsJackson(d);
        assertThat(DevelopmentWriter.text(d)).isEqualTo(json);
    }

    @Test
    void everyTypeWithEveryOptionalMemberPresentAndAbsent() {
        List<Development> all = new ArrayList<>(everyType(true));
        all.addAll(everyType(false));
        assertThat(all.stream().map(Development::type).distinct()).hasSize(DevelopmentType.values().length);

        all.forEach(DevelopmentWriterTest::writesAsJackson);
        assertThat(DevelopmentWriter.text(everyType(false).get(0))).isEqualTo("{\"id\":\"d-1\",\"process\":\"ru-ua\","
                + "\"type\":\"ProcessOpened\",\"occurredOn\":\"2024-11-27\",\"source\":{\"outlet\":\"Analyst desk\"},"
                + "\"title\":\"Talks\",\"parties\":[\"ru\"]}");
    }

    /** One development of each type: with every optional member, or with none. */
    private static List<Development> everyType(boolean full) {
        Instant at = full ? Instant.parse("2024-11-28T09:00:00.5Z") : null;
        Source source = full ? FULL_SOURCE : BARE_SOURCE;
        String prose = full ? "said \"no\"\nthen left" : null;
        List<Development> all = new ArrayList<>(List.of(
                new ProcessOpened(ID, PROCESS, DAY, at, source, "Talks", full ? List.of(RU, UA, US) : List.of(RU)),
                new ActorRegistered(ID, PROCESS, DAY, at, source, ActorId.of("kellogg"), "Keith Kellogg",
                        ActorKind.PERSON, full ? US : null, full ? "envoy" : null),
                new IssueDefined(ID, PROCESS, DAY, at, source, ISSUE, "Freeze", prose),
                new AreaDefined(ID, PROCESS, DAY, at, source, AreaId.of("kursk"), "Kursk",
                        full ? new BigDecimal("1000.5") : null),
                new EnvoyAppointed(ID, PROCESS, DAY, at, source, ActorId.of("kellogg"), "Envoy", US, US, prose),
                new EnvoyLeft(ID, PROCESS, DAY, at, source, ActorId.of("kellogg"), "Envoy"),
                new PositionStated(ID, PROCESS, DAY, at, source, RU, full ? ActorId.of("naryshkin") : null,
                        full ? null : ISSUE, full ? PROPOSAL : null, Stance.REJECTS, prose, prose),
                new ProposalTabled(ID, PROCESS, DAY, at, source, PROPOSAL, "Plan", US,
                        full ? List.of(new Provision(ISSUE, "freeze"), new Provision(IssueId.of("nato"), "20 years"))
                                : List.of()),
                new ProposalAmended(ID, PROCESS, DAY, at, source, PROPOSAL,
                        full ? List.of(new Provision(ISSUE, "freeze")) : List.of(), prose),
                new ProposalWithdrawn(ID, PROCESS, DAY, at, source, PROPOSAL, prose),
                new TalksHeld(ID, PROCESS, DAY, at, source, full ? List.of(US, UA) : List.of(US),
                        full ? "Jeddah" : null, TalksFormat.BILATERAL, full ? List.of(ISSUE, IssueId.of("nato")) : null,
                        prose),
                new TerritoryControlChanged(ID, PROCESS, DAY, at, source, AreaId.of("kherson"), UA,
                        ControlStatus.CONTROLLED, full ? RU : null),
                new CommitmentMade(ID, PROCESS, DAY, at, source, ActorId.of("fr"), CommitmentKind.MILITARY_AID,
                        full ? UA : null, full ? new BigDecimal("5000") : null, full ? "soldiers" : null, prose,
                        full ? CommitmentStatus.PLEDGED : null),
                new DevelopmentRetracted(ID, PROCESS, DAY, at, source, DevelopmentId.of("d-0"), "denied")));
        Development replaced = full ? all.get(12) : all.get(5);
        all.add(new DevelopmentCorrected(DevelopmentId.of("d-2"), PROCESS, DAY, at, source, ID, replaced));
        return all;
    }

    @Test
    void textsAreEscapedAndEncodedAsJacksonDoes() {
        String emoji = "\uD83D\uDE00";
        List<String> lines = List.of("\"quoted\"", "back\\slash", "a/b", "<&'>", "é", "Привет", "中文", "a" + emoji + "b",
                emoji, "\uD800\uDC00 \uDBFF\uDFFF", "\u00a0\u07ff\u0800\ufeff\uffff\u2028\u2029", "  padded  ");
        for (String line : lines) {
            writesAsJackson(new ActorRegistered(ID, PROCESS, DAY, null, Source.of(line), ActorId.of("x"), line,
                    ActorKind.GROUP, null, line));
        }
        for (String prose : List.of("line\nbreak", "cr\r\nlf", "\ttab", "\"\\\n\r\t/", "\n" + emoji + "\n")) {
            writesAsJackson(new DevelopmentRetracted(ID, PROCESS, DAY, null, BARE_SOURCE, DevelopmentId.of("x"),
                    prose));
        }
    }

    @Test
    void longTextsOutgrowTheBuffer() {
        String ascii = "a".repeat(Texts.LINE_MAX);
        String escapes = "\"\\\n".repeat(Texts.PROSE_MAX / 3);
        String emoji = "\uD83D\uDE00".repeat(Texts.PROSE_MAX); // 12 bytes each, escaped: past the kept size
        String mixed = "é中\uD83D\uDE00x".repeat(Texts.PROSE_MAX / 4);
        for (String prose : List.of(escapes, emoji, mixed)) {
            writesAsJackson(new PositionStated(ID, PROCESS, DAY, null, Source.of(ascii), RU, null, ISSUE, null,
                    Stance.OPEN, prose, prose));
        }
        // and the next, small, development after a large one
        writesAsJackson(everyType(true).get(0));
    }

    @Test
    void amountsAreWrittenInPlainDigits() {
        for (String amount : List.of("0", "0.00", "1E+3", "1.50", "2.5", "1.50E+9", "999999999999999999",
                "123456789012345678.1234567890", "0.0000000001", "1E-10", "1E+17", "100", "7.0000000001")) {
            writesAsJackson(new AreaDefined(ID, PROCESS, DAY, null, BARE_SOURCE, AreaId.of("a"), "A",
                    new BigDecimal(amount)));
        }
    }

    @Test
    void datesAndInstantsAtTheEdgesAndWithEveryFraction() {
        for (LocalDate day : List.of(Rules.EARLIEST, Rules.LATEST, LocalDate.of(2000, 2, 29),
                LocalDate.of(1999, 12, 31), LocalDate.of(2024, 1, 9))) {
            for (String instant : List.of("1900-01-01T00:00:00Z", "2100-12-31T23:59:59.999999999Z",
                    "2024-11-28T09:00:00Z", "2024-11-28T09:00:00.100Z", "2024-11-28T09:00:00.123Z",
                    "2024-11-28T09:00:00.000001Z", "2024-11-28T09:00:00.123456Z", "2024-11-28T09:00:00.000000001Z",
                    "2024-11-28T09:00:00.123456789Z", "2024-11-28T09:00:00.120Z", "1969-12-31T23:59:59.999Z",
                    "1970-01-01T00:00:00Z", "2000-02-29T12:34:56.789012Z")) {
                writesAsJackson(new EnvoyLeft(ID, PROCESS, day, Instant.parse(instant), BARE_SOURCE, US, "Envoy"));
            }
        }
    }

    @Test
    void listsEmptyWithOneOrWithMany() {
        List<IssueId> many = new ArrayList<>();
        List<Provision> provisions = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            many.add(IssueId.of("issue-" + i));
            provisions.add(new Provision(IssueId.of("issue-" + i), "term " + i));
        }
        for (List<IssueId> topics : List.of(List.<IssueId>of(), List.of(ISSUE), many)) {
            writesAsJackson(new TalksHeld(ID, PROCESS, DAY, null, BARE_SOURCE, List.of(US), null, TalksFormat.SECRET,
                    topics, null));
        }
        for (List<Provision> list : List.of(List.<Provision>of(), provisions.subList(0, 1), provisions)) {
            writesAsJackson(new ProposalAmended(ID, PROCESS, DAY, null, BARE_SOURCE, PROPOSAL, list, null));
        }
    }

    @Test
    void thousandsOfRandomDevelopmentsOfEveryType() {
        RandomDevelopments random = new RandomDevelopments(new Random(20241127));
        for (int i = 0; i < 3_000; i++) {
            for (DevelopmentType type : DevelopmentType.values()) {
                writesAsJackson(random.of(type));
            }
        }
    }

    @Test
    void threadsWritingAtOnceEachGetTheirOwnBytes() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                long seed = t;
                runs.add(pool.submit(() -> {
                    RandomDevelopments random = new RandomDevelopments(new Random(seed));
                    for (int i = 0; i < 2_000; i++) {
                        writesAsJackson(random.of(DevelopmentType.values()[i % DevelopmentType.values().length]));
                    }
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    /** Valid developments with random content: every optional member present or not, every kind of text. */
    private static final class RandomDevelopments {

        private static final String SLUG = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._:-";
        /** Code points of texts: plain, escaped, multi-byte, astral. */
        private static final int[] TEXT = {'a', 'b', 'Z', '0', ' ', ' ', '"', '\\', '/', '\'', '<', '&', '~', 
                0xA0, 0xE9, 0x416, 0x7FF, 0x800, 0x4E2D, 0x2028, 0xFEFF, 0xFFFF, 0x1F600, 0x10000, 0x10FFFF};
        private static final int[] LINE_BREAKS = {'\n', '\r', '\t'};

        private final Random random;

        RandomDevelopments(Random random) {
            this.random = random;
        }

        Development of(DevelopmentType type) {
            DevelopmentId id = DevelopmentId.of(slug());
            ProcessId process = ProcessId.of(slug());
            LocalDate day = Rules.EARLIEST.plusDays(random.nextInt(
                    (int) (Rules.LATEST.toEpochDay() - Rules.EARLIEST.toEpochDay() + 1)));
            Instant at = random.nextBoolean() ? null : instant();
            Source source = source();
            return switch (type) {
                case PROCESS_OPENED -> new ProcessOpened(id, process, day, at, source, line(), actors(1));
                case ACTOR_REGISTERED -> new ActorRegistered(id, process, day, at, source, ActorId.of(slug("a-")),
                        line(), pick(ActorKind.values()), maybe(ActorId.of(slug("b-"))), maybe(line()));
                case ISSUE_DEFINED -> new IssueDefined(id, process, day, at, source, IssueId.of(slug()), line(),
                        maybe(prose()));
                case AREA_DEFINED -> new AreaDefined(id, process, day, at, source, AreaId.of(slug()), line(),
                        maybe(amount()));
                case ENVOY_APPOINTED -> new EnvoyAppointed(id, process, day, at, source, actor(), line(), actor(),
                        actor(), maybe(prose()));
                case ENVOY_LEFT -> new EnvoyLeft(id, process, day, at, source, actor(), line());
                case POSITION_STATED -> {
                    boolean onIssue = random.nextBoolean();
                    yield new PositionStated(id, process, day, at, source, actor(), maybe(actor()),
                            onIssue ? IssueId.of(slug()) : null, onIssue ? null : ProposalId.of(slug()),
                            pick(Stance.values()), maybe(prose()), maybe(prose()));
                }
                case PROPOSAL_TABLED -> new ProposalTabled(id, process, day, at, source, ProposalId.of(slug()), line(),
                        actor(), provisions());
                case PROPOSAL_AMENDED -> new ProposalAmended(id, process, day, at, source, ProposalId.of(slug()),
                        provisions(), maybe(prose()));
                case PROPOSAL_WITHDRAWN -> new ProposalWithdrawn(id, process, day, at, source, ProposalId.of(slug()),
                        maybe(prose()));
                case TALKS_HELD -> new TalksHeld(id, process, day, at, source, actors(1), maybe(line()),
                        pick(TalksFormat.values()), maybe(issues()), maybe(prose()));
                case TERRITORY_CONTROL_CHANGED -> new TerritoryControlChanged(id, process, day, at, source,
                        AreaId.of(slug()), actor(), pick(ControlStatus.values()), maybe(actor()));
                case COMMITMENT_MADE -> new CommitmentMade(id, process, day, at, source, actor(),
                        pick(CommitmentKind.values()), maybe(actor()), maybe(amount()), maybe(line()), maybe(prose()),
                        maybe(pick(CommitmentStatus.values())));
                case DEVELOPMENT_RETRACTED -> new DevelopmentRetracted(id, process, day, at, source,
                        DevelopmentId.of(slug("t-")), prose());
                case DEVELOPMENT_CORRECTED -> {
                    Development replaced;
                    do {
                        replaced = of(pick(DevelopmentType.values()));
                    } while (replaced.type().isAmendment());
                    yield new DevelopmentCorrected(DevelopmentId.of(slug("c-")), replaced.process(), day, at, source,
                            replaced.id(), replaced);
                }
            };
        }

        private Source source() {
            return new Source(line(), maybe("https://example.org/" + slug().replace(':', '/')), maybe(line()),
                    maybe(line()), maybe(String.valueOf((char) ('A' + random.nextInt(6)))),
                    maybe(1 + random.nextInt(6)));
        }

        private Instant instant() {
            long from = Rules.EARLIEST.toEpochDay() * 86_400;
            long to = (Rules.LATEST.toEpochDay() + 1) * 86_400;
            long second = from + (long) (random.nextDouble() * (to - from));
            int nano = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            return Instant.ofEpochSecond(second, nano);
        }

        private BigDecimal amount() {
            return switch (random.nextInt(3)) {
                case 0 -> BigDecimal.valueOf(random.nextInt(1_000_000));
                // at most 18 digits before the point, as the records allow
                case 1 -> BigDecimal.valueOf(Math.floorMod(random.nextLong(), 1_000_000_000_000_000_000L),
                        random.nextInt(11));
                default -> new BigDecimal(random.nextInt(1_000) + "E+" + random.nextInt(16));
            };
        }

        private String slug() {
            int length = random.nextInt(20) == 0 ? Ids.MAX : 1 + random.nextInt(12);
            StringBuilder b = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                b.append(SLUG.charAt(random.nextInt(SLUG.length())));
            }
            return b.toString();
        }

        /** A slug that starts with {@code prefix}, to keep ids apart that must differ. */
        private String slug(String prefix) {
            String slug = prefix + slug();
            return slug.length() <= Ids.MAX ? slug : slug.substring(0, Ids.MAX);
        }

        private ActorId actor() {
            return ActorId.of(slug());
        }

        private List<ActorId> actors(int atLeast) {
            List<ActorId> actors = new ArrayList<>();
            int n = atLeast + random.nextInt(4);
            for (int i = 0; i < n; i++) {
                actors.add(ActorId.of(slug(i + "-")));
            }
            return actors;
        }

        private List<IssueId> issues() {
            List<IssueId> issues = new ArrayList<>();
            int n = random.nextInt(4);
            for (int i = 0; i < n; i++) {
                issues.add(IssueId.of(slug(i + "-")));
            }
            return issues;
        }

        private List<Provision> provisions() {
            List<Provision> provisions = new ArrayList<>();
            int n = random.nextInt(4);
            for (int i = 0; i < n; i++) {
                provisions.add(new Provision(IssueId.of(slug()), line()));
            }
            return provisions;
        }

        private String line() {
            return text(Texts.LINE_MAX, false);
        }

        private String prose() {
            return text(Texts.PROSE_MAX, true);
        }

        /** Starts with a letter, so that it is never blank. */
        private String text(int max, boolean multiline) {
            int length = random.nextInt(50) == 0 ? max : 1 + random.nextInt(40);
            StringBuilder b = new StringBuilder().append('x');
            for (int i = 1; i < length; i++) {
                b.appendCodePoint(multiline && random.nextInt(8) == 0
                        ? LINE_BREAKS[random.nextInt(LINE_BREAKS.length)] : TEXT[random.nextInt(TEXT.length)]);
            }
            return b.toString();
        }

        private <T> T pick(T[] values) {
            return values[random.nextInt(values.length)];
        }

        private <T> T maybe(T value) {
            return random.nextBoolean() ? value : null;
        }
    }
}
