package dev.ephemery.hosts;

/**
 * A change {@code hosts prepare --apply} makes on a host to fix a check.
 *
 * @param check the check it fixes
 * @param describe what it changes, in words
 * @param command the shell command that changes it (with {@code sudo -n} when the SSH user is not
 *     root)
 */
public record HostAction(String check, String describe, String command) {}
