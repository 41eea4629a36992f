package dev.ephemery.client;

/** The pk910/ephemery-client-wrapper images. */
public final class Wrappers {
  public static final String REPOSITORY_PREFIX = "pk910/ephemery-";

  /**
   * The wrapper images are rebuilt from the upstream {@code latest} images; the version tags seen
   * pinned elsewhere (ephemery-geth v1.15.3, ephemery-teku 24.1.0) predate Fulu, which Ephemery
   * runs from epoch 0. So the rolling tag is the only one that works; pin a digest with the
   * inventory's {@code image} to freeze it.
   */
  static String image(String name) {
    return REPOSITORY_PREFIX + name + ":latest";
  }

  /** True for a pk910/ephemery-* image, which fetches releases and resets by itself. */
  public static boolean isWrapperImage(String image) {
    return image != null && image.startsWith(REPOSITORY_PREFIX);
  }

  private Wrappers() {}
}
