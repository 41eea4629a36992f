package dev.ephemery.common;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * {@link Instant#toString()} without {@code DateTimeFormatter}: the JDK formats an instant through
 * {@code DateTimeFormatter.ISO_INSTANT}, whose class initialisation (some 45 classes and a dozen
 * formatters) is a few ms of a command's start when one message names a time. Same text for every
 * instant: seconds always shown, the fraction in groups of three digits as needed, {@code Z}.
 */
public final class IsoInstant {

  /** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the years written with four digits. */
  private static final long FIRST = -62_167_219_200L;

  private static final long LAST = 253_402_300_799L;

  private IsoInstant() {}

  public static String of(Instant instant) {
    long seconds = instant.getEpochSecond();
    if (seconds < FIRST || seconds > LAST) {
      return instant.toString(); // a sign or a fifth digit: the JDK's rules
    }
    LocalDateTime time = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
    StringBuilder text = new StringBuilder(32).append(time);
    if (time.getSecond() == 0) {
      text.append(":00"); // LocalDateTime leaves out zero seconds, an instant does not
    }
    int nanos = instant.getNano();
    if (nanos > 0) {
      text.append('.');
      if (nanos % 1_000_000 == 0) {
        text.append(Integer.toString(nanos / 1_000_000 + 1_000).substring(1));
      } else if (nanos % 1_000 == 0) {
        text.append(Integer.toString(nanos / 1_000 + 1_000_000).substring(1));
      } else {
        text.append(Integer.toString(nanos + 1_000_000_000).substring(1));
      }
    }
    return text.append('Z').toString();
  }
}
