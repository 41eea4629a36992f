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

  private Validators() {}
}
