package dev.ephemery.inventory;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes resource quantities ({@code 500m}, {@code 2}, {@code 8Gi}) read by hand, so that the
 * inventory can say which one is wrong and compare a request with its limit without a cluster. The
 * suffixes are those of the API's quantity type (k8s.io/apimachinery/pkg/api/resource,
 * quantity.go).
 */
public final class Quantities {

  private static final Pattern QUANTITY =
      Pattern.compile("(?<number>[0-9]+(\\.[0-9]+)?|\\.[0-9]+)(?<suffix>[A-Za-z]*)");

  private static final Map<String, BigDecimal> SUFFIXES =
      Map.ofEntries(
          Map.entry("", BigDecimal.ONE),
          Map.entry("m", new BigDecimal("0.001")),
          Map.entry("k", BigDecimal.TEN.pow(3)),
          Map.entry("M", BigDecimal.TEN.pow(6)),
          Map.entry("G", BigDecimal.TEN.pow(9)),
          Map.entry("T", BigDecimal.TEN.pow(12)),
          Map.entry("P", BigDecimal.TEN.pow(15)),
          Map.entry("E", BigDecimal.TEN.pow(18)),
          Map.entry("Ki", BigDecimal.valueOf(2).pow(10)),
          Map.entry("Mi", BigDecimal.valueOf(2).pow(20)),
          Map.entry("Gi", BigDecimal.valueOf(2).pow(30)),
          Map.entry("Ti", BigDecimal.valueOf(2).pow(40)),
          Map.entry("Pi", BigDecimal.valueOf(2).pow(50)),
          Map.entry("Ei", BigDecimal.valueOf(2).pow(60)));

  private Quantities() {}

  /** The quantity's value (cores or bytes), or empty when the text is not a quantity. */
  public static Optional<BigDecimal> value(String text) {
    Matcher matcher = QUANTITY.matcher(text);
    if (!matcher.matches() || !SUFFIXES.containsKey(matcher.group("suffix"))) {
      return Optional.empty();
    }
    return Optional.of(
        new BigDecimal(matcher.group("number")).multiply(SUFFIXES.get(matcher.group("suffix"))));
  }

  /** Whether the text ends in the milli suffix (a trap for memory: 8m is 0.008 bytes). */
  static boolean milli(String text) {
    return text.endsWith("m");
  }
}
