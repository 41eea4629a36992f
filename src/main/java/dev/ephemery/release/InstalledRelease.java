package dev.ephemery.release;

import dev.ephemery.network.Release;
import java.nio.file.Path;

/**
 * A verified release installed in the cache.
 *
 * @param folder the release files (what clients are pointed at: {@code --testnet-dir} etc.)
 * @param sha256 of the archive (or folder) it was installed from
 * @param origin URL or path it came from
 */
public record InstalledRelease(Release release, Path folder, String sha256, String origin) {}
