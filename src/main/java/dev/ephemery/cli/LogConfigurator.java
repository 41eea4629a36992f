package dev.ephemery.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.slf4j.Logger;

/**
 * The logging set-up of src/main/resources/logback.xml, in code: parsing the XML loads an XML
 * parser and several hundred configuration classes into every process, the long-lived supervisor
 * included. The line is written by hand for the same reason: a PatternLayout compiles its pattern
 * with about 150 parser and converter classes. A logback-test.xml on the class path (tests) still
 * wins.
 */
public final class LogConfigurator extends ContextAwareBase implements Configurator {

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (LogConfigurator.class.getClassLoader().getResource("logback-test.xml") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    Line layout = new Line();
    layout.setContext(context);
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(context);
    encoder.setLayout(layout);
    encoder.start();
    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setContext(context);
    appender.setName("STDERR");
    appender.setTarget("System.err");
    appender.setEncoder(encoder);
    appender.start();
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.addAppender(appender);
    setLevels(context, false);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /**
   * The default: our own warnings, without stack traces, and nothing from libraries. A library's
   * ERROR line (docker-java's callback logs a failed image pull with its whole trace) would come
   * before the tool's own message about the same failure and say less. {@code --debug}: our debug
   * lines, the libraries' warnings and errors, and every stack trace.
   */
  static void setLevels(LoggerContext context, boolean debug) {
    context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(debug ? Level.WARN : Level.OFF);
    context.getLogger(OWN_LOGGERS).setLevel(debug ? Level.DEBUG : Level.WARN);
    context.putObject(TRACES, debug);
  }

  /** Called for {@code --debug} only, so a plain run never loads logback before it logs. */
  public static void enableDebug() {
    if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof LoggerContext context
        && context.getObject(TRACES) != null) {
      setLevels(context, true);
    }
  }

  static final String OWN_LOGGERS = "dev.ephemery";
  private static final String TRACES = "ephemery.traces";

  /**
   * The pattern {@code %d{HH:mm:ss.SSS} %-5level %logger{24} - %msg%n}, with the exception (if any)
   * after it as a PatternLayout adds it.
   */
  static final class Line extends LayoutBase<ILoggingEvent> {
    private final ZoneId zone = ZoneId.systemDefault();

    @Override
    public String doLayout(ILoggingEvent event) {
      StringBuilder out = new StringBuilder(128);
      LocalTime t = LocalTime.ofInstant(Instant.ofEpochMilli(event.getTimeStamp()), zone);
      pad(out, t.getHour(), 2).append(':');
      pad(out, t.getMinute(), 2).append(':');
      pad(out, t.getSecond(), 2).append('.');
      pad(out, t.getNano() / 1_000_000, 3).append(' ');
      String level = event.getLevel().toString();
      out.append(level).append(" ".repeat(Math.max(0, 5 - level.length()))).append(' ');
      out.append(abbreviate(event.getLoggerName(), 24)).append(" - ");
      out.append(event.getFormattedMessage()).append(CoreConstants.LINE_SEPARATOR);
      IThrowableProxy thrown = event.getThrowableProxy();
      if (thrown != null && Boolean.TRUE.equals(getContext().getObject(TRACES))) {
        out.append(ThrowableProxyUtil.asString(thrown));
      } else if (thrown != null) {
        out.setLength(out.length() - CoreConstants.LINE_SEPARATOR.length());
        out.append(" (").append(thrown.getClassName()).append(": ").append(thrown.getMessage());
        out.append("; --debug shows the stack trace)").append(CoreConstants.LINE_SEPARATOR);
      }
      return out.toString();
    }

    private static StringBuilder pad(StringBuilder out, int value, int width) {
      String digits = Integer.toString(value);
      return out.append("0".repeat(Math.max(0, width - digits.length()))).append(digits);
    }

    /** logback's {@code %logger{N}}: packages cut to their initial, left first, until it fits. */
    static String abbreviate(String name, int target) {
      if (name.length() <= target) {
        return name;
      }
      String[] parts = name.split("\\.");
      int length = name.length();
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < parts.length - 1; i++) {
        if (length > target && parts[i].length() > 1) {
          length -= parts[i].length() - 1;
          out.append(parts[i].charAt(0));
        } else {
          out.append(parts[i]);
        }
        out.append('.');
      }
      return out.append(parts[parts.length - 1]).toString();
    }
  }
}
