package dev.ephemery.client;

import dev.ephemery.inventory.Flavor;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Grandine, beacon node with a built-in validator. Options: grandinetech/grandine
 * grandine/src/grandine_args.rs ({@code --network} is mainnet, sepolia, holesky, hoodi or custom;
 * {@code --configuration-directory} reads config.yaml, genesis.ssz, deposit_contract_block.txt).
 * Metrics and HTTP bind to 127.0.0.1 unless told otherwise.
 */
public final class GrandineBeaconProfile extends BeaconProfile {
  static final int REST = 5052;
  static final int METRICS = 5054;

  public GrandineBeaconProfile() {
    super(REST, METRICS);
  }

  @Override
  public String id() {
    return "grandine";
  }

  @Override
  public String image() {
    return "sifrai/grandine:2.0.5";
  }

  @Override
  public List<String> command(ClientContext context) {
    Args args =
        Args.of()
            .flag("--network", "custom")
            .flag("--configuration-directory", context.testnetDir())
            .flag("--data-dir", ContainerPaths.DATA)
            .flag("--boot-nodes", context.enrs())
            .flag("--eth1-rpc-urls", context.executionEndpoint())
            .flag("--jwt-secret", ContainerPaths.JWT)
            .flag("--http-address", "0.0.0.0")
            .flag("--http-port", REST)
            .flag("--libp2p-port", context.p2pPort())
            .flag("--discovery-port", context.p2pPort())
            .add("--disable-upnp")
            .add("--metrics")
            .flag("--metrics-address", "0.0.0.0")
            .flag("--metrics-port", METRICS);
    if (context.checkpointSyncUrl() != null) {
      args.flag("--checkpoint-sync-url", context.checkpointSyncUrl());
    }
    ClientContext.ValidatorSettings validator = context.validator();
    if (validator != null) {
      // The validator runs inside the beacon node.
      // Keys are read in place at each start, with one password file or one per keystore named
      // <keystore stem>.txt (grandinetech/grandine grandine/src/grandine_args.rs ValidatorOptions,
      // grandine/src/validators.rs): no import step.
      args.when(validator.hasKeys(), "--keystore-dir", ContainerPaths.KEYS)
          .when(
              validator.hasKeys() && validator.passwordFile() != null,
              "--keystore-password-file",
              validator.passwordFile())
          .when(
              validator.hasKeys() && validator.passwordsDir() != null,
              "--keystore-password-dir",
              validator.passwordsDir())
          .when(
              validator.feeRecipient() != null,
              "--suggested-fee-recipient",
              validator.feeRecipient())
          .when(validator.graffiti() != null, "--graffiti", validator.graffiti())
          // grandine_args.rs: --web3signer-urls; --detect-doppelgangers requires --track-liveness.
          .when(validator.remoteSigner() != null, "--web3signer-urls", validator.remoteSigner())
          .when(validator.doppelganger(), "--track-liveness")
          .when(validator.doppelganger(), "--detect-doppelgangers");
    }
    return args.build();
  }

  /**
   * {@code grandine ... interchange export FILE} (grandinetech/grandine grandine/src/commands.rs
   * {@code InterchangeCommand::Export}, book/src/slashing_protection.md): offline, with the node's
   * own network options before the subcommand; the genesis validators root comes from the
   * configuration folder's genesis.ssz (grandine/src/main.rs), the database from {@code
   * <data-dir>/<CONFIG_NAME>/validator/slashing_protection.sqlite} (directories/src/lib.rs,
   * slashing_protection/src/lib.rs {@code DB_PATH}).
   */
  @Override
  public Optional<SlashingExport> slashingExport(String testnetDir) {
    return Optional.of(
        new SlashingExport(
            null,
            Args.of()
                .flag("--network", "custom")
                .flag("--configuration-directory", testnetDir)
                .flag("--data-dir", ContainerPaths.DATA)
                .add("interchange")
                .add("export")
                .add(SlashingExport.FILE)
                .build(),
            SlashingExport.FILE,
            "grandinetech/grandine grandine/src/commands.rs, book/src/slashing_protection.md"));
  }

  /**
   * {@code grandine ... interchange import FILE} (grandinetech/grandine grandine/src/commands.rs
   * {@code InterchangeCommand::Import}, grandine/src/main.rs): offline, with the node's network
   * options before the subcommand as for the export; the genesis validators root it checks the file
   * against comes from the configuration folder's genesis.ssz.
   */
  @Override
  public Optional<SlashingImport> slashingImport(String testnetDir) {
    return Optional.of(
        new SlashingImport(
            null,
            Args.of()
                .flag("--network", "custom")
                .flag("--configuration-directory", testnetDir)
                .flag("--data-dir", ContainerPaths.DATA)
                .add("interchange")
                .add("import")
                .add(SlashingImport.FILE)
                .build(),
            "grandinetech/grandine grandine/src/commands.rs, grandine/src/main.rs"));
  }

  @Override
  public String entrypointBinary(Flavor flavor) {
    return "grandine";
  }

  @Override
  public WipeRules wipeRules() {
    // CONFIG_NAME (testnet) is appended to the data dir for a custom network; the slashing DB is
    // in its validator folder (grandinetech/grandine directories/src/lib.rs: validator_dir).
    return new WipeRules(
        List.of("testnet/network"),
        List.of("testnet/beacon"),
        List.of("testnet/validator/slashing_protection.sqlite"),
        false);
  }

  @Override
  public Map<String, String> removedFlags() {
    return Map.of(
        "--back_sync", "--back-sync",
        "--builder-api-url", "--builder-url",
        "--web3signer-api-urls", "--web3signer-urls");
  }

  /**
   * Grandine logs "checkpoint sync failed" and syncs from genesis when the server does not answer
   * (/work/shared/docs/clients-consensus.md, grandine's checkpoint sync).
   */
  @Override
  public boolean startsWithoutCheckpoint() {
    return true;
  }

  @Override
  public boolean passwordPerKeystore() {
    return true;
  }

  @Override
  public boolean takesRemoteSigner() {
    return true;
  }
}
