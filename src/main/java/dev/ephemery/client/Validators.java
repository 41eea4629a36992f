package dev.ephemery.client;

import java.util.List;

/** Options all validator clients share in spirit, under their own names. */
final class Validators {

  static List<String> feeAndGraffiti(
      Args args, ClientContext context, String feeFlag, String graffitiFlag) {
    ClientContext.ValidatorSettings validator = context.validator();
    if (validator != null) {
      args.when(validator.feeRecipient() != null, feeFlag, validator.feeRecipient())
          .when(validator.graffiti() != null, graffitiFlag, validator.graffiti());
    }
    return args.build();
  }

  /**
   * The one password file of local keys in the upstream flavor, which every import here takes;
   * empty without local keys, with a password per keystore, or under the wrapper flavor (its image
   * manages the client itself).
   */
  static java.util.Optional<String> onePasswordFile(ClientContext context) {
    ClientContext.ValidatorSettings validator = context.validator();
    if (context.wrapper() || validator == null || !validator.hasKeys()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.ofNullable(validator.passwordFile());
  }

  /** Whether the inventory asked for doppelganger protection (off by default on Ephemery). */
  static boolean doppelganger(ClientContext context) {
    return context.validator() != null && context.validator().doppelganger();
  }

  /** The Web3Signer URL that signs instead of local keys, when there is one. */
  static java.util.Optional<String> remoteSigner(ClientContext context) {
    return java.util.Optional.ofNullable(context.validator())
        .map(ClientContext.ValidatorSettings::remoteSigner);
  }

  /**
   * Prysm's and teku's options for a Web3Signer, spelled alike: its URL, and where to list the keys
   * it holds (both take a URL there as well as the keys themselves).
   */
  static void externalSigner(Args args, ClientContext context) {
    remoteSigner(context)
        .ifPresent(
            signer ->
                args.flag("--validators-external-signer-url", signer)
                    .flag("--validators-external-signer-public-keys", publicKeysUrl(signer)));
  }

  /**
   * Web3Signer's list of the keys it holds (its eth2 API, GET /api/v1/eth2/publicKeys), for the
   * clients that take the keys to validate from a URL.
   */
  static String publicKeysUrl(String signer) {
    return signer.replaceAll("/+$", "") + "/api/v1/eth2/publicKeys";
  }

  private Validators() {}
}
