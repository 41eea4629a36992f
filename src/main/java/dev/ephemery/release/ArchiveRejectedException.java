package dev.ephemery.release;

/** An archive that could write outside its target, or is too big, damaged or of a refused kind. */
public final class ArchiveRejectedException extends Exception {

  /** Why an archive was refused; the code is what reports and docs name. */
  public enum Reason {
    ABSOLUTE_PATH("absolute-path"),
    PATH_TRAVERSAL("path-traversal"),
    BAD_NAME("bad-name"),
    SYMLINK("symlink"),
    HARD_LINK("hard-link"),
    SPECIAL_FILE("special-file"),
    DUPLICATE_ENTRY("duplicate-entry"),
    ENTRY_TOO_LARGE("entry-too-large"),
    ARCHIVE_TOO_LARGE("archive-too-large"),
    TOO_MANY_ENTRIES("too-many-entries"),
    CORRUPT("corrupt-archive");

    private final String code;

    Reason(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  private final Reason reason;
  private final String entry;

  public ArchiveRejectedException(Reason reason, String entry, String message, Throwable cause) {
    super(reason.code() + (entry.isEmpty() ? "" : " (" + entry + ")") + ": " + message, cause);
    this.reason = reason;
    this.entry = entry;
  }

  public ArchiveRejectedException(Reason reason, String entry, String message) {
    this(reason, entry, message, null);
  }

  public Reason reason() {
    return reason;
  }

  public String entry() {
    return entry;
  }
}
