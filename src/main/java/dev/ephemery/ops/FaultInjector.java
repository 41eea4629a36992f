package dev.ephemery.ops;

/**
 * Named points inside the reset where tests simulate a crash ({@code enter:WIPING}, {@code
 * mid:WIPING}, {@code exit:WIPING}); production passes {@link #NONE}.
 */
@FunctionalInterface
public interface FaultInjector {
  FaultInjector NONE = point -> {};

  void at(String point);
}
