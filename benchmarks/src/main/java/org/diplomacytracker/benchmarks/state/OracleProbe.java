package org.diplomacytracker.benchmarks.state;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.diplomacytracker.core.state.NegotiationState;
import org.diplomacytracker.core.state.StateIndex;
import org.diplomacytracker.events.Development;

/**
 * Time-boxed single shots of the naive oracle at a size JMH cannot afford (100k, 1M), and a check
 * that the index and the oracle agree on the generated history (so the comparison is on valid data).
 *
 * <p>{@code java -cp … OracleProbe N TIMEOUT_SECONDS SHOTS [check]}: prints each shot's time, or
 * "did not finish within T s" (a lower bound), then exits.
 */
public final class OracleProbe {

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        long timeout = Long.parseLong(args[1]);
        int shots = Integer.parseInt(args[2]);
        boolean check = args.length > 3 && args[3].equals("check");
        List<Development> devs = StateHistories.list(42, n);
        Oracle oracle = Oracle.of(devs);
        LocalDate middle = StateHistories.middle();
        if (check) {
            StateIndex index = new StateIndex();
            for (int i = 0; i < devs.size(); i++) {
                index.apply(devs.get(i), StateHistories.offsetOf(i), StateHistories.recordedAtOf(i));
            }
            for (LocalDate asOf : new LocalDate[] {null, middle, StateHistories.FIRST_DAY.plusDays(50)}) {
                NegotiationState a = index.state(StateHistories.PROCESS, asOf, null).orElseThrow();
                NegotiationState b = oracle.state(StateHistories.PROCESS, asOf, null).orElseThrow();
                boolean same = a.actors().equals(b.actors()) && a.issues().equals(b.issues())
                        && a.envoys().equals(b.envoys()) && a.positions().equals(b.positions())
                        && a.proposals().equals(b.proposals()) && a.territory().equals(b.territory())
                        && a.commitments().equals(b.commitments()) && a.talks().equals(b.talks())
                        && a.offset() == b.offset();
                System.out.printf("check asOf=%s: index %s oracle (positions %d actors, commitments %d, talks %d, envoys %d)%n",
                        asOf == null ? "latest" : asOf, same ? "==" : "!=", a.positions().size(),
                        a.commitments().size(), a.talks().size(), a.envoys().size());
                if (!same) {
                    System.exit(2);
                }
            }
        }
        for (int s = 0; s < shots; s++) {
            for (LocalDate asOf : new LocalDate[] {null, middle}) {
                long t0 = System.nanoTime();
                CompletableFuture<NegotiationState> f = CompletableFuture.supplyAsync(
                        () -> oracle.state(StateHistories.PROCESS, asOf, null).orElseThrow());
                try {
                    f.get(timeout, TimeUnit.SECONDS);
                    System.out.printf("oracle n=%d asOf=%s shot %d: %.1f ms%n", n, asOf == null ? "latest" : "middle",
                            s, (System.nanoTime() - t0) / 1e6);
                } catch (TimeoutException e) {
                    System.out.printf("oracle n=%d asOf=%s shot %d: did not finish within %d s%n", n,
                            asOf == null ? "latest" : "middle", s, timeout);
                    System.exit(0);
                }
            }
        }
        System.exit(0);
    }
}
