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

  /** The folder below baseDir where content is unpacked before it is renamed into place. */
  static final String STAGING = ".ephemery-staging";

  private static final SecureRandom RANDOM = new SecureRandom();

  /** What the probe saw of one planned path. */
  record Observed(boolean exists, String mode, String owner, String extra) {}

  private final HostPlan plan;
  private final HostPaths paths;
  private final Path releaseDir;
  private String releaseHash;

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
        if (paths.linkBelowBaseDir(path)) {
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

  /**
   * Applies the changes {@link #diff} found, in plan order (parents are planned first), in two
   * calls to the worker (the helper, or this machine) whatever the number of paths: one archive
   * holding everything that must be staged (the new JWT secret, the release), then one script that
   * moves it into place and sets modes and owners. Each {@code docker exec} costs a round trip and
   * a process start, and up from nothing used to make a dozen of them.
   */
  void apply(FileWork work, List<Observed> observed, String releaseHash) {
    Staging staging = new Staging(work.root());
    StringBuilder script = new StringBuilder("set -e\n");
    for (int i = 0; i < plan.paths().size(); i++) {
      PlannedPath planned = plan.paths().get(i);
      Observed seen = observed.get(i);
      String q = Sh.quote(work.see(paths, "paths[" + i + "]", planned.path()));
      switch (planned.kind()) {
        case DIRECTORY -> script.append("mkdir -p ").append(q).append('\n');
        case JWT_SECRET, SECRET -> {
          if (!seen.exists()) {
            String staged = staging.add(i + "/jwt.hex", jwtSecret(), 0600);
            // mv within one file system is atomic: the secret appears whole or not at all
            script.append("mkdir -p \"$(dirname ").append(q).append(")\"\n");
            script.append("[ -e ").append(q).append(" ] || mv ").append(staged).append(' ');
            script.append(q).append('\n');
          }
        }
        case RELEASE_FILES -> {
          if (releaseHash != null && !releaseHash.equals(seen.extra())) {
            String staged = staging.addTree(i + "/release", releaseEntries(releaseHash));
            script.append("mkdir -p \"$(dirname ").append(q).append(")\"\n");
            script.append("rm -rf ").append(q).append("\nmv ").append(staged).append(' ');
            script.append(q).append('\n');
          } else if (!seen.exists()) {
            throw new InvalidInputException(
                dev.ephemery.common.Problem.at(
                    plan.name(),
                    0,
                    "the release files are not on the host and no release was given",
                    "pass --release DIR with the verified release"));
          }
          script.append("chmod -R a+rX ").append(q).append('\n');
        }
      }
      script.append("chmod ").append(Integer.toOctalString(planned.mode())).append(' ');
      script.append(q).append('\n');
      if (planned.owner() != null) {
        script
            .append("chown ")
            .append(planned.kind() == PlannedPath.Kind.RELEASE_FILES ? "-R " : "")
            .append(Sh.quote(planned.owner()))
            .append(' ')
            .append(q)
            .append('\n');
      }
    }
    staging.runWith(work, "setting up baseDir", script);
  }

  /**
   * A file the tool wants at {@code target} (a host path below baseDir) with this content and mode;
   * a change to it is reported as {@code kind} ({@code file}, {@code config}).
   */
  record Wanted(Path target, byte[] content, int mode, String kind) {}

  /**
   * Makes each wanted file have its content: each one that is missing or differs (by SHA-256) is
   * staged and renamed into place. Three calls to the worker whatever the number of files: one
   * probe, one archive, one script.
   *
   * @return a change for each file that was missing or differed, in order
   */
  List<Change> syncFiles(FileWork work, List<Wanted> files) {
    List<String> targets = new ArrayList<>();
    StringBuilder probe = new StringBuilder();
    for (Wanted file : files) {
      String q = Sh.quote(work.see(paths, plan.name() + ".files", file.target().toString()));
      targets.add(q);
      probe.append("if [ -f ").append(q).append(" ]; then sha256sum ").append(q);
      probe.append(" | cut -d' ' -f1; else echo missing; fi\n");
    }
    String[] seen = work.shOrFail("probing files", probe.toString()).out().strip().split("\n");
    List<Change> changed = new ArrayList<>();
    Staging staging = new Staging(work.root());
    StringBuilder script = new StringBuilder("set -e\n");
    for (int i = 0; i < files.size(); i++) {
      Wanted file = files.get(i);
      String found = i < seen.length ? seen[i].strip() : "missing";
      if (found.equals(sha256(file.content()))) {
        continue;
      }
      boolean missing = found.equals("missing");
      changed.add(
          new Change(
              missing ? "create" : "update",
              file.kind(),
              file.target().toString(),
              missing ? "missing" : "content differs"));
      String staged = staging.add(Integer.toString(i), file.content(), file.mode());
      script.append("mv ").append(staged).append(' ').append(targets.get(i)).append('\n');
    }
    if (!changed.isEmpty()) {
      staging.runWith(work, "installing files", script);
    }
    return changed;
  }

  /**
   * Content bound for the host, gathered into one archive under a staging folder of its own below
   * baseDir (so the final {@code mv} is a rename within one file system), unpacked in one call.
   */
  private static final class Staging {
    private final String root;
    private final String folder = STAGING + "/" + hex(8);
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes);
    private boolean empty = true;

    /** Staging below {@code root}, baseDir as the worker that unpacks it sees it. */
    Staging(String root) {
      this.root = root;
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    }

    /** Stages one file; returns its path as the worker will see it. */
    String add(String name, byte[] content, int mode) {
      return addTree(name, List.of(new Entry("", content, mode)));
    }

    /** Stages a tree of files under {@code name}; returns that folder as the worker sees it. */
    String addTree(String name, List<Entry> entries) {
      try {
        if (empty) {
          putDirectory(STAGING + "/");
          putDirectory(folder + "/");
          empty = false;
        }
        for (Entry entry : entries) {
          String path = folder + "/" + name + (entry.name().isEmpty() ? "" : "/" + entry.name());
          Helper.putEntry(tar, path, entry.content(), entry.mode());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return root + "/" + folder + "/" + name;
    }

    private void putDirectory(String name) throws IOException {
      TarArchiveEntry dir = new TarArchiveEntry(name);
      dir.setMode(040700);
      tar.putArchiveEntry(dir);
      tar.closeArchiveEntry();
    }

    /** Unpacks what was staged (if anything), runs the script, then removes the staging folder. */
    void runWith(FileWork work, String what, StringBuilder script) {
      if (!empty) {
        try {
          tar.close();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        work.untar(new ByteArrayInputStream(bytes.toByteArray()), root);
        script.append("rm -rf ").append(root).append('/').append(folder).append('\n');
      }
      work.shOrFail(what, script.toString());
    }
  }

  /** One file of a staged tree: its name below the tree, content and mode. */
  record Entry(String name, byte[] content, int mode) {}

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The release's digest; an installed release's is read back while its files are unchanged. */
  static String releaseHash(Path dir) {
    return dev.ephemery.release.FolderMemo.get(dir, "digest", ReleaseMarker::digest);
  }

  /** The release's digest, read once (it reads every file of the release). */
  String releaseHashOrNull() {
    if (releaseDir == null) {
      return null;
    }
    if (releaseHash == null) {
      if (!Files.isDirectory(releaseDir)) {
        throw InvalidInputException.of(
            "--release",
            releaseDir + " is not a folder",
            "give the folder of the verified release");
      }
      releaseHash = releaseHash(releaseDir);
    }
    return releaseHash;
  }

  /** The release's files, its derived files and its marker, as staged under the release folder. */
  List<Entry> releaseEntries(String hash) {
    List<Entry> entries = new ArrayList<>();
    try (Stream<Path> files = Files.walk(releaseDir)) {
      SortedMap<String, byte[]> derived = ReleaseCopy.derivedFiles(releaseDir);
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        String name = releaseDir.relativize(file).toString();
        if (!derived.containsKey(name)) {
          entries.add(new Entry(name, Files.readAllBytes(file), 0644));
        }
      }
      derived.forEach((name, content) -> entries.add(new Entry(name, content, 0644)));
      entries.add(new Entry(RELEASE_MARKER, (hash + "\n").getBytes(StandardCharsets.UTF_8), 0644));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return entries;
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
