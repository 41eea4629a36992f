package dev.ephemery.health;

import dev.ephemery.network.IterationFormula;
import dev.ephemery.network.IterationInfo;
import dev.ephemery.network.Release;
import java.time.Instant;

/**
 * What a node should be running: the iteration's chain id and beacon genesis, from the verified
 * release when one is known, else predicted from the schedule for the plan's iteration (then the
 * genesis_validators_root is not known).
 *
 * @param genesisValidatorsRoot 0x hex, or null when no release is at hand
 * @param fromRelease whether these facts come from a verified release
 */
public record Expected(
    int iteration,
    long chainId,
    Instant clGenesisTime,
    Instant nextReset,
    long resetPeriodSeconds,
    String genesisValidatorsRoot,
    boolean fromRelease) {

  public static Expected of(Release release) {
    return new Expected(
        release.iteration().number(),
        release.chainId().value(),
        release.clGenesisTime(),
        release.nextReset(),
        release.resetPeriod().getSeconds(),
        release.genesisValidatorsRoot(),
        true);
  }

  public static Expected predicted(int iteration) {
    IterationInfo info = IterationFormula.predictFor(new dev.ephemery.network.Iteration(iteration));
    return new Expected(
        iteration,
        info.chainId().value(),
        info.clGenesisTime(),
        info.nextReset(),
        info.resetPeriod().getSeconds(),
        null,
        false);
  }
}
