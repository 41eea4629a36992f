package dev.ephemery.ops;

import dev.ephemery.plan.Role;
import java.util.List;

/**
 * Each client's data-dir rules for a reset (docs/reset.md has the table with sources). They differ
 * from the retention.sh script on purpose where it loses keys: nimbus validators/secrets are kept,
 * prysm's slashing DB is reset under the validator's folder, lighthouse's under validators/.
 */
public final class ClientDataRules {

  private ClientDataRules() {}

  public static DataDirRules of(Role role, String client) {
    return switch (role) {
      case EXECUTION -> execution(client);
      case CONSENSUS -> beacon(client);
      case VALIDATOR -> validator(client);
      default -> DataDirRules.NONE;
    };
  }

  private static DataDirRules execution(String client) {
    return switch (client) {
      case "geth" -> rules(List.of("geth/nodekey", "keystore"), List.of("geth/*"), true);
      case "erigon" -> rules(List.of("nodekey"), List.of("*"), true);
      case "reth" ->
          rules(
              List.of("discovery-secret"),
              List.of("db", "static_files", "rocksdb", "blobstore", "known-peers.json"),
              false);
      case "besu" ->
          rules(
              List.of("key"),
              List.of("database", "caches", "DATABASE_METADATA.json", "VERSION_METADATA.json"),
              false);
      case "nethermind" -> rules(List.of("keystore"), List.of("db", "nethermind_db"), false);
      default -> throw new IllegalArgumentException("no data rules for execution client " + client);
    };
  }

  private static DataDirRules beacon(String client) {
    return switch (client) {
      case "lighthouse" -> rules(List.of("beacon/network"), List.of("beacon/*"), false);
      case "teku" -> rules(List.of("beacon/kvstore"), List.of("beacon/*", "logs/*"), false);
      case "prysm" -> rules(List.of("network-keys"), List.of("beaconchaindata"), false);
      // Validators in the beacon's folder (a shared data dir) stay; only the chain DB goes.
      case "nimbus" -> rules(List.of("validators", "secrets", "netkey"), List.of("db"), false);
      case "lodestar" -> rules(List.of("peer-id.json"), List.of("chain-db/*"), false);
      case "grandine" ->
          new DataDirRules(
              List.of("testnet/network"),
              List.of("testnet/beacon"),
              List.of("testnet/validator/slashing_protection.sqlite"),
              false);
      default -> throw new IllegalArgumentException("no data rules for consensus client " + client);
    };
  }

  private static DataDirRules validator(String client) {
    return switch (client) {
      case "lighthouse" ->
          new DataDirRules(
              List.of("validators", "secrets", "validator_definitions.yml"),
              List.of(),
              List.of("validators/slashing_protection.sqlite"),
              false);
      case "teku" ->
          new DataDirRules(
              List.of("validator/key-manager"),
              List.of(),
              List.of("validator/slashprotection"),
              false);
      case "prysm" ->
          new DataDirRules(List.of("wallet"), List.of(), List.of("validator.db"), false);
      case "nimbus" ->
          new DataDirRules(
              List.of("validators", "secrets"),
              List.of(),
              List.of("validators/slashing_protection.sqlite3"),
              false);
      case "lodestar" ->
          new DataDirRules(
              List.of("keystores", "secrets"), List.of(), List.of("validator-db"), false);
      default -> throw new IllegalArgumentException("no data rules for validator client " + client);
    };
  }

  private static DataDirRules rules(List<String> keep, List<String> wipe, boolean reinit) {
    return new DataDirRules(keep, wipe, List.of(), reinit);
  }
}
