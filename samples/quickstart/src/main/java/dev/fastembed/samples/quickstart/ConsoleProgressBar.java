package dev.fastembed.samples.quickstart;

import dev.fastembed.hub.DownloadListener;

import java.io.PrintStream;
import java.util.Locale;

/** Draws one line per downloading file on the console, redrawn in place at most every 1%. */
final class ConsoleProgressBar implements DownloadListener {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private String file;
    private int lastPercent = -1;

    ConsoleProgressBar(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void progress(String file, long bytesDone, long bytesTotal) {
        if (!file.equals(this.file)) {
            this.file = file;
            lastPercent = -1;
        }
        int percent = bytesTotal > 0 ? (int) (100 * bytesDone / bytesTotal) : 0;
        if (percent == lastPercent) {
            return;
        }
        lastPercent = percent;
        int filled = WIDTH * percent / 100;
        out.printf(Locale.ROOT, "\r%-28.28s [%s%s] %3d%% %8.1f MB", file, "#".repeat(filled),
                " ".repeat(WIDTH - filled), percent, bytesDone / 1e6);
        if (bytesTotal > 0 && bytesDone >= bytesTotal) {
            out.println();
        }
        out.flush();
    }
}
