package dev.ephemery.health.probe;

import dev.ephemery.health.Redaction;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The doctor's support bundle: text entries (logs, plan, rendered configuration, journals, probe
 * results) written as a tar.gz, each passed through {@link Redaction} first, so nothing secret
 * leaves the host in it. Written to a temp file beside the target and renamed.
 */
public final class Bundle {

  private final Map<String, String> entries = new LinkedHashMap<>();

  public Bundle add(String name, String text) {
    entries.put(name, text);
    return this;
  }

  public Map<String, String> entries() {
    return entries;
  }

  /** Writes every entry redacted; {@code knownSecrets} are values read from the host's files. */
  public void write(Path file, Collection<String> knownSecrets) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, ".bundle-", ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(tmp);
          GZIPOutputStream gz = new GZIPOutputStream(out);
          TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        for (Map.Entry<String, String> entry : entries.entrySet()) {
          byte[] bytes =
              Redaction.redact(entry.getValue(), knownSecrets).getBytes(StandardCharsets.UTF_8);
          TarArchiveEntry tarEntry = new TarArchiveEntry("ephemery-doctor/" + entry.getKey());
          tarEntry.setSize(bytes.length);
          tarEntry.setMode(0600);
          tar.putArchiveEntry(tarEntry);
          tar.write(bytes);
          tar.closeArchiveEntry();
        }
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
