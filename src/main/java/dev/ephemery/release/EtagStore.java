package dev.ephemery.release;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The last answer and ETag per API URL, so a conditional request that comes back 304 still knows
 * the answer (GitHub does not count 304s against the rate limit). Kept in a file when given one.
 */
public final class EtagStore {

  /** A cached answer: its ETag and body. */
  public record Entry(String etag, String body) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path file;
  private final Map<String, Entry> entries = new HashMap<>();

  private EtagStore(Path file) {
    this.file = file;
  }

  public static EtagStore inMemory() {
    return new EtagStore(null);
  }

  /** Loads the store from {@code file}; a missing or damaged file starts empty. */
  public static EtagStore at(Path file) {
    EtagStore store = new EtagStore(file);
    if (Files.isRegularFile(file)) {
      try {
        store.entries.putAll(
            JSON.readValue(file.toFile(), new TypeReference<Map<String, Entry>>() {}));
      } catch (IOException e) {
        // a cache: losing it costs one counted request
      }
    }
    return store;
  }

  public synchronized Optional<Entry> get(String url) {
    return Optional.ofNullable(entries.get(url));
  }

  public synchronized void put(String url, Entry entry) {
    entries.put(url, entry);
    if (file != null) {
      try {
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writeValue(temp.toFile(), entries);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        // a cache: the next run asks unconditionally
      }
    }
  }
}
