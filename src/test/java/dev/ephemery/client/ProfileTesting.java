package dev.ephemery.client;

import dev.ephemery.inventory.Flavor;
import dev.ephemery.testing.Fixtures;

/** Contexts for profile tests, on the real iteration-153 release. */
final class ProfileTesting {
  static final String EL_URL = "http://ephemery-node1-geth:8551";
  static final String BN_URL = "http://ephemery-node1-lighthouse:5052";

  static ClientContext execution(Flavor flavor, int p2p) {
    return new ClientContext(Fixtures.release153(), flavor, p2p, null, null, null, null, null);
  }

  static ClientContext beacon(Flavor flavor, int p2p, String checkpoint) {
    return new ClientContext(
        Fixtures.release153(), flavor, p2p, EL_URL, null, null, checkpoint, null);
  }

  static ClientContext validator(Flavor flavor) {
    return new ClientContext(
        Fixtures.release153(),
        flavor,
        0,
        null,
        BN_URL,
        "ephemery-node1-prysm",
        null,
        new ClientContext.ValidatorSettings(
            true, "0x000000000000000000000000000000000000dEaD", "ephemery"));
  }

  /** A validator with local keys and one password file, or a password file per keystore. */
  static ClientContext validatorWithPasswords(Flavor flavor, boolean perKeystore) {
    return new ClientContext(
        Fixtures.release153(),
        flavor,
        0,
        null,
        BN_URL,
        "ephemery-node1-prysm",
        null,
        new ClientContext.ValidatorSettings(
            true,
            "0x000000000000000000000000000000000000dEaD",
            "ephemery",
            perKeystore ? null : ContainerPaths.PASSWORD_FILE,
            perKeystore ? ContainerPaths.PASSWORDS_DIR : null,
            null,
            false));
  }

  private ProfileTesting() {}
}
