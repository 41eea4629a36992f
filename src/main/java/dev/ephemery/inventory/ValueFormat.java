package dev.ephemery.inventory;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a value must look like beyond its YAML type; each check says what is wrong and how to fix
 * it.
 */
public enum ValueFormat {
  ANY {
    @Override
    Optional<Invalid> check(Object value) {
      return Optional.empty();
    }
  },
  /** Becomes container and Docker network names, and a DNS name inside those networks. */
  DNS_LABEL {
    @Override
    Optional<Invalid> check(Object value) {
      String text = (String) value;
      if (LABEL.matcher(text).matches()) {
        return Optional.empty();
      }
      return invalid(
          "'" + text + "' is not a valid host name",
          "use 1-63 lower-case letters, digits and '-', not starting or ending with '-' (it"
              + " becomes container and network names)");
    }
  },
  /** A directory on the host the node runs on. */
  ABSOLUTE_PATH {
    @Override
    Optional<Invalid> check(Object value) {
      String text = (String) value;
      if (text.startsWith("~")) {
        return invalid(
            "'" + text + "' is not an absolute path",
            "paths on a host must start with '/': write the home directory out, e.g."
                + " /home/USER/ephemery");
      }
      if (!text.startsWith("/")) {
        return invalid("'" + text + "' is not an absolute path", "start it with '/'");
      }
      if (text.replaceAll("/+$", "").isEmpty()) {
        return invalid(
            "'/' cannot be a data directory",
            "use a directory of its own, e.g. /opt/ephemery: the tool deletes chain data under it");
      }
      for (String segment : text.split("/")) {
        if (segment.equals("..") || segment.equals(".")) {
          return invalid(
              "'" + text + "' contains '" + segment + "'", "write the path without '.' or '..'");
        }
      }
      return controlCharacters(text);
    }
  },
  /** A file on the machine that runs ephemery; '~/' is expanded there. */
  LOCAL_PATH {
    @Override
    Optional<Invalid> check(Object value) {
      String text = (String) value;
      if (text.isBlank()) {
        return invalid("the path is empty", "give a file path or remove the key");
      }
      return controlCharacters(text);
    }
  },
  ADDRESS {
    @Override
    Optional<Invalid> check(Object value) {
      Addresses.Parsed parsed = Addresses.parse((String) value);
      return parsed.ok() ? Optional.empty() : invalid(parsed.error(), parsed.hint());
    }
  },
  HTTP_URL {
    @Override
    Optional<Invalid> check(Object value) {
      return httpUrl((String) value);
    }
  },
  /**
   * A beacon API serving Ephemery's finalized state, or {@code auto} (pick one by scoring); another
   * network's server is a known trap.
   */
  CHECKPOINT_URL {
    @Override
    Optional<Invalid> check(Object value) {
      String text = (String) value;
      if (ConsensusSpec.AUTO.equals(text)) {
        return Optional.empty();
      }
      Optional<Invalid> url = httpUrl(text);
      if (url.isPresent()) {
        return url;
      }
      String lower = text.toLowerCase(Locale.ROOT);
      for (String other : OTHER_NETWORKS) {
        if (lower.contains(other)) {
          return invalid(
              "'" + text + "' looks like a checkpoint server for " + other + ", not Ephemery",
              "use an Ephemery checkpoint server, e.g. "
                  + InventoryDefaults.CHECKPOINT_SYNC_URLS.get(0)
                  + ", or remove the key to sync from genesis");
        }
      }
      return Optional.empty();
    }
  },
  /**
   * A host address to publish ports on, written as Docker takes it. IPv4 only: the same text goes
   * into {@code docker run -p} and a compose file, where an IPv6 address needs brackets.
   */
  IPV4_ADDRESS {
    @Override
    Optional<Invalid> check(Object value) {
      String text = (String) value;
      if (IPV4.matcher(text).matches()) {
        return Optional.empty();
      }
      return invalid(
          "'" + text + "' is not an IPv4 address",
          "write four numbers from 0 to 255 separated by dots, e.g. 127.0.0.1 (this machine"
              + " only) or the address of one of the host's interfaces; host names and IPv6 are"
              + " not accepted");
    }
  },
  PORT {
    @Override
    Optional<Invalid> check(Object value) {
      int port = (Integer) value;
      return port >= 1 && port <= 65535
          ? Optional.empty()
          : invalid(port + " is not a port", "use a port from 1 to 65535");
    }
  },
  IMAGE {
    @Override
    Optional<Invalid> check(Object value) {
      String text = (String) value;
      return IMAGE_REFERENCE.matcher(text).matches()
          ? Optional.empty()
          : invalid(
              "'" + text + "' is not a Docker image reference",
              "write [registry/]repository[:tag][@sha256:digest], e.g. sigp/lighthouse:v8.0.0");
    }
  },
  /** A Kubernetes CPU quantity: cores ({@code 2}, {@code 0.5}) or millicores ({@code 500m}). */
  CPU_QUANTITY {
    @Override
    Optional<Invalid> check(Object value) {
      String text = (String) value;
      return Quantities.value(text).isPresent()
          ? Optional.empty()
          : invalid(
              "'" + text + "' is not a CPU quantity",
              "write cores or millicores, e.g. 2, 0.5 or 500m (quote it so YAML keeps it text)");
    }
  },
  /** A Kubernetes memory or storage quantity: {@code 8Gi}, {@code 512Mi}, {@code 1G}. */
  BYTES_QUANTITY {
    @Override
    Optional<Invalid> check(Object value) {
      String text = (String) value;
      if (Quantities.value(text).isEmpty()) {
        return invalid(
            "'" + text + "' is not a quantity of bytes",
            "write a number with a suffix such as Mi, Gi or Ti, e.g. 8Gi");
      }
      return Quantities.milli(text)
          ? invalid(
              "'" + text + "' means thousandths of a byte ('m' is milli)",
              "write " + text.substring(0, text.length() - 1) + "Mi for mebibytes")
          : Optional.empty();
    }
  },
  /** A Kubernetes object name such as a StorageClass: a DNS subdomain. */
  DNS_SUBDOMAIN {
    @Override
    Optional<Invalid> check(Object value) {
      String text = (String) value;
      return text.length() <= 253 && SUBDOMAIN.matcher(text).matches()
          ? Optional.empty()
          : invalid(
              "'" + text + "' is not a Kubernetes object name",
              "use lower-case letters, digits, '-' and '.', as 'kubectl get storageclass' shows");
    }
  },
  ETH_ADDRESS {
    @Override
    Optional<Invalid> check(Object value) {
      String text = (String) value;
      if (!ETH.matcher(text).matches()) {
        return invalid(
            "'" + text + "' is not an Ethereum address",
            "write 0x followed by 40 hex digits (quote it so YAML keeps it a string)");
      }
      String hex = text.substring(2);
      boolean mixedCase =
          !hex.equals(hex.toLowerCase(Locale.ROOT)) && !hex.equals(hex.toUpperCase(Locale.ROOT));
      // The fixed address is deliberately not suggested: a typo would be "fixed" into another
      // address that nobody holds.
      return !mixedCase || eip55(hex).equals(text)
          ? Optional.empty()
          : invalid(
              "'"
                  + text
                  + "' fails its EIP-55 checksum (mixed case encodes one): a digit or"
                  + " letter is likely mistyped",
              "copy the address again from the wallet that holds it; all lower-case skips the"
                  + " check");
    }
  },
  GRAFFITI {
    @Override
    Optional<Invalid> check(Object value) {
      String text = (String) value;
      int bytes = text.getBytes(StandardCharsets.UTF_8).length;
      return bytes <= 32
          ? controlCharacters(text)
          : invalid(
              "the graffiti is " + bytes + " bytes long", "shorten it to at most 32 bytes (UTF-8)");
    }
  };

  /** Why a value is not acceptable, and what to write instead. */
  public record Invalid(String message, String hint) {}

  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final Pattern SUBDOMAIN =
      Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");
  private static final String OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
  private static final Pattern IPV4 = Pattern.compile(OCTET + "(?:\\." + OCTET + "){3}");
  private static final Pattern ETH = Pattern.compile("0x[0-9a-fA-F]{40}");
  private static final Pattern IMAGE_REFERENCE =
      Pattern.compile(
          "(?:[a-zA-Z0-9.-]+(?::[0-9]+)?/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*"
              + "(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*"
              + "(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?");
  private static final Pattern URL =
      Pattern.compile(
          "(?<scheme>[A-Za-z][A-Za-z0-9+.-]*)://(?:[^@/?#\\s]*@)?(?<host>\\[[0-9A-Fa-f:.]+]|[^:/?#\\s]*)"
              + "(?::(?<port>[^/?#\\s]*))?(?<rest>[/?#]\\S*)?");
  private static final java.util.List<String> OTHER_NETWORKS =
      java.util.List.of("holesky", "sepolia", "hoodi", "mainnet", "goerli", "gnosis", "chiado");

  abstract Optional<Invalid> check(Object value);

  /** The EIP-55 spelling of a 40-hex-digit address: letters upper-cased where the hash says. */
  static String eip55(String hex) {
    String lower = hex.toLowerCase(Locale.ROOT);
    byte[] hash = Keccak256.hash(lower);
    StringBuilder out = new StringBuilder("0x");
    for (int i = 0; i < lower.length(); i++) {
      int nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0x0F;
      char c = lower.charAt(i);
      out.append(nibble >= 8 ? Character.toUpperCase(c) : c);
    }
    return out.toString();
  }

  private static Optional<Invalid> invalid(String message, String hint) {
    return Optional.of(new Invalid(message, hint));
  }

  private static Optional<Invalid> controlCharacters(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isISOControl(text.charAt(i))) {
        return invalid("the value contains a control character", "remove line breaks and tabs");
      }
    }
    return Optional.empty();
  }

  private static Optional<Invalid> httpUrl(String text) {
    Matcher url = URL.matcher(text);
    if (!url.matches()) {
      return invalid("'" + text + "' is not a URL", "write http(s)://host[:port][/path]");
    }
    String scheme = url.group("scheme").toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return invalid("'" + text + "' is not an http(s) URL", "write http(s)://host[:port][/path]");
    }
    String host = url.group("host");
    if (host.isEmpty() || !(Addresses.HOSTNAME.matcher(host).matches() || host.startsWith("["))) {
      return invalid("'" + text + "' has no valid host", "write http(s)://host[:port][/path]");
    }
    String port = url.group("port");
    if (port != null && Addresses.parsePort(port) < 0) {
      return invalid("'" + text + "' has an invalid port", "use a port from 1 to 65535");
    }
    return Optional.empty();
  }
}
