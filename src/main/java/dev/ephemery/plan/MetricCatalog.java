package dev.ephemery.plan;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The client metric names the dashboards and alert rules use, per scrape target kind, each with the
 * source that shows the client exports it. A name not listed here is not used: the dashboard tests
 * check every query against this catalogue (and the supervisor's against its real /metrics).
 *
 * <p>Consensus clients follow the beacon metrics spec (ethereum/beacon-metrics) for {@code
 * beacon_head_slot} and {@code beacon_finalized_epoch}; peers are named differently by each.
 */
public final class MetricCatalog {

  /** Head block number, the gauge the "EL not synced" rule and the EL panels read. */
  public record ClientMetrics(
      String headBlock, String headSlot, String finalizedEpoch, String peers) {
    public List<String> names() {
      return java.util.stream.Stream.of(headBlock, headSlot, finalizedEpoch, peers)
          .filter(java.util.Objects::nonNull)
          .toList();
    }
  }

  private static final String BEACON_HEAD_SLOT = "beacon_head_slot";
  private static final String BEACON_FINALIZED_EPOCH = "beacon_finalized_epoch";

  private static final Map<String, ClientMetrics> BY_CLIENT =
      Map.ofEntries(
          // go-ethereum core/blockchain.go: metrics.NewRegisteredGauge("chain/head/block", nil);
          // p2p/metrics.go: NewRegisteredGauge("p2p/peers", nil). metrics/prometheus/collector.go
          // writes "/" as "_".
          Map.entry("geth", new ClientMetrics("chain_head_block", null, null, "p2p_peers")),
          // docs.nethermind.io/1.38.0/monitoring/metrics (Blockchain): nethermind_blockchain_height
          // "The current height of the canonical chain".
          Map.entry(
              "nethermind", new ClientMetrics("nethermind_blockchain_height", null, null, null)),
          // EIP-2159 common metric names, which Besu exports (since Pantheon 1.2, PR #1634; besu
          // docs public-networks/how-to/monitor/metrics): ethereum_blockchain_height,
          // ethereum_peer_count.
          Map.entry(
              "besu",
              new ClientMetrics("ethereum_blockchain_height", null, null, "ethereum_peer_count")),
          // reth crates/engine/tree/src/tree/metrics.rs: #[metrics(scope = "blockchain_tree")]
          // canonical_chain_height; reth's Prometheus recorder prefixes "reth_".
          Map.entry(
              "reth",
              new ClientMetrics("reth_blockchain_tree_canonical_chain_height", null, null, null)),
          // erigon: no head metric name verified against its source yet; its dashboard shows the
          // scrape state and the supervisor's view only.
          Map.entry("erigon", new ClientMetrics(null, null, null, null)),
          // lighthouse v5.3.0 beacon_node/beacon_chain/src/metrics.rs:423 "beacon_head_slot",
          // :445 "beacon_finalized_epoch"; beacon_node/lighthouse_network/src/metrics.rs:16
          // "libp2p_peers".
          Map.entry(
              "lighthouse",
              new ClientMetrics(null, BEACON_HEAD_SLOT, BEACON_FINALIZED_EPOCH, "libp2p_peers")),
          // teku 90ed09bb services/beaconchain/.../BeaconChainMetrics.java: category BEACON
          // ("beacon"), "head_slot", "peer_count", "finalized_epoch".
          Map.entry(
              "teku",
              new ClientMetrics(
                  null, BEACON_HEAD_SLOT, BEACON_FINALIZED_EPOCH, "beacon_peer_count")),
          // prysm c40b59a4 beacon-chain/blockchain/metrics.go:26 "beacon_head_slot", :43
          // "beacon_finalized_epoch"; beacon-chain/p2p/monitoring.go:26 "p2p_peer_count".
          Map.entry(
              "prysm",
              new ClientMetrics(null, BEACON_HEAD_SLOT, BEACON_FINALIZED_EPOCH, "p2p_peer_count")),
          // nimbus v24.9.0 beacon_chain/consensus_object_pools/blockchain_dag.nim:31
          // beacon_head_slot, :34 beacon_finalized_epoch; beacon_chain/networking/eth2_network.nim
          // :282 nbc_peers.
          Map.entry(
              "nimbus",
              new ClientMetrics(null, BEACON_HEAD_SLOT, BEACON_FINALIZED_EPOCH, "nbc_peers")),
          // lodestar v1.22 packages/beacon-node/src/metrics/metrics/beacon.ts:20 beacon_head_slot,
          // :24 beacon_finalized_epoch; src/network/core/metrics.ts:15 libp2p_peers.
          Map.entry(
              "lodestar",
              new ClientMetrics(null, BEACON_HEAD_SLOT, BEACON_FINALIZED_EPOCH, "libp2p_peers")),
          // grandine bc5c0dba prometheus_metrics/src/metrics.rs:732 "beacon_head_slot", :737
          // "beacon_finalized_epoch".
          Map.entry(
              "grandine", new ClientMetrics(null, BEACON_HEAD_SLOT, BEACON_FINALIZED_EPOCH, null)));

  /**
   * node_exporter v1.9.1 collector/filesystem_common.go (node_filesystem_avail_bytes,
   * node_filesystem_size_bytes), collector/meminfo.go (node_memory_MemAvailable_bytes,
   * node_memory_MemTotal_bytes), collector/cpu_linux.go (node_cpu_seconds_total).
   */
  public static final List<String> NODE_EXPORTER =
      List.of(
          "node_filesystem_avail_bytes",
          "node_filesystem_size_bytes",
          "node_memory_MemAvailable_bytes",
          "node_memory_MemTotal_bytes",
          "node_cpu_seconds_total");

  /** What Prometheus itself adds for every target. */
  public static final List<String> PROMETHEUS = List.of("up");

  private MetricCatalog() {}

  /** A beacon or execution client's metric names; empty for one the catalogue does not know. */
  public static Optional<ClientMetrics> of(String client) {
    return Optional.ofNullable(BY_CLIENT.get(client));
  }
}
