package dev.ephemery.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The file in a validator's data folder that names the keys it votes with, and how each key is
 * written in it: as data, so the plan can carry it to whatever runtime reads the file.
 *
 * @param file the file, relative to the data folder
 * @param keyPattern a regular expression whose first group is one {@code 0x} public key
 */
public record VotingKeys(String file, String keyPattern) {

  /** The {@code 0x} public keys {@code content} (the file's text) names, lower case, in order. */
  public List<String> in(String content) {
    List<String> keys = new ArrayList<>();
    Matcher matcher = Pattern.compile(keyPattern).matcher(content);
    while (matcher.find()) {
      keys.add(matcher.group(1).toLowerCase(Locale.ROOT));
    }
    return List.copyOf(keys);
  }
}
