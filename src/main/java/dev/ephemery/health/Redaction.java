package dev.ephemery.health;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes secrets out of text that leaves the host (the doctor's bundle): the values known to be
 * secret (the node's JWT secret, password and token files, as read), then anything shaped like a
 * secret: bearer tokens and JWTs, PEM private keys, a keystore's crypto section, 64 hex digits
 * without 0x (JWT secrets, node keys), and the value after a name that says password, secret, token
 * or private key. Over-redacting a harmless value is the accepted cost.
 */
public final class Redaction {

  public static final String MARK = "[REDACTED]";

  private static final List<Pattern> SHAPES =
      List.of(
          // PEM private keys (any type), the whole block
          Pattern.compile(
              "-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?-----END [A-Z ]*PRIVATE KEY-----"),
          // Authorization: Bearer <token>
          Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]+"),
          // JWTs: three base64url parts, the first a JSON header
          Pattern.compile("eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*"),
          // EIP-2335 keystore crypto fields, and any "privkey"-like JSON field
          Pattern.compile(
              "(?i)(\"(?:ciphertext|salt|iv|message|checksum|privkey|private_?key|secret|password"
                  + "|passphrase|token|api_?key)\"\\s*:\\s*)(\"[^\"]*\"|\\{[^}]*\\})"),
          // name=value, name: value, --name value / --name=value where the name says secret
          Pattern.compile(
              "(?i)((?:^|[\\s\"'{,;(-])[\\w.-]*(?:password|passwd|secret|token|api_?key|private_?key"
                  + "|privkey)[\\w.-]*\"?\\s*(?:=|:|\\s)\\s*\"?)([^\\s\"',;)}]+)"),
          // 64 (or more) hex digits not after 0x: JWT secrets, node keys, raw private keys
          Pattern.compile("(?i)(?<![0-9a-fx])[0-9a-f]{64,}(?![0-9a-f])"));

  private Redaction() {}

  /** {@code text} with every known secret and every secret-shaped value replaced by the mark. */
  public static String redact(String text, Collection<String> knownSecrets) {
    String out = text;
    List<String> known = new ArrayList<>();
    for (String s : knownSecrets) {
      if (s != null && s.strip().length() >= 4) {
        known.add(s.strip());
      }
    }
    known.sort(Comparator.comparingInt(String::length).reversed());
    for (String secret : known) {
      out = out.replace(secret, MARK);
      if (secret.startsWith("0x")) {
        out = out.replace(secret.substring(2), MARK);
      }
    }
    for (Pattern shape : SHAPES) {
      Matcher m = shape.matcher(out);
      StringBuilder sb = new StringBuilder();
      while (m.find()) {
        String replacement = m.groupCount() >= 2 ? m.group(1) + MARK : MARK;
        if (m.groupCount() == 1) {
          replacement = m.group(1) + MARK;
        }
        m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
      }
      m.appendTail(sb);
      out = sb.toString();
    }
    return out;
  }
}
