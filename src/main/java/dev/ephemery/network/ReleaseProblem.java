package dev.ephemery.network;

import dev.ephemery.common.Problem;

/**
 * One reason a release must not be used. The kind's code is stable (scripts and docs name it); the
 * message says which files disagree and how.
 */
public record ReleaseProblem(Kind kind, String file, String message) {

  public enum Kind {
    MISSING_FILE("missing-file", "the release is incomplete: fetch it again"),
    EMPTY_FILE("empty-file", "the release is incomplete: fetch it again"),
    UNPARSABLE("unparsable", "the file is damaged or not in the expected format"),
    MISSING_VALUE("missing-value", "the file lacks a value every release has"),
    ITERATION_MISMATCH("iteration-mismatch", "the files come from different iterations"),
    RELEASE_TAG_MISMATCH(
        "release-tag-mismatch", "the files are not the release that was asked for"),
    CHAIN_ID_MISMATCH("chain-id-mismatch", "the files name different chains"),
    CHAIN_ID_NOT_ITERATION("chain-id-not-iteration", "Ephemery's chain id is 39438000 + iteration"),
    EL_GENESIS_MISMATCH("el-genesis-mismatch", "the execution genesis times disagree"),
    CL_GENESIS_MISMATCH(
        "cl-genesis-mismatch", "the beacon genesis must be EL genesis + GENESIS_DELAY everywhere"),
    VALIDATORS_ROOT_MISMATCH(
        "validators-root-mismatch", "genesis.ssz and the text files name different genesis states"),
    RESET_PERIOD_MISMATCH("reset-period-mismatch", "the files disagree on the reset period"),
    GENESIS_BLOCK_MISMATCH(
        "genesis-block-mismatch", "the files name different execution genesis blocks"),
    DEPOSIT_BLOCK_MISMATCH(
        "deposit-block-mismatch",
        "Lighthouse reads deploy_block.txt, other clients deposit_contract_block.txt: they must"
            + " agree"),
    GENESIS_STATE_TOO_SMALL(
        "genesis-state-too-small", "genesis.ssz is truncated or a placeholder: fetch it again"),
    NO_BOOTNODES("no-bootnodes", "a node could not find peers with this release");

    private final String code;
    private final String hint;

    Kind(String code, String hint) {
      this.code = code;
      this.hint = hint;
    }

    public String code() {
      return code;
    }

    public String hint() {
      return hint;
    }
  }

  /** {@code chain-id-mismatch: config.yaml: DEPOSIT_CHAIN_ID is 1 but retention.vars ...}. */
  public String describe() {
    return kind.code() + ": " + (file.isEmpty() ? "" : file + ": ") + message;
  }

  public Problem toProblem() {
    return Problem.at(file, 0, kind.code() + ": " + message, kind.hint());
  }

  @Override
  public String toString() {
    return describe();
  }
}
