package dev.ephemery.client;

import dev.ephemery.inventory.ConsensusClient;
import dev.ephemery.inventory.ExecutionClient;

/**
 * Memory and disk each client needs on an Ephemery node, for {@code ephemery hosts prepare}.
 *
 * <p>Ephemery's chain restarts every 28 days, so its state stays a small fraction of mainnet's: the
 * figures are modest, below the clients' mainnet hardware pages, which are cited per client for
 * scale. The floors a node cannot run below are the original deployment's: {@code
 * ansible/vars/resource_management.yaml} {@code minimum_requirements} (execution 2048M, consensus
 * 1536M, validator 512M) in axol-io/ansible-ephemery at d368a69, whose own memory check refuses
 * hosts under 4 GB ({@code ansible/inventory/local-inventory.yaml}); its {@code
 * docs/reference/REQUIREMENTS.md} recommends 20GB+ of disk and 8GB+ of RAM for a node.
 */
public final class HardwareRequirements {

  /** What one client needs: recommended memory and free disk under baseDir. */
  public record Requirement(int memoryMiB, int diskGiB) {}

  /** Below this memory for an execution client the node does not run (the original's floor). */
  public static final int EXECUTION_MEMORY_FLOOR_MIB = 2048;

  public static final int CONSENSUS_MEMORY_FLOOR_MIB = 1536;

  public static final int VALIDATOR_MEMORY_FLOOR_MIB = 512;

  /**
   * Free disk under baseDir below which nothing fits: client images (a few hundred MB each), a
   * release and the first hours of the chain. Our own figure; the recommendation is per client.
   */
  public static final int DISK_FLOOR_GIB = 2;

  private HardwareRequirements() {}

  public static Requirement execution(ExecutionClient client) {
    return switch (client) {
      // geth.ethereum.org/docs/getting-started/hardware-requirements: 16GB RAM (mainnet)
      case GETH -> new Requirement(2048, 12);
      // docs.nethermind.io/get-started/system-requirements: 16 GB RAM (mainnet); .NET heap
      case NETHERMIND -> new Requirement(3072, 12);
      // besu.hyperledger.org/public-networks/get-started/system-requirements: 16 GB RAM; a JVM
      case BESU -> new Requirement(3072, 12);
      // docs.erigon.tech/getting-started/hw-requirements: 16 GB RAM (full node, mainnet)
      case ERIGON -> new Requirement(2048, 12);
      // reth.rs/installation/overview (hardware requirements): 16GB RAM (mainnet)
      case RETH -> new Requirement(2048, 12);
    };
  }

  public static Requirement beacon(ConsensusClient client) {
    return switch (client) {
      // sigp/lighthouse book/src/installation.md@2e0eb6d: 32 GB RAM recommended (mainnet)
      case LIGHTHOUSE -> new Requirement(2048, 6);
      // docs.teku.consensys.io/get-started/system-requirements: 16 GB RAM (with an EL); a JVM
      case TEKU -> new Requirement(2048, 6);
      // docs.prylabs.network/docs/install/install-with-script: 16GB RAM (mainnet)
      case PRYSM -> new Requirement(2048, 6);
      // status-im/nimbus-eth2 docs/the_nimbus_book/src/hardware.md@f54a0366a: 4GB running
      case NIMBUS -> new Requirement(1536, 6);
      // ChainSafe/lodestar docs/pages/index.md@6de0736: 16GB minimum, 32GB recommended (mainnet)
      case LODESTAR -> new Requirement(2048, 6);
      // grandinetech/grandine README.md@bc5c0dba: "~2.5GB of memory on the mainnet"
      case GRANDINE -> new Requirement(1536, 6);
    };
  }

  /** A separate validator client: a small process next to the beacon node. */
  public static Requirement validator(ConsensusClient client) {
    return switch (client) {
      // JVM and Node.js validator clients start with a larger heap than the native ones
      case TEKU, LODESTAR -> new Requirement(1024, 1);
      default -> new Requirement(VALIDATOR_MEMORY_FLOOR_MIB, 1);
    };
  }
}
