package dev.ephemery.network;

import dev.ephemery.network.ParsedRelease.GenesisFacts;
import dev.ephemery.network.ReleaseProblem.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether a release can be used: every file that states the iteration, chain id, genesis
 * times, validators root or reset period must state the same one, and every file a supported client
 * reads must be there. Each disagreement is reported on its own, so one run shows all of them.
 */
public final class ReleaseVerifier {

  /**
   * Files some supported client reads (docs: clients-consensus.md, clients-execution.md) or that
   * this tool reads to follow resets.
   */
  public static final List<String> REQUIRED_FILES =
      List.of(
          "config.yaml", // every CL
          "genesis.ssz", // every CL
          "genesis.json", // geth, erigon, reth
          "besu.json", // besu
          "chainspec.json", // nethermind
          "deploy_block.txt", // lighthouse
          "deposit_contract.txt",
          "deposit_contract_block.txt", // lighthouse, prysm, nimbus, grandine
          "deposit_contract_block_hash.txt", // nimbus refuses to start without it
          "boot_enr.yaml", // lighthouse, lodestar, nimbus
          "bootstrap_nodes.txt", // nimbus, grandine
          "genesis_validators_root.txt",
          "nodevars_env.txt",
          "retention.vars");

  private static final Pattern TAG = Pattern.compile("ephemery-(\\d+)");

  private ReleaseVerifier() {}

  public static ReleaseVerification verify(ReleaseFiles files) {
    return verify(files, Optional.empty());
  }

  /**
   * @param expectedTag the release tag the files were fetched as ({@code ephemery-153}), if known
   */
  public static ReleaseVerification verify(ReleaseFiles files, Optional<String> expectedTag) {
    ParsedRelease parsed = ReleaseParser.parse(files);
    List<ReleaseProblem> problems = new ArrayList<>();
    checkFilesPresent(files, problems);
    problems.addAll(parsed.problems());

    Long iteration = iteration(parsed, expectedTag, problems);
    Long chainId = chainId(parsed, iteration, problems);
    Long elGenesis = elGenesisTime(parsed, problems);
    Long clGenesis = clGenesisTime(parsed, elGenesis, problems);
    String root = validatorsRoot(parsed, problems);
    Long period = resetPeriod(parsed, problems);
    checkDepositFiles(files, parsed, problems);
    checkGenesisStateSize(files, parsed, problems);
    checkBootnodes(parsed, problems);

    boolean complete =
        iteration != null
            && chainId != null
            && elGenesis != null
            && clGenesis != null
            && period != null
            && root != null;
    if (!complete && problems.isEmpty()) {
      problems.add(
          new ReleaseProblem(
              Kind.MISSING_VALUE, "", "the files do not state all of the release's facts"));
    }
    Release release = null;
    if (problems.isEmpty()) {
      release =
          new Release(
              new Iteration(Math.toIntExact(iteration)),
              new ChainId(chainId),
              Instant.ofEpochSecond(elGenesis),
              Instant.ofEpochSecond(clGenesis),
              Duration.ofSeconds(period),
              root,
              parsed.enodeBootnodes(),
              parsed.enrBootnodes(),
              parsed.nodevars().get("GENESIS_BLOCK"));
    }
    return new ReleaseVerification(
        release,
        problems,
        iteration == null ? null : Math.toIntExact(iteration),
        chainId,
        elGenesis,
        clGenesis,
        period,
        root);
  }

  /** The iteration every file states, and that it is the tag the release was fetched as. */
  private static Long iteration(
      ParsedRelease parsed, Optional<String> expectedTag, List<ReleaseProblem> problems) {
    Claims iterations = new Claims("iteration", Kind.ITERATION_MISMATCH);
    iterations.number(parsed.retention(), "retention.vars", "ITERATION_NUMBER", problems);
    iterations.number(parsed.nodevars(), "nodevars_env.txt", "ITERATION_NUMBER", problems);
    String releaseName = parsed.retention().get("ITERATION_RELEASE");
    if (releaseName != null) {
      Matcher matcher = TAG.matcher(releaseName);
      if (matcher.matches()) {
        iterations.add("retention.vars", "ITERATION_RELEASE", matcher.group(1));
      } else {
        problems.add(
            new ReleaseProblem(
                Kind.UNPARSABLE,
                "retention.vars",
                "ITERATION_RELEASE is not ephemery-<n>: " + releaseName));
      }
    }
    Long iteration = iterations.agreed(problems);
    if (expectedTag.isPresent() && iteration != null) {
      String expected = expectedTag.get();
      if (!expected.equals("ephemery-" + iteration)) {
        problems.add(
            new ReleaseProblem(
                Kind.RELEASE_TAG_MISMATCH,
                "",
                "fetched as release " + expected + " but the files are iteration " + iteration));
      }
    }
    return iteration;
  }

  /** The chain id every file states, and that it is 39438000 + the iteration. */
  private static Long chainId(ParsedRelease parsed, Long iteration, List<ReleaseProblem> problems) {
    Claims chainIds = new Claims("chain id", Kind.CHAIN_ID_MISMATCH);
    chainIds.number(parsed.retention(), "retention.vars", "CHAIN_ID", problems);
    chainIds.number(parsed.nodevars(), "nodevars_env.txt", "CHAIN_ID", problems);
    chainIds.number(parsed.config(), "config.yaml", "DEPOSIT_CHAIN_ID", problems);
    chainIds.number(parsed.config(), "config.yaml", "DEPOSIT_NETWORK_ID", problems);
    chainIds.fact(parsed.genesisJson(), GenesisFacts::chainId, "genesis.json", "config.chainId");
    chainIds.fact(parsed.besuJson(), GenesisFacts::chainId, "besu.json", "config.chainId");
    chainIds.fact(parsed.chainspec(), GenesisFacts::chainId, "chainspec.json", "params.networkID");
    Long chainId = chainIds.agreed(problems);
    if (chainId != null && iteration != null && chainId != ChainId.EPHEMERY_BASE + iteration) {
      problems.add(
          new ReleaseProblem(
              Kind.CHAIN_ID_NOT_ITERATION,
              "",
              "chain id "
                  + chainId
                  + " is not 39438000 + iteration "
                  + iteration
                  + " (= "
                  + (ChainId.EPHEMERY_BASE + iteration)
                  + ")"));
    }
    return chainId;
  }

  /** The execution genesis time, in epoch seconds, every file states. */
  private static Long elGenesisTime(ParsedRelease parsed, List<ReleaseProblem> problems) {
    Claims elTimes = new Claims("EL genesis time", Kind.EL_GENESIS_MISMATCH);
    elTimes.fact(parsed.genesisJson(), GenesisFacts::timestamp, "genesis.json", "timestamp");
    elTimes.number(parsed.config(), "config.yaml", "MIN_GENESIS_TIME", problems);
    elTimes.number(parsed.retention(), "retention.vars", "GENESIS_TIMESTAMP", problems);
    elTimes.fact(parsed.besuJson(), GenesisFacts::timestamp, "besu.json", "timestamp");
    elTimes.fact(
        parsed.chainspec(), GenesisFacts::timestamp, "chainspec.json", "genesis.timestamp");
    return elTimes.agreed(problems);
  }

  /** The consensus genesis time: EL genesis + GENESIS_DELAY, nodevars and genesis.ssz agree. */
  private static Long clGenesisTime(
      ParsedRelease parsed, Long elGenesis, List<ReleaseProblem> problems) {
    Long delay = number(parsed.config(), "config.yaml", "GENESIS_DELAY", problems);
    Claims clTimes = new Claims("CL genesis time", Kind.CL_GENESIS_MISMATCH);
    if (elGenesis != null && delay != null) {
      clTimes.add("config.yaml", "EL genesis + GENESIS_DELAY", Long.toString(elGenesis + delay));
    }
    clTimes.number(parsed.nodevars(), "nodevars_env.txt", "GENESIS_TIME", problems);
    if (parsed.ssz() != null) {
      clTimes.add("genesis.ssz", "genesis_time", Long.toString(parsed.ssz().genesisTime()));
    }
    return clTimes.agreed(problems);
  }

  /** The genesis validators root every file states, normalised to lower-case 0x hex. */
  private static String validatorsRoot(ParsedRelease parsed, List<ReleaseProblem> problems) {
    Claims roots = new Claims("genesis validators root", Kind.VALIDATORS_ROOT_MISMATCH);
    if (parsed.validatorsRoot() != null) {
      roots.add("genesis_validators_root.txt", "", normalizeRoot(parsed.validatorsRoot()));
    }
    String nodevarsRoot = parsed.nodevars().get("GENESIS_VALROOT");
    if (nodevarsRoot != null) {
      roots.add("nodevars_env.txt", "GENESIS_VALROOT", normalizeRoot(nodevarsRoot));
    } else if (!parsed.nodevars().isEmpty()) {
      problems.add(
          new ReleaseProblem(Kind.MISSING_VALUE, "nodevars_env.txt", "GENESIS_VALROOT is missing"));
    }
    if (parsed.ssz() != null) {
      roots.add("genesis.ssz", "genesis_validators_root", parsed.ssz().genesisValidatorsRoot());
    }
    return roots.agreedText(problems);
  }

  /** The reset period in seconds every file states; it must be positive. */
  private static Long resetPeriod(ParsedRelease parsed, List<ReleaseProblem> problems) {
    Claims periods = new Claims("reset period", Kind.RESET_PERIOD_MISMATCH);
    periods.number(parsed.retention(), "retention.vars", "GENESIS_RESET_INTERVAL", problems);
    periods.number(parsed.config(), "config.yaml", "EPHEMERY_RESET_PERIOD", problems);
    Long period = periods.agreed(problems);
    if (period != null && period <= 0) {
      problems.add(
          new ReleaseProblem(
              Kind.UNPARSABLE, "retention.vars", "the reset period must be positive: " + period));
    }
    return period;
  }

  /** A node can only find peers through bootnodes: the release must name some for each layer. */
  private static void checkBootnodes(ParsedRelease parsed, List<ReleaseProblem> problems) {
    if (parsed.enrBootnodes().isEmpty()) {
      problems.add(
          new ReleaseProblem(
              Kind.NO_BOOTNODES, "boot_enr.yaml", "no consensus bootnode (ENR) in the release"));
    }
    if (parsed.enodeBootnodes().isEmpty()) {
      problems.add(
          new ReleaseProblem(
              Kind.NO_BOOTNODES,
              "nodevars_env.txt",
              "no execution bootnode (enode) in the release"));
    }
  }

  private static void checkFilesPresent(ReleaseFiles files, List<ReleaseProblem> problems) {
    for (String name : REQUIRED_FILES) {
      if (!files.has(name)) {
        problems.add(new ReleaseProblem(Kind.MISSING_FILE, name, "not in the release"));
      } else if (files.size(name) == 0
          || (!name.endsWith(".ssz") && files.text(name).orElse("").isBlank())) {
        problems.add(new ReleaseProblem(Kind.EMPTY_FILE, name, "is empty"));
      }
    }
  }

  /**
   * The execution genesis block and the deposit contract's block are each written twice, for
   * different clients (Nimbus reads deposit_contract_block_hash.txt, this tool nodevars
   * GENESIS_BLOCK; Lighthouse reads deploy_block.txt, Prysm, Nimbus and Grandine
   * deposit_contract_block.txt): two clients must not start from different blocks.
   */
  private static void checkDepositFiles(
      ReleaseFiles files, ParsedRelease parsed, List<ReleaseProblem> problems) {
    Claims blocks = new Claims("execution genesis block hash", Kind.GENESIS_BLOCK_MISMATCH);
    String genesisBlock = parsed.nodevars().get("GENESIS_BLOCK");
    if (genesisBlock != null) {
      blocks.add("nodevars_env.txt", "GENESIS_BLOCK", normalizeRoot(genesisBlock));
    }
    files
        .text("deposit_contract_block_hash.txt")
        .map(String::strip)
        .filter(text -> !text.isEmpty())
        .ifPresent(
            hash ->
                blocks.add("deposit_contract_block_hash.txt", "block hash", normalizeRoot(hash)));
    blocks.agreedText(problems);

    Claims deposit = new Claims("deposit contract block", Kind.DEPOSIT_BLOCK_MISMATCH);
    // deposit_contract_block.txt first: more clients read it, so a tie names deploy_block.txt.
    for (String name : List.of("deposit_contract_block.txt", "deploy_block.txt")) {
      String text = files.text(name).map(String::strip).orElse("");
      if (text.isEmpty()) {
        continue; // missing or empty: reported by checkFilesPresent
      }
      Optional<Long> block = ReleaseParser.parseNumber(text);
      if (block.isPresent()) {
        deposit.add(name, "block number", Long.toString(block.get()));
      } else {
        problems.add(new ReleaseProblem(Kind.UNPARSABLE, name, "not a block number: " + text));
      }
    }
    deposit.agreedText(problems);
  }

  /**
   * Only genesis.ssz's head is parsed, so a truncated or placeholder state would pass unnoticed
   * (clients fail on it at start): its size must reach what its fork and validators need.
   */
  private static void checkGenesisStateSize(
      ReleaseFiles files, ParsedRelease parsed, List<ReleaseProblem> problems) {
    if (parsed.ssz() == null) {
      return; // missing, empty or shorter than its head: reported already
    }
    long size = files.size("genesis.ssz");
    GenesisStateSize.minimum(parsed.config(), files.text("validator-names.yaml"))
        .filter(bound -> size < bound.bytes())
        .ifPresent(
            bound ->
                problems.add(
                    new ReleaseProblem(
                        Kind.GENESIS_STATE_TOO_SMALL,
                        "genesis.ssz",
                        "is "
                            + size
                            + " bytes, but a "
                            + bound.fork().name()
                            + " BeaconState (config.yaml "
                            + bound.fork().configKey()
                            + ": 0) with "
                            + bound.validators()
                            + " validators ("
                            + bound.validatorsFrom()
                            + ") is at least "
                            + bound.bytes()
                            + " bytes")));
  }

  private static Long number(
      Map<String, String> values, String file, String key, List<ReleaseProblem> problems) {
    if (values.isEmpty()) {
      return null; // the file itself is missing: reported once as missing-file
    }
    String raw = values.get(key);
    if (raw == null) {
      problems.add(new ReleaseProblem(Kind.MISSING_VALUE, file, key + " is missing"));
      return null;
    }
    Optional<Long> value = ReleaseParser.parseNumber(raw);
    if (value.isEmpty()) {
      problems.add(
          new ReleaseProblem(Kind.UNPARSABLE, file, key + " is not a number: \"" + raw + "\""));
      return null;
    }
    return value.get();
  }

  private static String normalizeRoot(String root) {
    String lower = root.strip().toLowerCase(Locale.ROOT);
    return lower.startsWith("0x") ? lower : "0x" + lower;
  }

  /** What several files say about one quantity; the value most of them state is the reference. */
  private static final class Claims {
    private final String quantity;
    private final Kind kind;
    private final List<String[]> claims = new ArrayList<>(); // file, key, value

    Claims(String quantity, Kind kind) {
      this.quantity = quantity;
      this.kind = kind;
    }

    void add(String file, String key, String value) {
      claims.add(new String[] {file, key, value});
    }

    void number(
        Map<String, String> values, String file, String key, List<ReleaseProblem> problems) {
      Long value = ReleaseVerifier.number(values, file, key, problems);
      if (value != null) {
        add(file, key, Long.toString(value));
      }
    }

    void fact(
        GenesisFacts facts,
        java.util.function.Function<GenesisFacts, Long> field,
        String file,
        String key) {
      if (facts != null && field.apply(facts) != null) {
        add(file, key, Long.toString(field.apply(facts)));
      }
    }

    Long agreed(List<ReleaseProblem> problems) {
      String text = agreedText(problems);
      return text == null ? null : Long.parseLong(text);
    }

    String agreedText(List<ReleaseProblem> problems) {
      if (claims.isEmpty()) {
        return null;
      }
      Map<String, Integer> votes = new LinkedHashMap<>();
      for (String[] claim : claims) {
        votes.merge(claim[2], 1, Integer::sum);
      }
      String reference = claims.get(0)[2];
      for (Map.Entry<String, Integer> vote : votes.entrySet()) {
        if (vote.getValue() > votes.get(reference)) {
          reference = vote.getKey();
        }
      }
      String[] witness = null;
      for (String[] claim : claims) {
        if (claim[2].equals(reference)) {
          witness = claim;
          break;
        }
      }
      for (String[] claim : claims) {
        if (!claim[2].equals(reference)) {
          problems.add(
              new ReleaseProblem(
                  kind,
                  claim[0],
                  label(claim)
                      + " is "
                      + claim[2]
                      + " but "
                      + witness[0]
                      + " "
                      + label(witness)
                      + " is "
                      + reference
                      + " ("
                      + quantity
                      + ")"));
        }
      }
      // After a disagreement the reference is only the best guess for reports: the problems
      // added above keep the release from being used.
      return reference;
    }

    private static String label(String[] claim) {
      return claim[1].isEmpty() ? "the value" : claim[1];
    }
  }
}
