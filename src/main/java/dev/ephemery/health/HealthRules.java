package dev.ephemery.health;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns what the probes saw into verdicts. Pure: observations and the expected chain in, findings
 * out; the clock is passed in. Thresholds are named so the docs and the tests quote the same ones.
 */
public final class HealthRules {

  /** A head block older than this (five 12 s slots) means the EL head does not advance. */
  public static final Duration HEAD_STALE = Duration.ofSeconds(60);

  /** Restarts of a running container from which it counts as looping. */
  public static final int RESTART_LOOP = 3;

  /** Free space under baseDir below which the node fails (and above which it is fine). */
  public static final long DISK_FAIL_BYTES = 2L << 30;

  public static final long DISK_WARN_BYTES = 20L << 30;

  /** Clock differences: the Date header has whole seconds, so 2 s is the least worth saying. */
  public static final Duration SKEW_WARN = Duration.ofSeconds(2);

  /** One slot: a beacon node this far off misses its duties, and JWTs near 60 s are refused. */
  public static final Duration SKEW_FAIL = Duration.ofSeconds(12);

  /** Before a reset, how long a missing next release is only a warning. */
  public static final Duration RELEASE_DUE = Duration.ofHours(2);

  private HealthRules() {}

  // ------------------------------------------------------------------ execution

  public static List<Finding> execution(Observed.Execution el, Expected expected, Instant now) {
    String c = "execution";
    List<Finding> out = new ArrayList<>();
    if (el.error() != null) {
      out.add(
          Finding.of(
              c,
              "rpc",
              Verdict.FAIL,
              "execution.unreachable",
              "JSON-RPC at " + el.endpoint() + " does not answer: " + el.error()));
      return out;
    }
    if (el.chainId() == null) {
      out.add(Finding.of(c, "chain", Verdict.UNKNOWN, "unknown", "eth_chainId gave no answer"));
    } else if (el.chainId() == expected.chainId()) {
      out.add(Finding.ok(c, "chain", "chain id " + el.chainId()));
    } else {
      out.add(
          Finding.of(
              c,
              "chain",
              Verdict.FAIL,
              isEphemery(el.chainId()) && el.chainId() < expected.chainId()
                  ? "execution.previous-iteration"
                  : "execution.wrong-chain",
              "eth_chainId is "
                  + el.chainId()
                  + ", iteration "
                  + expected.iteration()
                  + " is "
                  + expected.chainId()
                  + (isEphemery(el.chainId()) && el.chainId() < expected.chainId()
                      ? " (the node is still on iteration "
                          + (el.chainId() - dev.ephemery.network.ChainId.EPHEMERY_BASE)
                          + ")"
                      : "")));
    }
    if (Boolean.TRUE.equals(el.syncing())) {
      out.add(
          Finding.of(
              c,
              "sync",
              Verdict.WARN,
              "execution.syncing",
              "syncing: block "
                  + el.currentBlock()
                  + " of "
                  + el.highestBlock()
                  + (el.highestBlock() != null && el.currentBlock() != null
                      ? " (" + (el.highestBlock() - el.currentBlock()) + " behind)"
                      : "")));
    } else if (el.syncing() == null) {
      out.add(Finding.of(c, "sync", Verdict.UNKNOWN, "unknown", "eth_syncing gave no answer"));
    } else {
      out.add(Finding.ok(c, "sync", "not syncing (eth_syncing false)"));
    }
    out.add(peers(c, el.peers(), "net_peerCount"));
    out.add(head(el, now));
    return out;
  }

  private static Finding head(Observed.Execution el, Instant now) {
    if (el.headNumber() == null || el.headTimestamp() == null) {
      return Finding.of(
          "execution", "head", Verdict.UNKNOWN, "unknown", "the latest block was not answered");
    }
    long age = now.getEpochSecond() - el.headTimestamp();
    String at = "block " + el.headNumber() + ", " + age + " s old";
    if (age <= HEAD_STALE.getSeconds()) {
      return Finding.ok("execution", "head", "advancing: " + at);
    }
    return Finding.of(
        "execution",
        "head",
        Verdict.WARN,
        "execution.head-stale",
        "not advancing: "
            + at
            + " (more than "
            + HEAD_STALE.getSeconds()
            + " s; the beacon node drives it)");
  }

  private static boolean isEphemery(long chainId) {
    return chainId > dev.ephemery.network.ChainId.EPHEMERY_BASE
        && chainId < dev.ephemery.network.ChainId.EPHEMERY_BASE + 100_000;
  }

  private static Finding peers(String component, Long peers, String source) {
    if (peers == null) {
      return Finding.of(component, "peers", Verdict.UNKNOWN, "unknown", source + " gave no answer");
    }
    if (peers == 0) {
      return Finding.of(
          component,
          "peers",
          Verdict.WARN,
          component + ".no-peers",
          "no peers (" + source + " 0): check the P2P port is open and the bootnodes are current");
    }
    return Finding.ok(component, "peers", peers + " peers");
  }

  // ------------------------------------------------------------------ consensus

  public static List<Finding> consensus(Observed.Consensus cl, Expected expected) {
    String c = "consensus";
    List<Finding> out = new ArrayList<>();
    if (cl.error() != null) {
      out.add(
          Finding.of(
              c,
              "api",
              Verdict.FAIL,
              "consensus.unreachable",
              "beacon API at " + cl.endpoint() + " does not answer: " + cl.error()));
      return out;
    }
    out.add(genesis(cl, expected));
    out.add(health(cl));
    out.add(sync(cl));
    out.add(peers(c, cl.peersConnected(), "/eth/v1/node/peer_count connected"));
    return out;
  }

  private static Finding health(Observed.Consensus cl) {
    Integer status = cl.health();
    if (status == null) {
      return Finding.of("consensus", "health", Verdict.UNKNOWN, "unknown", "no health answer");
    }
    return switch (status) {
      case 200 -> Finding.ok("consensus", "health", "ready (/eth/v1/node/health 200)");
      case 206 ->
          Finding.of(
              "consensus",
              "health",
              Verdict.WARN,
              "consensus.syncing",
              "syncing or optimistic (/eth/v1/node/health 206)");
      case 503 ->
          Finding.of(
              "consensus",
              "health",
              Verdict.FAIL,
              "consensus.not-initialized",
              "not initialized or having issues (/eth/v1/node/health 503)");
      default ->
          Finding.of(
              "consensus",
              "health",
              Verdict.WARN,
              "consensus.health",
              "/eth/v1/node/health answered HTTP " + status);
    };
  }

  private static Finding sync(Observed.Consensus cl) {
    if (Boolean.TRUE.equals(cl.elOffline())) {
      return Finding.of(
          "consensus",
          "sync",
          Verdict.FAIL,
          "consensus.el-offline",
          "the beacon node reports its execution client offline (el_offline true)");
    }
    if (cl.syncing() == null) {
      return Finding.of(
          "consensus", "sync", Verdict.UNKNOWN, "unknown", "/eth/v1/node/syncing gave no answer");
    }
    String at = "head slot " + cl.headSlot() + ", sync distance " + cl.syncDistance();
    if (cl.syncing()) {
      return Finding.of("consensus", "sync", Verdict.WARN, "consensus.syncing", "syncing: " + at);
    }
    if (Boolean.TRUE.equals(cl.optimistic())) {
      return Finding.of(
          "consensus",
          "sync",
          Verdict.WARN,
          "consensus.optimistic",
          "optimistic (the EL has not validated the head yet): " + at);
    }
    return Finding.ok("consensus", "sync", "synced: " + at);
  }

  /**
   * The beacon genesis against the release's: a root or time of an earlier iteration is FAIL with
   * that iteration named.
   */
  static Finding genesis(Observed.Consensus cl, Expected expected) {
    String c = "consensus";
    if (cl.genesisStatus() != null && cl.genesisStatus() == 404) {
      return Finding.of(
          c, "genesis", Verdict.WARN, "consensus.no-genesis", "genesis not known yet (HTTP 404)");
    }
    if (cl.genesisTime() == null) {
      return Finding.of(
          c, "genesis", Verdict.UNKNOWN, "unknown", "/eth/v1/beacon/genesis gave no answer");
    }
    long want = expected.clGenesisTime().getEpochSecond();
    long got = cl.genesisTime();
    boolean rootKnown = expected.genesisValidatorsRoot() != null;
    boolean rootMatches =
        !rootKnown || expected.genesisValidatorsRoot().equalsIgnoreCase(cl.genesisValidatorsRoot());
    if (got == want && rootMatches) {
      return Finding.ok(
          c,
          "genesis",
          "iteration "
              + expected.iteration()
              + (rootKnown
                  ? " (genesis_validators_root and genesis_time match)"
                  : " (genesis_time" + " matches; no release to compare the root with)"));
    }
    Optional<Integer> earlier = earlierIteration(got, want, expected);
    if (earlier.isPresent()) {
      return Finding.of(
          c,
          "genesis",
          Verdict.FAIL,
          "consensus.previous-iteration",
          "still on iteration "
              + earlier.get()
              + ": genesis_time "
              + got
              + " is "
              + (expected.iteration() - earlier.get())
              + " reset period(s) before iteration "
              + expected.iteration()
              + "'s "
              + want);
    }
    return Finding.of(
        c,
        "genesis",
        Verdict.FAIL,
        "consensus.wrong-chain",
        "serves another chain: genesis_time "
            + got
            + ", genesis_validators_root "
            + cl.genesisValidatorsRoot()
            + "; iteration "
            + expected.iteration()
            + " has "
            + want
            + (rootKnown ? ", " + expected.genesisValidatorsRoot() : ""));
  }

  /**
   * The earlier iteration whose genesis a time is, counted in whole reset periods (rounded, since
   * the weekly iterations before 135 had other periods); empty for a later or unrelated time.
   */
  public static Optional<Integer> earlierIteration(long genesisTime, long want, Expected expected) {
    long period = expected.resetPeriodSeconds();
    long diff = want - genesisTime;
    if (diff <= 0 || period <= 0 || diff > period * (long) expected.iteration()) {
      return Optional.empty();
    }
    long steps = Math.max(1, Math.round((double) diff / period));
    return Optional.of((int) (expected.iteration() - steps));
  }

  // ------------------------------------------------------------------ containers

  /** A container's verdict; a failed one carries the doctor's diagnosis of its last lines. */
  public static Finding container(Observed.Container ct) {
    String c = ct.service();
    String diagnosis =
        DoctorRules.matchLog(ct.lastLines())
            .map(m -> "; cause: " + m.rule().cause() + " (\"" + m.evidence() + "\")")
            .orElse("");
    boolean init = "init".equals(ct.role());
    String restarts =
        ct.restartCount() == null || ct.restartCount() == 0
            ? ""
            : ", restarted " + ct.restartCount() + " times";
    if (Boolean.TRUE.equals(ct.oomKilled())) {
      return Finding.of(
          c,
          "container",
          Verdict.FAIL,
          "container.oom",
          ct.state() + ": killed for lack of memory (OOMKilled)" + restarts);
    }
    switch (ct.state()) {
      case "missing":
        return Finding.of(
            c, "container", Verdict.FAIL, "container.missing", "planned but not created");
      case "restarting":
        return Finding.of(
            c,
            "container",
            Verdict.FAIL,
            "container.restart-loop",
            "restarting (last exit code " + ct.exitCode() + restarts + ")" + diagnosis);
      case "running":
        if (ct.restartCount() != null && ct.restartCount() >= RESTART_LOOP) {
          return Finding.of(
              c,
              "container",
              Verdict.WARN,
              "container.restart-loop",
              "running" + restarts + diagnosis);
        }
        if (Boolean.FALSE.equals(ct.upToDate())) {
          return Finding.of(
              c, "container", Verdict.WARN, "container.outdated", "running, differs from the plan");
        }
        return Finding.ok(c, "container", "running" + restarts);
      case "exited":
        if (init && Integer.valueOf(0).equals(ct.exitCode())) {
          return Finding.ok(c, "container", "init step exited 0");
        }
        return Finding.of(
            c,
            "container",
            Verdict.FAIL,
            "container.exited",
            "exited with code " + ct.exitCode() + restarts + diagnosis);
      default:
        return Finding.of(
            c, "container", Verdict.FAIL, "container.not-running", ct.state() + diagnosis);
    }
  }

  // ------------------------------------------------------------------ host

  public static Finding disk(Observed.Disk disk) {
    if (disk.freeBytes() == null) {
      return Finding.of(
          "disk", "free", Verdict.UNKNOWN, "unknown", "free space not measured: " + disk.error());
    }
    long free = disk.freeBytes();
    String text = gib(free) + " free of " + gib(disk.totalBytes()) + " under " + disk.path();
    if (free < DISK_FAIL_BYTES) {
      return Finding.of("disk", "free", Verdict.FAIL, "disk.full", text);
    }
    if (free < DISK_WARN_BYTES) {
      return Finding.of("disk", "free", Verdict.WARN, "disk.low", text);
    }
    return Finding.ok("disk", "free", text);
  }

  private static String gib(Long bytes) {
    return bytes == null
        ? "?"
        : String.format(java.util.Locale.ROOT, "%.1f GiB", bytes / 1073741824.0);
  }

  /** The largest difference between a node's Date headers and this machine's clock. */
  public static Finding clock(List<Observed.ClockReading> readings) {
    if (readings.isEmpty()) {
      return Finding.of(
          "clock", "skew", Verdict.UNKNOWN, "unknown", "no endpoint answered with a Date header");
    }
    Observed.ClockReading worst = readings.get(0);
    long worstSkew = 0;
    for (Observed.ClockReading r : readings) {
      long skew = Math.abs(skewMillis(r));
      if (skew >= worstSkew) {
        worstSkew = skew;
        worst = r;
      }
    }
    String text =
        worst.source()
            + "'s clock is "
            + (skewMillis(worst) / 1000.0)
            + " s from this machine's (Date header, whole seconds)";
    if (worstSkew > SKEW_FAIL.toMillis()) {
      return Finding.of("clock", "skew", Verdict.FAIL, "clock.skew", text);
    }
    if (worstSkew > SKEW_WARN.toMillis() + 999) {
      return Finding.of("clock", "skew", Verdict.WARN, "clock.skew", text);
    }
    return Finding.ok("clock", "skew", text);
  }

  /** Remote minus local; the header truncates to the second, so up to 999 ms of it is rounding. */
  static long skewMillis(Observed.ClockReading r) {
    return Duration.between(r.local(), r.remote()).toMillis();
  }

  public static Finding validator(Observed.Validator v) {
    if (v.keys() == null) {
      return Finding.of("validator", "keys", Verdict.UNKNOWN, "unknown", v.error());
    }
    if (v.keys() == 0) {
      return Finding.of(
          "validator",
          "keys",
          Verdict.FAIL,
          "validator.no-keys",
          "the validator runs without keys: validator.keysDir holds no keystore");
    }
    if (v.error() != null) {
      return Finding.of(
          "validator",
          "keys",
          Verdict.UNKNOWN,
          "unknown",
          v.keys() + " keys; their chain state is unknown: " + v.error());
    }
    if (v.needingDeposit() > 0) {
      return Finding.of(
          "validator",
          "keys",
          Verdict.WARN,
          "validator.not-deposited",
          v.keys() + " keys, " + v.needingDeposit() + " not deposited on this chain");
    }
    if (v.exitCode() != 0) {
      return Finding.of(
          "validator",
          "keys",
          Verdict.WARN,
          "validator.inactive",
          v.keys() + " keys, some exited or slashed (see 'ephemery validator status')");
    }
    return Finding.ok("validator", "keys", v.keys() + " keys, all active or pending");
  }

  public static Finding link(Observed.Link link) {
    if (link.ok()) {
      return Finding.ok("link", "engine", "the EL answers the CL's signed Engine API call");
    }
    boolean token = link.problem() != null && link.problem().contains("InvalidToken");
    return Finding.of(
        "link",
        "engine",
        Verdict.FAIL,
        token ? "link.invalid-token" : "link.broken",
        link.problem());
  }

  /** Near a reset, the next iteration's release should be cached. */
  public static Finding release(Expected expected, Instant now) {
    Duration left = Duration.between(now, expected.nextReset());
    String text =
        "iteration "
            + expected.iteration()
            + (expected.fromRelease() ? " (newest cached release)" : " (predicted)")
            + ", next reset "
            + expected.nextReset()
            + " (in "
            + human(left)
            + ")";
    if (!expected.fromRelease()) {
      return Finding.of(
          "release", "next", Verdict.UNKNOWN, "unknown", text + "; no release cached");
    }
    if (left.isNegative()) {
      return Finding.of(
          "release",
          "next",
          Verdict.FAIL,
          "release.missing",
          text + "; the next iteration has begun and its release is not cached");
    }
    if (left.compareTo(RELEASE_DUE) < 0) {
      return Finding.of(
          "release",
          "next",
          Verdict.WARN,
          "release.missing-near-reset",
          text + "; the next release is not cached yet");
    }
    return Finding.ok("release", "next", text);
  }

  /** "3d 4h", "2h 5m", "-1h 2m" (past). */
  public static String human(Duration d) {
    String sign = d.isNegative() ? "-" : "";
    Duration a = d.abs();
    if (a.toDays() > 0) {
      return sign + a.toDays() + "d " + a.toHoursPart() + "h";
    }
    if (a.toHours() > 0) {
      return sign + a.toHours() + "h " + a.toMinutesPart() + "m";
    }
    return sign + a.toMinutes() + "m " + a.toSecondsPart() + "s";
  }
}
