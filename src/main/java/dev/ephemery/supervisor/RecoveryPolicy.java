package dev.ephemery.supervisor;

import dev.ephemery.ops.ContainerWatch.Observation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides, from what the containers look like now and the time, what auto-recovery does: restart a
 * container that is down (after a backoff that doubles per attempt), call a restart loop when a
 * container exits {@code loopExits} times within {@code window} (our restarts and the engine's own
 * count alike), and give up after {@code maxFailures} exits within the window. A container that
 * then runs for a whole window is healthy again and its count starts over. No I/O, no clock: the
 * caller passes {@code now}.
 */
public final class RecoveryPolicy {

  public record Settings(
      Duration firstBackoff, Duration maxBackoff, int loopExits, Duration window, int maxFailures) {
    public static final Settings DEFAULT =
        new Settings(Duration.ofSeconds(10), Duration.ofMinutes(5), 3, Duration.ofMinutes(10), 5);
  }

  public sealed interface Action {
    String service();
  }

  /** Start the container again; {@code attempt} counts from 1. */
  public record Restart(String service, int attempt) implements Action {}

  /** The container is in a restart loop: read its logs and name the cause. Once per loop. */
  public record Diagnose(String service, int exits) implements Action {}

  /** Too many failures: stop restarting it and alert. Once, until it runs healthy again. */
  public record GiveUp(String service, int exits) implements Action {}

  private static final class Track {
    final Deque<Instant> exits = new ArrayDeque<>();
    int restartCount = -1;
    boolean wasDown;
    int attempts;
    Instant nextRestart;
    Instant runningSince;
    boolean diagnosed;
    boolean gaveUp;
  }

  private final Settings settings;
  private final Map<String, Track> tracks = new HashMap<>();
  private final Map<String, Long> restarts = new HashMap<>();

  public RecoveryPolicy(Settings settings) {
    this.settings = settings;
  }

  public List<Action> decide(List<Observation> observations, Instant now) {
    List<Action> actions = new ArrayList<>();
    for (Observation o : observations) {
      Track t = tracks.computeIfAbsent(o.service(), s -> new Track());
      // Exits the engine's restart policy hid from us between two looks.
      if (t.restartCount >= 0 && o.restartCount() > t.restartCount) {
        for (int i = 0; i < o.restartCount() - t.restartCount; i++) {
          t.exits.addLast(now);
        }
      }
      t.restartCount = o.restartCount();
      if (o.down() && !t.wasDown) {
        t.exits.addLast(now);
      }
      t.wasDown = o.down();
      while (!t.exits.isEmpty() && t.exits.peekFirst().isBefore(now.minus(settings.window()))) {
        t.exits.removeFirst();
      }
      if (o.running()) {
        if (t.runningSince == null) {
          t.runningSince = now;
        }
        if (t.exits.isEmpty() && !now.isBefore(t.runningSince.plus(settings.window()))) {
          // Healthy for a whole window: forget the past failures.
          t.attempts = 0;
          t.diagnosed = false;
          t.gaveUp = false;
          t.nextRestart = null;
        }
      } else {
        t.runningSince = null;
      }
      int exits = t.exits.size();
      if (t.gaveUp) {
        continue;
      }
      if (exits >= settings.maxFailures()) {
        t.gaveUp = true;
        actions.add(new GiveUp(o.service(), exits));
        continue;
      }
      if (exits >= settings.loopExits() && !t.diagnosed) {
        t.diagnosed = true;
        actions.add(new Diagnose(o.service(), exits));
      }
      if (o.down()) {
        if (t.nextRestart == null) {
          t.nextRestart = now.plus(backoff(t.attempts));
        }
        if (!now.isBefore(t.nextRestart)) {
          t.attempts++;
          // We start it: if it is down at the next look, that is a new exit.
          t.wasDown = false;
          restarts.merge(o.service(), 1L, Long::sum);
          t.nextRestart = now.plus(backoff(t.attempts));
          actions.add(new Restart(o.service(), t.attempts));
        }
      } else {
        t.nextRestart = null;
      }
    }
    return actions;
  }

  /** The wait before restart number {@code attempts + 1}: first backoff, doubling, capped. */
  Duration backoff(int attempts) {
    Duration d = settings.firstBackoff();
    for (int i = 0; i < attempts && d.compareTo(settings.maxBackoff()) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : d;
  }

  /** Restarts we made, per service, since the start. */
  public Map<String, Long> restarts() {
    return Map.copyOf(restarts);
  }

  /** Services we gave up on. */
  public List<String> givenUp() {
    return tracks.entrySet().stream()
        .filter(e -> e.getValue().gaveUp)
        .map(Map.Entry::getKey)
        .sorted()
        .toList();
  }

  /**
   * Forgets what it saw (not the restart totals): a reset stops and starts containers on purpose.
   */
  public void forget() {
    tracks.clear();
  }
}
