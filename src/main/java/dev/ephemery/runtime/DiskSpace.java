package dev.ephemery.runtime;

/** The file system that holds a host's baseDir: bytes free (for unprivileged use) and in all. */
public record DiskSpace(long free, long total) {}
