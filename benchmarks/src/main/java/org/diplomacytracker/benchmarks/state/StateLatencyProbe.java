package org.diplomacytracker.benchmarks.state;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.diplomacytracker.core.state.NegotiationState;
import org.diplomacytracker.core.state.StateIndex;

/**
 * {@code state} latency at several history sizes measured <em>interleaved</em> in one JVM: every
 * round asks each size a block of questions in turn (the order rotating), so that the machine's
 * slow and fast spells — on the shared 2-core machines here JMH's iterations moved by up to 2× within
 * one fork — fall on every size alike. The same questions as {@link StateLatencyBenchmark}'s
 * {@code …Uncached} benchmarks, each computed (never from the state cache): latest and the middle
 * of the valid-time range, known after everything; and, as a third kind, the middle as known when
 * half of the history was recorded (a cut that no longer holds every event).
 *
 * <p>{@code java -Xms6g -Xmx6g -cp … StateLatencyProbe [sizes=10000,100000,1000000] [warmup=20]
 * [rounds=30] [block=200]}: prints p50 and p99 per size and kind, the ratios to the smallest size,
 * and the median of the per-round p50 ratios.
 */
public final class StateLatencyProbe {

    /** Later than every recordedAt of the generated histories. */
    private static final Instant AFTER_ALL = Instant.parse("2100-01-01T00:00:00Z");

    private enum Kind { LATEST, MIDDLE, MIDDLE_KNOWN_THEN }

    public static void main(String[] args) {
        Map<String, String> opts = new LinkedHashMap<>(Map.of("sizes", "10000,100000,1000000", "warmup", "20",
                "rounds", "30", "block", "200"));
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq < 0 || !opts.containsKey(a.substring(0, eq))) {
                throw new IllegalArgumentException("unknown argument " + a + "; known: " + opts.keySet());
            }
            opts.put(a.substring(0, eq), a.substring(eq + 1));
        }
        int[] sizes = Arrays.stream(opts.get("sizes").split(",")).mapToInt(Integer::parseInt).toArray();
        int warmupSeconds = Integer.parseInt(opts.get("warmup"));
        int rounds = Integer.parseInt(opts.get("rounds"));
        int block = Integer.parseInt(opts.get("block"));
        LocalDate middle = StateHistories.middle();

        StateIndex[] indexes = new StateIndex[sizes.length];
        Instant[] halfKnown = new Instant[sizes.length];
        for (int s = 0; s < sizes.length; s++) {
            indexes[s] = new StateIndex();
            StateHistories.generate(42, sizes[s], indexes[s]::apply);
            if (indexes[s].consistentOffset() != sizes[s]) {
                throw new IllegalStateException("index at " + indexes[s].consistentOffset());
            }
            halfKnown[s] = StateHistories.recordedAtOf(sizes[s] / 2);
            System.out.printf(Locale.ROOT, "# built %,d developments%n", sizes[s]);
        }
        System.gc();

        int[] step = new int[1];
        Asker ask = (s, kind) -> {
            step[0] = (step[0] + 1) & 63;
            Instant known = kind == Kind.MIDDLE_KNOWN_THEN ? halfKnown[s].plusNanos(step[0])
                    : AFTER_ALL.plusSeconds(step[0]);
            return indexes[s].state(StateHistories.PROCESS, kind == Kind.LATEST ? null : middle, known).orElseThrow();
        };
        long sink = 0;
        long warmEnd = System.nanoTime() + warmupSeconds * 1_000_000_000L;
        while (System.nanoTime() < warmEnd) {
            for (int s = 0; s < sizes.length; s++) {
                for (Kind kind : Kind.values()) {
                    for (int q = 0; q < block; q++) {
                        sink += ask.state(s, kind).offset();
                    }
                }
            }
        }

        Kind[] kinds = Kind.values();
        long[][][] samples = new long[sizes.length][kinds.length][rounds * block];
        double[][][] roundP50 = new double[sizes.length][kinds.length][rounds];
        int[] answerSizes = new int[sizes.length * kinds.length];
        for (int r = 0; r < rounds; r++) {
            for (int o = 0; o < sizes.length; o++) {
                int s = (o + r) % sizes.length; // rotate which size goes first
                for (int k = 0; k < kinds.length; k++) {
                    long[] mine = samples[s][k];
                    for (int q = 0; q < block; q++) {
                        long t0 = System.nanoTime();
                        NegotiationState state = ask.state(s, kinds[k]);
                        mine[r * block + q] = System.nanoTime() - t0;
                        sink += state.offset();
                        if (r == 0 && q == 0) { // the same answer every time: counted once
                            answerSizes[s * kinds.length + k] = state.positions().values().stream()
                                    .mapToInt(Map::size).sum() + state.territory().size() + state.commitments().size()
                                    + state.talks().size() + state.proposals().size() + state.envoys().size()
                                    + state.actors().size();
                        }
                    }
                    long[] round = Arrays.copyOfRange(mine, r * block, (r + 1) * block);
                    Arrays.sort(round);
                    roundP50[s][k][r] = round[block / 2] / 1000.0;
                }
            }
        }

        System.out.printf(Locale.ROOT, "%n%d rounds × %d questions per size and kind, after %d s of warm-up (sink %d)%n%n",
                rounds, block, warmupSeconds, sink);
        System.out.print("| question | size | entries | p50 µs | p99 µs | p50 / smallest | median of the rounds' p50 ratios |\n");
        System.out.print("|---|---:|---:|---:|---:|---:|---:|\n");
        for (int k = 0; k < kinds.length; k++) {
            double base = 0;
            for (int s = 0; s < sizes.length; s++) {
                long[] all = samples[s][k].clone();
                Arrays.sort(all);
                double p50 = all[all.length / 2] / 1000.0;
                double p99 = all[(int) Math.min(all.length - 1, Math.ceil(all.length * 0.99) - 1)] / 1000.0;
                if (s == 0) {
                    base = p50;
                }
                List<Double> ratios = new ArrayList<>();
                for (int r = 0; r < rounds; r++) {
                    ratios.add(roundP50[s][k][r] / roundP50[0][k][r]);
                }
                ratios.sort(null);
                System.out.printf(Locale.ROOT, "| %s | %,d | %,d | %.1f | %.1f | %.2f× | %.2f× |%n",
                        kinds[k].name().toLowerCase(Locale.ROOT).replace('_', ' '), sizes[s],
                        answerSizes[s * kinds.length + k], p50, p99, p50 / base, ratios.get(rounds / 2));
            }
        }
    }

    @FunctionalInterface
    private interface Asker {
        NegotiationState state(int size, Kind kind);
    }
}
