package dev.ephemery.release;

import java.io.PrintStream;
import java.util.Locale;

/** A one-line progress bar on a terminal; redrawn at most ten times a second. */
final class ProgressBar {

  private static final int WIDTH = 30;
  private final PrintStream out;
  private final long total;
  private long lastDraw;

  ProgressBar(PrintStream out, long total) {
    this.out = out;
    this.total = total;
  }

  void update(long bytes) {
    long now = System.nanoTime();
    if (now - lastDraw < 100_000_000L) {
      return;
    }
    lastDraw = now;
    draw(bytes);
  }

  void finish(long bytes) {
    draw(bytes);
    out.print('\n');
    out.flush();
  }

  private void draw(long bytes) {
    String size = String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    if (total > 0) {
      int filled = (int) Math.min(WIDTH, bytes * WIDTH / total);
      out.print(
          "\r["
              + "#".repeat(filled)
              + " ".repeat(WIDTH - filled)
              + "] "
              + String.format(Locale.ROOT, "%3d%%", bytes * 100 / total)
              + " "
              + size);
    } else {
      out.print("\r" + size);
    }
    out.flush();
  }
}
