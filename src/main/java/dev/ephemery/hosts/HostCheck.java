package dev.ephemery.hosts;

/**
 * One check's verdict on a host.
 *
 * @param name what was checked, e.g. {@code docker}
 * @param found what the host has, in words
 * @param fix what to do about it; empty when nothing is to be done
 */
public record HostCheck(String name, Verdict verdict, String found, String fix) {

  /** OK and WARN do not stop {@code up}; FAIL does. */
  public enum Verdict {
    OK,
    WARN,
    FAIL
  }

  static HostCheck ok(String name, String found) {
    return new HostCheck(name, Verdict.OK, found, "");
  }

  static HostCheck warn(String name, String found, String fix) {
    return new HostCheck(name, Verdict.WARN, found, fix);
  }

  static HostCheck fail(String name, String found, String fix) {
    return new HostCheck(name, Verdict.FAIL, found, fix);
  }
}
