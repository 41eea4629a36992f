package dev.ephemery.cli;

import dev.ephemery.client.ClientProfiles;
import dev.ephemery.client.Keystore;
import dev.ephemery.common.Problem;
import dev.ephemery.inventory.Address;
import dev.ephemery.inventory.Host;
import dev.ephemery.inventory.Inventory;
import dev.ephemery.inventory.ValidatorSpec;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * Looks at the keystores and password files of validators whose host is this machine ({@code
 * address: local}): each {@code .json} in keysDir must be an EIP-2335 keystore, each keystore must
 * have its password, and none of them may be readable by other users. An ssh host's files are on
 * that host, out of reach here. Messages name files and keystore fields, never what they hold.
 */
final class ValidatorKeyFiles {

  /** Far above any keystore (about 1 KiB): a bigger .json is something else, not read whole. */
  private static final long MAX_KEYSTORE_BYTES = 64 * 1024;

  private final List<Problem> problems = new ArrayList<>();

  /**
   * The uid:gid the host's validator reads its keys as (teku and nimbus run as 1000), or null when
   * it runs as root, which reads any file.
   */
  private String reader;

  private static String readerOwner(Host host) {
    return ClientProfiles.signer(host).owner();
  }

  private ValidatorKeyFiles() {}

  static List<Problem> check(Inventory inventory) {
    ValidatorKeyFiles files = new ValidatorKeyFiles();
    for (int i = 0; i < inventory.hosts().size(); i++) {
      Host host = inventory.hosts().get(i);
      ValidatorSpec validator = host.validator();
      if (validator != null
          && validator.enabled()
          && host.address() instanceof Address.Local
          && validator.localKeys()) {
        files.reader = readerOwner(host);
        files.checkHost("hosts[" + i + "].validator.", validator);
      }
    }
    return files.problems;
  }

  /** The ssh hosts whose keystores only that host can check, for a note in check's report. */
  static List<String> remoteKeyHosts(Inventory inventory) {
    return inventory.hosts().stream()
        .filter(h -> h.validator() != null && h.validator().enabled())
        .filter(h -> h.validator().localKeys() && h.address() instanceof Address.Ssh)
        .map(Host::name)
        .toList();
  }

  /**
   * The {@code 0x} public key of each EIP-2335 keystore in {@code dir}, in file-name order; other
   * files are left out ({@code check} names them). Only the public part is read out.
   */
  static List<String> pubkeys(Path dir) throws IOException {
    List<String> keys = new ArrayList<>();
    for (Path file : jsonFiles(dir)) {
      if (keystoreCandidate(file)) {
        Keystore.Parsed parsed = read(file);
        if (parsed.valid()) {
          keys.add("0x" + parsed.keystore().pubkey());
        }
      }
    }
    return keys;
  }

  private void checkHost(String at, ValidatorSpec validator) {
    NavigableMap<String, Keystore> keystores =
        keystores(at + "keysDir", Path.of(validator.keysDir()));
    if (validator.passwordFile() != null) {
      Path file = Path.of(validator.passwordFile());
      if (!Files.isRegularFile(file)) {
        problem(
            at + "passwordFile",
            "'" + file + "' does not exist on this machine",
            "write the keystores' password into it (one line), then chmod 600 " + file);
      } else {
        privateFile(at + "passwordFile", file, "the keystore password");
      }
    }
    if (validator.passwordsDir() != null) {
      Path dir = Path.of(validator.passwordsDir());
      if (!Files.isDirectory(dir)) {
        problem(
            at + "passwordsDir",
            "'" + dir + "' is not a directory on this machine",
            "create it with one <keystore name>.txt per keystore, then chmod 700 " + dir);
      } else {
        privateDirectory(at + "passwordsDir", dir);
        for (String name : keystores.keySet()) {
          Path password = dir.resolve(name.substring(0, name.length() - ".json".length()) + ".txt");
          if (!Files.isRegularFile(password)) {
            problem(
                at + "passwordsDir",
                "keystore " + name + " has no password file " + password,
                "write its password into " + password.getFileName() + " in " + dir);
          } else {
            privateFile(at + "passwordsDir", password, "a keystore password");
          }
        }
      }
    }
  }

  /** The valid keystores of a keys folder by file name; every other .json is a problem. */
  private NavigableMap<String, Keystore> keystores(String where, Path dir) {
    TreeMap<String, Keystore> found = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      problem(
          where,
          "'" + dir + "' is not a directory on this machine",
          "put the EIP-2335 keystores (keystore-*.json) there, or correct the path");
      return found;
    }
    privateDirectory(where, dir);
    List<Path> files;
    try {
      files = jsonFiles(dir);
    } catch (IOException e) {
      problem(where, "cannot list '" + dir + "'", "check its permissions");
      return found;
    }
    for (Path file : files) {
      String name = file.getFileName().toString();
      if (!keystoreCandidate(file)) {
        continue;
      }
      Keystore.Parsed parsed = read(file);
      if (parsed.valid()) {
        found.put(name, parsed.keystore());
        privateFile(where, file, "an encrypted validator key");
      } else {
        problem(
            where,
            name + " is not an EIP-2335 keystore: " + String.join("; ", parsed.problems()),
            "only keystores belong in keysDir: move other files (e.g. deposit_data-*.json) out");
      }
    }
    if (files.isEmpty()) {
      problem(
          where,
          "'" + dir + "' holds no keystore (*.json)",
          "copy the keystore-*.json files of your validators there");
    }
    return found;
  }

  /** Every {@code *.json} in {@code dir}, in name order, as the clients find keystores. */
  private static List<Path> jsonFiles(Path dir) throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*.json")) {
      entries.forEach(files::add);
    }
    files.sort(null);
    return files;
  }

  /** A keystore candidate: a regular file, not a hidden one (editors leave those). */
  private static boolean keystoreCandidate(Path file) {
    return !file.getFileName().toString().startsWith(".") && Files.isRegularFile(file);
  }

  private static Keystore.Parsed read(Path file) {
    try {
      if (Files.size(file) > MAX_KEYSTORE_BYTES) {
        return new Keystore.Parsed(null, List.of("larger than 64 KiB"));
      }
      byte[] bytes = Files.readAllBytes(file);
      String text =
          StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
      return Keystore.parse(text);
    } catch (CharacterCodingException e) {
      return new Keystore.Parsed(null, List.of("not UTF-8 text"));
    } catch (IOException e) {
      return new Keystore.Parsed(null, List.of("unreadable (check its permissions)"));
    }
  }

  /** Secrets readable by group or others leak to every account on the machine. */
  private void privateFile(String where, Path file, String what) {
    Set<PosixFilePermission> mode = mode(file);
    if (mode.contains(PosixFilePermission.GROUP_READ)
        || mode.contains(PosixFilePermission.OTHERS_READ)) {
      problem(where, file + " (" + what + ") is readable by other users", "chmod 600 " + file);
    } else {
      readableByTheClient(where, file);
    }
  }

  private void privateDirectory(String where, Path dir) {
    if (mode(dir).contains(PosixFilePermission.OTHERS_READ)) {
      problem(where, "'" + dir + "' can be listed by other users", "chmod 700 " + dir);
    } else {
      readableByTheClient(where, dir);
    }
  }

  /**
   * A private file (0600) or folder (0700) is the owner's alone: a client that runs as another uid
   * than root cannot read it (teku and nimbus run as 1000, and their containers see the host's
   * numeric owners through the bind mount).
   */
  private void readableByTheClient(String where, Path path) {
    if (reader == null) {
      return;
    }
    String uid = reader.split(":")[0];
    try {
      Object owner = Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
      if (!uid.equals(String.valueOf(owner))) {
        problem(
            where,
            "'"
                + path
                + "' belongs to uid "
                + owner
                + ", and the validator client reads it as uid "
                + uid
                + ": with its private mode it cannot",
            "chown " + reader + " " + path);
      }
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      // no numeric owners here: nothing to judge
    }
  }

  private static Set<PosixFilePermission> mode(Path path) {
    try {
      return Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException | UnsupportedOperationException e) {
      return Set.of(); // no POSIX modes here: nothing to judge
    }
  }

  private void problem(String where, String message, String hint) {
    problems.add(Problem.at(where, 0, message, hint));
  }
}
