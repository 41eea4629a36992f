package dev.ephemery.runtime;

/**
 * What the runtime knows of one container beyond its state: how it last ended and how often it was
 * restarted.
 *
 * @param exitCode its last exit code, or null when it never ended
 * @param restartCount restarts by its restart policy since it was created
 * @param oomKilled whether the kernel killed it for memory at its last end
 */
public record ContainerDetail(Integer exitCode, Integer restartCount, Boolean oomKilled) {}
