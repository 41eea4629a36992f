package dev.ephemery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

class LogLineTest {

  private static LoggingEvent event(String logger, Level level, String message, Throwable t) {
    LoggerContext context = new LoggerContext();
    LoggingEvent event =
        new LoggingEvent(
            "x", context.getLogger(logger), level, message, t, new Object[] {"cache", 153});
    event.setTimeStamp(1_764_000_123_456L);
    return event;
  }

  private static String pattern(LoggingEvent event) {
    PatternLayout layout = new PatternLayout();
    layout.setContext(new LoggerContext());
    layout.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{24} - %msg%n");
    layout.start();
    return layout.doLayout(event);
  }

  private static String line(LoggingEvent event) {
    return line(event, true);
  }

  private static String line(LoggingEvent event, boolean debug) {
    LoggerContext context = new LoggerContext();
    LogConfigurator.setLevels(context, debug);
    LogConfigurator.Line layout = new LogConfigurator.Line();
    layout.setContext(context);
    layout.start();
    return layout.doLayout(event);
  }

  @Test
  void writesTheSameLineAsTheLogbackPatternItReplaces() {
    for (String logger :
        new String[] {
          "dev.ephemery.supervisor.ReleaseWatcher",
          "dev.ephemery.supervisor.AutoRecovery",
          "dev.ephemery.runtime.docker.DockerRuntime",
          "Main",
          "a.very.long.package.name.with.many.parts.AndAVeryLongClassNameIndeed"
        }) {
      for (Level level : new Level[] {Level.INFO, Level.WARN, Level.ERROR}) {
        LoggingEvent event = event(logger, level, "using the {}: iteration {}", null);
        assertThat(line(event)).isEqualTo(pattern(event));
      }
    }
    assertThat(line(event("dev.ephemery.supervisor.ReleaseWatcher", Level.WARN, "m", null)))
        .endsWith(" WARN  d.e.s.ReleaseWatcher - m" + System.lineSeparator());
  }

  @Test
  void withoutDebugALoggedExceptionIsOneLineWithoutItsTrace() {
    LoggingEvent event =
        event(
            "dev.ephemery.ops.ResetMachine", Level.WARN, "failed", new IllegalStateException("x"));

    assertThat(line(event, false))
        .endsWith(
            " - failed (java.lang.IllegalStateException: x; --debug shows the stack trace)"
                + System.lineSeparator())
        .doesNotContain("\tat ")
        .hasLineCount(1);
  }

  @Test
  void librariesAreSilentByDefaultAndSpeakWithDebug() {
    LoggerContext context = new LoggerContext();
    LogConfigurator.setLevels(context, false);
    var dockerJava = context.getLogger("com.github.dockerjava.api.async.ResultCallbackTemplate");
    var ours = context.getLogger("dev.ephemery.runtime.docker.DockerRuntime");
    assertThat(dockerJava.isErrorEnabled()).isFalse();
    assertThat(ours.isWarnEnabled()).isTrue();
    assertThat(ours.isInfoEnabled()).isFalse();

    LogConfigurator.setLevels(context, true);
    assertThat(dockerJava.isErrorEnabled()).isTrue();
    assertThat(dockerJava.isInfoEnabled()).isFalse();
    assertThat(ours.isDebugEnabled()).isTrue();
  }

  @Test
  void aLoggedExceptionFollowsItsLineAsWithThePattern() {
    LoggingEvent event =
        event(
            "dev.ephemery.ops.ResetMachine", Level.ERROR, "failed", new IllegalStateException("x"));

    assertThat(line(event))
        .isEqualTo(pattern(event))
        .contains("java.lang.IllegalStateException: x");
  }
}
