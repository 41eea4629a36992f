package dev.ephemery.runtime;

/**
 * The file system that holds a host's baseDir: bytes free (for unprivileged use) and in all.
 *
 * @param unknownReason why the runtime cannot measure it (free and total are then meaningless), or
 *     null when measured
 */
public record DiskSpace(long free, long total, String unknownReason) {

  public DiskSpace(long free, long total) {
    this(free, total, null);
  }

  /** Not measured, for a reason the runtime states (shown as UNKNOWN, never as a failure). */
  public static DiskSpace unknown(String reason) {
    return new DiskSpace(0, 0, reason);
  }

  public boolean known() {
    return unknownReason == null;
  }
}
