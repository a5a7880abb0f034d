package org.diplomacytracker.benchmarks.state;

import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import org.diplomacytracker.core.state.NegotiationState;
import org.diplomacytracker.core.state.StateIndex;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code StateIndex.state(process, asOf, null)} latency (p50/p99 from SampleTime) at 10k, 100k and 1M
 * developments of one process, asOf = the middle of the valid-time range and latest. The index is
 * filled directly with {@code apply(dev, offset, recordedAt)}; no store. {@code indexLatest}/{@code indexMiddle}
 * repeat one question, so after the first call they are answered from the per-process state cache;
 * the {@code …Uncached} variants compute every answer.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// the whole heap touched at start: a fresh young generation of gigabytes otherwise costs a page fault
// per 4 KB on its first pass, which on these virtual machines made the 1M fork's iterations drift
// from 115 to 430 µs while the index did nothing different (measured 2026-11-27)
@Fork(value = 1, jvmArgs = {"-Xms6g", "-Xmx6g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class StateLatencyBenchmark {

    @Param({"10000", "100000", "1000000"})
    public int developments;

    private StateIndex index;
    private LocalDate middle;
    /** Cycles the offset asked by the uncached benchmarks, so that each call misses the state cache. */
    private int step;

    @Setup(Level.Trial)
    public void fill() {
        index = new StateIndex();
        StateHistories.generate(42, developments, index::apply);
        middle = StateHistories.middle();
        if (index.consistentOffset() != developments) {
            throw new IllegalStateException("index at " + index.consistentOffset());
        }
    }

    @Benchmark
    public NegotiationState indexLatest() {
        return index.state(StateHistories.PROCESS, null, null).orElseThrow();
    }

    @Benchmark
    public NegotiationState indexMiddle() {
        return index.state(StateHistories.PROCESS, middle, null).orElseThrow();
    }

    /**
     * The state computed, not served from the per-process state cache — as right after an apply to
     * the process, which clears it: known at one of 64 instants after everything in turn (the cache
     * keeps a few answers per process, so each call misses it; the answer is the same as "now").
     */
    @Benchmark
    public NegotiationState indexLatestUncached() {
        step = (step + 1) & 63;
        return index.state(StateHistories.PROCESS, null, AFTER_ALL.plusSeconds(step)).orElseThrow();
    }

    @Benchmark
    public NegotiationState indexMiddleUncached() {
        step = (step + 1) & 63;
        return index.state(StateHistories.PROCESS, middle, AFTER_ALL.plusSeconds(step)).orElseThrow();
    }

    /** Later than every recordedAt of the generated histories. */
    private static final Instant AFTER_ALL = Instant.parse("2100-01-01T00:00:00Z");
}
