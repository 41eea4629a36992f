package dev.ephemery.network;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The contents of a release's files by relative name ({@code config.yaml}, {@code
 * enodes/boot_enode.txt}). Reading them from a folder or an archive is the caller's job, so parsing
 * stays pure. A large file (genesis.ssz) may be given by its head only, with its real size.
 *
 * @param contents file name to bytes (for a truncated file: its first bytes)
 * @param sizes file name to its real size in bytes
 */
public record ReleaseFiles(Map<String, byte[]> contents, Map<String, Long> sizes) {

  public ReleaseFiles {
    contents = Map.copyOf(contents);
    TreeMap<String, Long> allSizes = new TreeMap<>();
    contents.forEach((name, bytes) -> allSizes.put(name, (long) bytes.length));
    allSizes.putAll(sizes);
    sizes = Map.copyOf(allSizes);
  }

  public static ReleaseFiles of(Map<String, byte[]> contents) {
    return new ReleaseFiles(contents, Map.of());
  }

  public boolean has(String name) {
    return contents.containsKey(name);
  }

  public long size(String name) {
    return sizes.getOrDefault(name, 0L);
  }

  public Optional<byte[]> bytes(String name) {
    return Optional.ofNullable(contents.get(name));
  }

  public Optional<String> text(String name) {
    return bytes(name).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
  }

  public Set<String> names() {
    return new TreeMap<>(contents).keySet();
  }

  /** A copy with one file replaced or added; tests use it to build inconsistent releases. */
  public ReleaseFiles with(String name, byte[] bytes) {
    TreeMap<String, byte[]> copy = new TreeMap<>(contents);
    copy.put(name, bytes);
    TreeMap<String, Long> newSizes = new TreeMap<>(sizes);
    newSizes.put(name, (long) bytes.length);
    return new ReleaseFiles(copy, newSizes);
  }

  public ReleaseFiles with(String name, String text) {
    return with(name, text.getBytes(StandardCharsets.UTF_8));
  }

  public ReleaseFiles without(String name) {
    TreeMap<String, byte[]> copy = new TreeMap<>(contents);
    copy.remove(name);
    TreeMap<String, Long> newSizes = new TreeMap<>(sizes);
    newSizes.remove(name);
    return new ReleaseFiles(copy, newSizes);
  }
}
