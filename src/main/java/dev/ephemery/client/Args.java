package dev.ephemery.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Builds and reads command lines. Every generated option is one {@code --name=value} token: Besu's
 * entry script re-joins arguments through a shell, so a separate value or a bare {@code *} breaks.
 */
public final class Args {
  private final List<String> tokens = new ArrayList<>();

  public static Args of(String... leading) {
    Args args = new Args();
    args.tokens.addAll(List.of(leading));
    return args;
  }

  public Args add(String token) {
    tokens.add(token);
    return this;
  }

  public Args flag(String name, Object value) {
    tokens.add(name + "=" + value);
    return this;
  }

  public Args when(boolean condition, String name, Object value) {
    return condition ? flag(name, value) : this;
  }

  public Args when(boolean condition, String token) {
    return condition ? add(token) : this;
  }

  public List<String> build() {
    return List.copyOf(tokens);
  }

  /**
   * The option name of a token, normalised to {@code --name}: {@code --networkid=5} and {@code
   * -networkid} both give {@code --networkid}. Empty for a value or positional argument.
   */
  public static Optional<String> flagName(String token) {
    if (!token.startsWith("-") || token.equals("-") || token.equals("--")) {
      return Optional.empty();
    }
    if (token.length() > 1 && Character.isDigit(token.charAt(1))) {
      return Optional.empty(); // a negative number
    }
    // The leading dashes, without a regular expression: this runs for every word of every
    // command line a plan checks, and replaceFirst compiles its pattern at each call.
    int start = 0;
    while (start < token.length() && token.charAt(start) == '-') {
      start++;
    }
    String bare = token.substring(start);
    int eq = bare.indexOf('=');
    return Optional.of("--" + (eq < 0 ? bare : bare.substring(0, eq)));
  }

  /**
   * The value given to {@code name} in {@code args}, as {@code --name=value} or {@code --name
   * value}; empty when absent or given without a value.
   */
  public static Optional<String> valueOf(List<String> args, String name) {
    for (int i = 0; i < args.size(); i++) {
      String token = args.get(i);
      if (!flagName(token).map(name::equals).orElse(false)) {
        continue;
      }
      int eq = token.indexOf('=');
      if (eq >= 0) {
        return Optional.of(token.substring(eq + 1));
      }
      if (i + 1 < args.size() && flagName(args.get(i + 1)).isEmpty()) {
        return Optional.of(args.get(i + 1));
      }
      return Optional.of("");
    }
    return Optional.empty();
  }

  /** The option names in {@code args}, lower-cased for comparison where the client ignores case. */
  public static List<String> flagNames(List<String> args) {
    return args.stream().flatMap(a -> flagName(a).stream()).toList();
  }

  static String lower(String text) {
    return text.toLowerCase(Locale.ROOT);
  }

  private Args() {}
}
