package org.diplomacytracker.benchmarks.state;

import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import org.diplomacytracker.core.state.NegotiationState;
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
 * The naive oracle on the same histories as {@link StateLatencyBenchmark}: single shots (it is
 * quadratic: every development scans the whole history for retractions and corrections). Run it at
 * 10k (and 100k if there is time); 1M does not finish in minutes — {@link OracleProbe} time-boxes it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
// the whole heap touched at start: a fresh young generation of gigabytes otherwise costs a page fault
// per 4 KB on its first pass, which on these virtual machines made the 1M fork's iterations drift
// from 115 to 430 µs while the index did nothing different (measured 2026-11-27)
@Fork(value = 1, jvmArgs = {"-Xms6g", "-Xmx6g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 2)
@Measurement(iterations = 10)
public class OracleLatencyBenchmark {

    @Param({"10000"})
    public int developments;

    private Oracle oracle;
    private LocalDate middle;

    @Setup(Level.Trial)
    public void fill() {
        oracle = Oracle.of(StateHistories.list(42, developments));
        middle = StateHistories.middle();
    }

    @Benchmark
    public NegotiationState oracleLatest() {
        return oracle.state(StateHistories.PROCESS, null, null).orElseThrow();
    }

    @Benchmark
    public NegotiationState oracleMiddle() {
        return oracle.state(StateHistories.PROCESS, middle, null).orElseThrow();
    }
}
