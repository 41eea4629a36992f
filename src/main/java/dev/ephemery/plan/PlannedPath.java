package dev.ephemery.plan;

/**
 * A folder or file the runtime must create on the host before any container starts.
 *
 * @param kind how its content comes to be
 * @param mode POSIX mode, e.g. 0600 for the JWT secret
 * @param owner numeric uid:gid the client runs as, or null for the runtime's user
 */
public record PlannedPath(String path, Kind kind, int mode, String owner) {
  public enum Kind {
    /** A folder. */
    DIRECTORY,
    /** 32 random bytes as hex, created once and never replaced (the Engine API secret). */
    JWT_SECRET,
    /** The verified release's files, installed as a folder. */
    RELEASE_FILES
  }
}
