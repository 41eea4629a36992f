package dev.ephemery.client;

/** Where the planner mounts things inside every container, so profiles can name them. */
public final class ContainerPaths {
  public static final String DATA = "/data";
  public static final String TESTNET = "/testnet";
  public static final String JWT = "/secrets/jwt.hex";
  public static final String KEYS = "/keys";

  /** validator.passwordFile, mounted read-only beside the keystores (not inside: not a key). */
  public static final String PASSWORD_FILE = "/keys-password.txt";

  /** validator.passwordsDir: one {@code <keystore name>.txt} per keystore, read-only. */
  public static final String PASSWORDS_DIR = "/keys-passwords";

  /** The folder the pk910 wrapper images download each release into and manage themselves. */
  public static final String WRAPPER_TESTNET = "/ephemery_config";

  private ContainerPaths() {}
}
