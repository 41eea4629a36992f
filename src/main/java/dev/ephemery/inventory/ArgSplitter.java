package dev.ephemery.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits a command-line string the way a POSIX shell would for plain words: whitespace separates,
 * single quotes keep everything, double quotes keep everything but {@code \"} and {@code \\}, a
 * backslash outside quotes escapes the next character. No expansion of any kind.
 */
public final class ArgSplitter {

  /** The arguments, or why the string could not be split. */
  public record Split(List<String> args, String error) {
    public Optional<String> problem() {
      return Optional.ofNullable(error);
    }
  }

  private ArgSplitter() {}

  public static Split split(String line) {
    List<String> args = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    int i = 0;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (Character.isWhitespace(c)) {
        if (inWord) {
          args.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
        i++;
      } else if (c == '\'') {
        int end = line.indexOf('\'', i + 1);
        if (end < 0) {
          return new Split(List.of(), "unterminated single quote at character " + (i + 1));
        }
        word.append(line, i + 1, end);
        inWord = true;
        i = end + 1;
      } else if (c == '"') {
        i++;
        boolean closed = false;
        while (i < line.length()) {
          char d = line.charAt(i);
          if (d == '\\' && i + 1 < line.length() && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
            word.append(line.charAt(i + 1));
            i += 2;
          } else if (d == '"') {
            closed = true;
            i++;
            break;
          } else {
            word.append(d);
            i++;
          }
        }
        if (!closed) {
          return new Split(List.of(), "unterminated double quote");
        }
        inWord = true;
      } else if (c == '\\' && i + 1 < line.length()) {
        word.append(line.charAt(i + 1));
        inWord = true;
        i += 2;
      } else {
        word.append(c);
        inWord = true;
        i++;
      }
    }
    if (inWord) {
      args.add(word.toString());
    }
    return new Split(args, null);
  }
}
