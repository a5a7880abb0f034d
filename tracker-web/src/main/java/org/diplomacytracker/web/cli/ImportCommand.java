package org.diplomacytracker.web.cli;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.diplomacytracker.core.Tracker;
import org.diplomacytracker.core.TrackerOptions;
import org.diplomacytracker.core.process.DevelopmentRefusedException;
import org.diplomacytracker.core.process.Recording;
import org.diplomacytracker.core.transfer.NdjsonBatch;
import org.diplomacytracker.core.transfer.NdjsonLineException;
import org.diplomacytracker.core.transfer.NdjsonReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code import FILE…}: NDJSON developments into the store in batches, each atomic, in the order of
 * the lines. A line of an export ({@code {"recordedAt":"…","development":{…}}}) keeps the time its
 * development was first recorded, so that {@code knownAt} answers as before; a bare development is
 * recorded now. Idempotent: what
 * is already recorded is counted as a duplicate and stored again nowhere. Stops at the first bad line,
 * naming file and line; the batches before it stay recorded, so fixing the line and importing again
 * resumes where it stopped.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Record NDJSON developments from files into the store.")
public final class ImportCommand implements Runnable {

    @Mixin
    StoreOptions store;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "NDJSON files, one development per line.")
    List<Path> files;

    @Option(names = "--batch", defaultValue = "1000", description = "Developments per transaction (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Override
    public void run() {
        if (batchSize < 1 || batchSize > 100_000) {
            throw new CliException("--batch must be between 1 and 100000, got " + batchSize);
        }
        long total = 0;
        for (Path file : files) {
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new CliException("cannot read " + file + ": no such readable file");
            }
            try {
                total += Files.size(file);
            } catch (IOException e) {
                throw new CliException("cannot read " + file + ": " + e.getMessage());
            }
        }
        Progress progress = new Progress(System.err, total, System.console() != null);
        try (Tracker tracker = Tracker.start(TrackerOptions.defaults(store.settings()))) {
            for (Path file : files) {
                importFile(tracker, file, progress);
            }
        }
        progress.finish();
    }

    private void importFile(Tracker tracker, Path file, Progress progress) {
        try (InputStream raw = Files.newInputStream(file);
             Counting counting = new Counting(new BufferedInputStream(raw, 1 << 16), progress)) {
            NdjsonReader reader = NdjsonReader.ofExport(counting);
            while (true) {
                NdjsonBatch batch;
                try {
                    batch = reader.next(batchSize);
                } catch (NdjsonLineException e) {
                    throw new CliException(file + ":" + e.line() + ": " + e.problem().getMessage()
                            + " (the batch holding this line was not recorded; earlier batches were)");
                }
                if (batch.isEmpty()) {
                    return;
                }
                try {
                    Recording recording = batch.recordedAt() == null ? tracker.recordNow(batch.developments())
                            : tracker.recordNow(batch.developments(), batch.recordedAt());
                    progress.recorded(recording.accepted(), recording.duplicates());
                } catch (DevelopmentRefusedException e) {
                    throw new CliException(file + ":" + batch.lineOf(e.position()) + ": " + e.getMessage()
                            + " (this batch of lines " + batch.lineOf(0) + "-" + batch.lineOf(batch.size() - 1)
                            + " was not recorded; earlier ones were)");
                }
            }
        } catch (NoSuchFileException e) {
            throw new CliException("cannot read " + file + ": no such file");
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Counts bytes read so that progress can be told as a share of the input. */
    private static final class Counting extends FilterInputStream {
        private final Progress progress;

        Counting(InputStream in, Progress progress) {
            super(in);
            this.progress = progress;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                progress.bytes(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                progress.bytes(n);
            }
            return n;
        }
    }

    /** A progress bar on a terminal, plain lines every few seconds otherwise: count, rate, ETA. */
    static final class Progress {
        private final PrintStream out;
        private final long totalBytes;
        private final boolean terminal;
        private final long started = System.nanoTime();
        private long bytes;
        private long accepted;
        private long duplicates;
        private long lastShown;

        Progress(PrintStream out, long totalBytes, boolean terminal) {
            this.out = out;
            this.totalBytes = Math.max(1, totalBytes);
            this.terminal = terminal;
        }

        void bytes(long n) {
            bytes += n;
        }

        void recorded(long newAccepted, long newDuplicates) {
            accepted += newAccepted;
            duplicates += newDuplicates;
            long now = System.nanoTime();
            if (now - lastShown > (terminal ? 200_000_000L : 2_000_000_000L)) {
                lastShown = now;
                show(false);
            }
        }

        void finish() {
            show(true);
        }

        private void show(boolean done) {
            double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
            long count = accepted + duplicates;
            double rate = count / seconds;
            double share = done ? 1.0 : Math.min(1.0, (double) bytes / totalBytes);
            long eta = share > 0 && !done ? Math.round(seconds / share - seconds) : 0;
            String stats = String.format("%,d developments (%,d new, %,d duplicates) %,.0f/s", count, accepted,
                    duplicates, rate);
            if (terminal) {
                int width = 30;
                int filled = (int) Math.round(share * width);
                out.print("\r[" + "#".repeat(filled) + " ".repeat(width - filled) + "] "
                        + String.format("%3.0f%% ", share * 100) + stats + (done ? "" : " ETA " + eta + "s") + "   ");
                if (done) {
                    out.println();
                }
            } else {
                out.println((done ? "imported " : String.format("progress %3.0f%%: ", share * 100)) + stats
                        + (done ? String.format(" in %.1fs", seconds) : ", ETA " + eta + "s"));
            }
            out.flush();
        }
    }
}
