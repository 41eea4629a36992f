package dev.ephemery.runtime.docker;

import dev.ephemery.common.InvalidInputException;
import dev.ephemery.common.OperationalException;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.PlannedPath;
import dev.ephemery.runtime.Change;
import dev.ephemery.runtime.ReleaseCopy;
import dev.ephemery.runtime.ReleaseMarker;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Brings a host's planned folders and files to their planned state through the {@link Helper}:
 * folders with mode and owner, the JWT secret (created once, never replaced), and the release files
 * (replaced as a whole when their content differs, recorded in a marker file).
 */
final class HostFiles {

  static final String RELEASE_MARKER = ReleaseMarker.FILE;
  private static final String STAGING = HostPaths.MOUNT + "/.ephemery-staging";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** What the probe saw of one planned path. */
  record Observed(boolean exists, String mode, String owner, String extra) {}

  private final HostPlan plan;
  private final HostPaths paths;
  private final Path releaseDir;

  HostFiles(HostPlan plan, Path releaseDir) {
    this.plan = plan;
    this.paths = HostPaths.of(plan.baseDir());
    this.releaseDir = releaseDir;
    for (int i = 0; i < plan.paths().size(); i++) {
      paths.onHost("paths[" + i + "]", plan.paths().get(i).path());
    }
  }

  HostPaths paths() {
    return paths;
  }

  /** One shell line per planned path: {@code exists mode uid:gid extra} or {@code missing}. */
  String probeScript() {
    StringBuilder script = new StringBuilder();
    for (int i = 0; i < plan.paths().size(); i++) {
      PlannedPath planned = plan.paths().get(i);
      String p = Sh.quote(paths.inHelper("paths[" + i + "]", planned.path()));
      String extra =
          switch (planned.kind()) {
            case DIRECTORY -> "echo -";
            case JWT_SECRET, SECRET ->
                "if tr -d ' \\n\\r' < "
                    + p
                    + " | grep -qE '^(0x)?[0-9a-fA-F]{64}$'; then echo valid; else echo invalid;"
                    + " fi";
            case RELEASE_FILES ->
                "cat " + Sh.quote(p0(planned) + "/" + RELEASE_MARKER) + " 2>/dev/null || echo -";
          };
      script
          .append("if [ -e ")
          .append(p)
          .append(" ]; then printf '%s ' \"$(stat -c '%a %u:%g' ")
          .append(p)
          .append(")\"; ")
          .append(extra)
          .append("; else echo missing; fi\n");
    }
    return script.toString();
  }

  private String p0(PlannedPath planned) {
    return paths.inHelper("paths", planned.path());
  }

  /**
   * What {@link #probeScript} reports, seen on this machine's file system (baseDir is local). Empty
   * when this process cannot see a path as the helper would (a symlink below baseDir, a file it may
   * not read): the helper then probes.
   */
  Optional<List<Observed>> probeLocal() {
    List<Observed> observed = new ArrayList<>();
    for (int i = 0; i < plan.paths().size(); i++) {
      PlannedPath planned = plan.paths().get(i);
      Path path = paths.onHost("paths[" + i + "]", planned.path());
      try {
        if (symlinkBelowBaseDir(path)) {
          return Optional.empty();
        }
        Map<String, Object> stat =
            Files.readAttributes(path, "unix:mode,uid,gid", LinkOption.NOFOLLOW_LINKS);
        String mode = Integer.toOctalString((Integer) stat.get("mode") & 07777);
        String owner = stat.get("uid") + ":" + stat.get("gid");
        String extra =
            switch (planned.kind()) {
              case DIRECTORY -> "-";
              case JWT_SECRET, SECRET -> validJwt(path) ? "valid" : "invalid";
              case RELEASE_FILES -> marker(path.resolve(RELEASE_MARKER));
            };
        observed.add(new Observed(true, mode, owner, extra));
      } catch (NoSuchFileException missing) {
        observed.add(new Observed(false, "", "", ""));
      } catch (IOException | UnsupportedOperationException | SecurityException e) {
        return Optional.empty();
      }
    }
    return Optional.of(observed);
  }

  private boolean symlinkBelowBaseDir(Path path) {
    Path at = paths.baseDir();
    for (Path name : paths.baseDir().relativize(path)) {
      at = at.resolve(name);
      if (Files.isSymbolicLink(at)) {
        return true;
      }
    }
    return false;
  }

  private static final Pattern JWT_HEX = Pattern.compile("(0x)?[0-9a-fA-F]{64}");

  /** The helper's test: 32 bytes of hex once blanks and line ends are dropped. */
  private static boolean validJwt(Path file) throws IOException {
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > 4096) {
      return false;
    }
    String text = Files.readString(file, StandardCharsets.ISO_8859_1).replaceAll("[ \\n\\r]", "");
    return JWT_HEX.matcher(text).matches();
  }

  /** The marker's first word, {@code -} when there is none (as the helper's parse sees it). */
  private static String marker(Path file) throws IOException {
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return "-";
    }
    String text = Files.readString(file, StandardCharsets.ISO_8859_1).strip();
    return text.isEmpty() ? "-" : text.split("\\s+")[0];
  }

  List<Observed> parseProbe(String output) {
    List<Observed> observed = new ArrayList<>();
    for (String line : output.strip().split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String[] parts = line.strip().split(" ");
      observed.add(
          parts[0].equals("missing")
              ? new Observed(false, "", "", "")
              : new Observed(true, parts[0], parts[1], parts.length > 2 ? parts[2] : "-"));
    }
    if (observed.size() != plan.paths().size()) {
      throw new OperationalException(
          plan.name(), "unexpected answer probing baseDir: " + output.strip(), "");
    }
    return observed;
  }

  /** What a dry run reports for the paths: each would be ensured, none was looked at. */
  List<Change> unchecked() {
    List<Change> changes = new ArrayList<>();
    for (int i = 0; i < plan.paths().size(); i++) {
      PlannedPath planned = plan.paths().get(i);
      String where = paths.onHost("paths[" + i + "]", planned.path()).toString();
      changes.add(
          new Change(Change.ENSURE, kindName(planned), where, "not inspected in a dry run"));
    }
    return changes;
  }

  /** The changes the observed state needs; nothing is changed here. */
  List<Change> diff(List<Observed> observed, String releaseHash) {
    List<Change> changes = new ArrayList<>();
    for (int i = 0; i < plan.paths().size(); i++) {
      PlannedPath planned = plan.paths().get(i);
      Observed seen = observed.get(i);
      String where = paths.onHost("paths[" + i + "]", planned.path()).toString();
      if (!seen.exists()) {
        changes.add(new Change("create", kindName(planned), where, "missing"));
        continue;
      }
      if (isSecret(planned) && !seen.extra().equals("valid")) {
        throw new OperationalException(
            plan.name() + ": " + where,
            (planned.kind() == PlannedPath.Kind.JWT_SECRET ? "the JWT secret" : "the secret")
                + " exists but is not 32 bytes of hex",
            "it is never replaced automatically; remove it if nothing uses it, then run up again");
      }
      if (planned.kind() == PlannedPath.Kind.RELEASE_FILES
          && releaseHash != null
          && !seen.extra().equals(releaseHash)) {
        changes.add(new Change("replace", "release", where, "release files differ"));
        continue;
      }
      if (!seen.mode().equals(Integer.toOctalString(planned.mode()))) {
        changes.add(
            new Change(
                "update",
                kindName(planned),
                where,
                "mode " + seen.mode() + " -> " + Integer.toOctalString(planned.mode())));
      } else if (planned.owner() != null && !ownerMatches(seen.owner(), planned.owner())) {
        changes.add(
            new Change(
                "update",
                kindName(planned),
                where,
                "owner " + seen.owner() + " -> " + planned.owner()));
      }
    }
    return changes;
  }

  private static boolean isSecret(PlannedPath planned) {
    return planned.kind() == PlannedPath.Kind.JWT_SECRET
        || planned.kind() == PlannedPath.Kind.SECRET;
  }

  private static boolean ownerMatches(String seen, String planned) {
    return planned.contains(":") ? seen.equals(planned) : seen.startsWith(planned + ":");
  }

  private static String kindName(PlannedPath planned) {
    return switch (planned.kind()) {
      case DIRECTORY -> "folder";
      case JWT_SECRET -> "jwt-secret";
      case SECRET -> "secret";
      case RELEASE_FILES -> "release";
    };
  }

  /** Applies the changes {@link #diff} found, in plan order (parents are planned first). */
  void apply(Helper helper, List<Observed> observed, String releaseHash) {
    helper.shOrFail("preparing baseDir", "mkdir -p " + STAGING + " && chmod 700 " + STAGING);
    for (int i = 0; i < plan.paths().size(); i++) {
      PlannedPath planned = plan.paths().get(i);
      Observed seen = observed.get(i);
      String p = paths.inHelper("paths[" + i + "]", planned.path());
      String q = Sh.quote(p);
      StringBuilder script = new StringBuilder("set -e\n");
      switch (planned.kind()) {
        case DIRECTORY -> script.append("mkdir -p ").append(q).append('\n');
        case JWT_SECRET, SECRET -> {
          if (!seen.exists()) {
            String staged = STAGING + "/jwt-" + hex(8);
            helper.shOrFail("staging", "mkdir -p " + staged);
            helper.untar(tar("jwt.hex", jwtSecret()), staged);
            // mv within one file system is atomic: the secret appears whole or not at all
            script
                .append("mkdir -p \"$(dirname ")
                .append(q)
                .append(")\"\nchmod 600 ")
                .append(staged)
                .append("/jwt.hex\n[ -e ")
                .append(q)
                .append(" ] || mv ")
                .append(staged)
                .append("/jwt.hex ")
                .append(q)
                .append("\nrm -rf ")
                .append(staged)
                .append('\n');
          }
        }
        case RELEASE_FILES -> {
          if (releaseHash != null && !releaseHash.equals(seen.extra())) {
            String staged = STAGING + "/release-" + hex(8);
            helper.shOrFail("staging", "mkdir -p " + staged);
            helper.untar(new ByteArrayInputStream(releaseTar(releaseHash)), staged);
            script
                .append("mkdir -p \"$(dirname ")
                .append(q)
                .append(")\"\nrm -rf ")
                .append(q)
                .append("\nmv ")
                .append(staged)
                .append("/release ")
                .append(q)
                .append("\nrm -rf ")
                .append(staged)
                .append('\n');
          } else if (!seen.exists()) {
            throw new InvalidInputException(
                dev.ephemery.common.Problem.at(
                    plan.name(),
                    0,
                    "the release files are not on the host and no release was given",
                    "pass --release DIR with the verified release"));
          }
        }
      }
      if (planned.kind() == PlannedPath.Kind.RELEASE_FILES) {
        script.append("chmod -R a+rX ").append(q).append('\n');
      }
      script.append("chmod ").append(Integer.toOctalString(planned.mode())).append(' ').append(q);
      if (planned.owner() != null) {
        script
            .append("\nchown ")
            .append(planned.kind() == PlannedPath.Kind.RELEASE_FILES ? "-R " : "")
            .append(Sh.quote(planned.owner()))
            .append(' ')
            .append(q);
      }
      helper.shOrFail("setting up " + planned.path(), script.toString());
    }
  }

  /**
   * Makes the files in {@code folder} (a planned folder, as the helper sees it) have the given
   * contents: each one that is missing or differs (by SHA-256) is staged and renamed into place.
   *
   * @param files file name to content and mode
   */
  List<Change> syncFiles(Helper helper, String folder, Map<String, byte[]> files, int mode) {
    StringBuilder probe = new StringBuilder();
    for (String name : files.keySet()) {
      String q = Sh.quote(folder + "/" + name);
      probe
          .append("if [ -f ")
          .append(q)
          .append(" ]; then sha256sum ")
          .append(q)
          .append(" | cut -d' ' -f1; else echo missing; fi\n");
    }
    String[] seen =
        helper.shOrFail("probing " + folder, probe.toString()).out().strip().split("\n");
    List<Change> changes = new ArrayList<>();
    int i = 0;
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      String found = i < seen.length ? seen[i].strip() : "missing";
      i++;
      if (found.equals(sha256(file.getValue()))) {
        continue;
      }
      String target = folder + "/" + file.getKey();
      changes.add(
          new Change(
              found.equals("missing") ? "create" : "update",
              "file",
              paths
                  .baseDir()
                  .resolve(Path.of(HostPaths.MOUNT).relativize(Path.of(target)))
                  .toString(),
              found.equals("missing") ? "missing" : "content differs"));
      String staged = STAGING + "/file-" + hex(8);
      helper.shOrFail("staging", "mkdir -p " + staged + " && chmod 700 " + STAGING);
      helper.untar(tar(file.getKey(), file.getValue(), mode), staged);
      helper.shOrFail(
          "installing " + target,
          "set -e\nchmod "
              + Integer.toOctalString(mode)
              + " "
              + staged
              + "/"
              + Sh.quote(file.getKey())
              + "\nmv "
              + staged
              + "/"
              + Sh.quote(file.getKey())
              + " "
              + Sh.quote(target)
              + "\nrm -rf "
              + staged);
    }
    return changes;
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String releaseHash(Path dir) {
    return ReleaseMarker.digest(dir);
  }

  String releaseHashOrNull() {
    if (releaseDir == null) {
      return null;
    }
    if (!Files.isDirectory(releaseDir)) {
      throw InvalidInputException.of(
          "--release", releaseDir + " is not a folder", "give the folder of the verified release");
    }
    return releaseHash(releaseDir);
  }

  byte[] releaseTar(String hash) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes);
        Stream<Path> files = Files.walk(releaseDir)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      SortedMap<String, byte[]> derived = ReleaseCopy.derivedFiles(releaseDir);
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        String name = releaseDir.relativize(file).toString();
        if (!derived.containsKey(name)) {
          putEntry(tar, dir(name), Files.readAllBytes(file), 0644);
        }
      }
      for (Map.Entry<String, byte[]> file : derived.entrySet()) {
        putEntry(tar, dir(file.getKey()), file.getValue(), 0644);
      }
      putEntry(tar, dir(RELEASE_MARKER), (hash + "\n").getBytes(StandardCharsets.UTF_8), 0644);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static String dir(String name) {
    return "release/" + name;
  }

  /** The staged release lands in {@code staged/release}; move that, not the staging folder. */
  private static ByteArrayInputStream tar(String name, byte[] content) {
    return tar(name, content, 0600);
  }

  private static ByteArrayInputStream tar(String name, byte[] content, int mode) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      putEntry(tar, name, content, mode);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ByteArrayInputStream(bytes.toByteArray());
  }

  private static void putEntry(TarArchiveOutputStream tar, String name, byte[] content, int mode)
      throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setSize(content.length);
    entry.setMode(mode);
    tar.putArchiveEntry(entry);
    tar.write(content);
    tar.closeArchiveEntry();
  }

  private static byte[] jwtSecret() {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    return HexFormat.of().formatHex(secret).getBytes(StandardCharsets.US_ASCII);
  }

  private static String hex(int bytes) {
    byte[] random = new byte[bytes];
    RANDOM.nextBytes(random);
    return HexFormat.of().formatHex(random);
  }
}
