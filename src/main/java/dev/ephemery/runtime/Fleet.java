package dev.ephemery.runtime;

import dev.ephemery.common.EphemeryException;
import dev.ephemery.common.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Runs one action per host with bounded concurrency. A failing host does not stop the others; each
 * gets its own outcome, in input order.
 */
public final class Fleet {

  /** The result of one host: a value, or the problems that stopped it. */
  public record Outcome<R>(String host, R value, List<Problem> problems, boolean badInput) {
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  private Fleet() {}

  public static <T, R> List<Outcome<R>> run(
      List<T> items, Function<T, String> name, int parallel, Function<T, R> action) {
    if (items.size() == 1) {
      return List.of(attempt(items.get(0), name, action));
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, Math.min(parallel, items.size())),
            r -> {
              Thread thread = new Thread(r, "fleet");
              thread.setDaemon(true);
              return thread;
            });
    try {
      List<Future<Outcome<R>>> futures = new ArrayList<>();
      for (T item : items) {
        futures.add(pool.submit(() -> attempt(item, name, action)));
      }
      List<Outcome<R>> outcomes = new ArrayList<>();
      for (int i = 0; i < futures.size(); i++) {
        try {
          outcomes.add(futures.get(i).get());
        } catch (ExecutionException e) {
          outcomes.add(failure(name.apply(items.get(i)), e.getCause()));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          outcomes.add(failure(name.apply(items.get(i)), e));
        }
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }

  private static <T, R> Outcome<R> attempt(
      T item, Function<T, String> name, Function<T, R> action) {
    String host = name.apply(item);
    try {
      return new Outcome<>(host, action.apply(item), List.of(), false);
    } catch (RuntimeException e) {
      return failure(host, e);
    }
  }

  private static <R> Outcome<R> failure(String host, Throwable e) {
    if (e instanceof EphemeryException known) {
      return new Outcome<>(
          host, null, known.problems(), known.exitCode() == dev.ephemery.common.ExitCode.BAD_INPUT);
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new Outcome<>(host, null, List.of(Problem.of(host, message)), false);
  }
}
