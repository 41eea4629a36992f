package dev.ephemery.runtime.docker;

import dev.ephemery.runtime.RuntimeOptions;
import dev.ephemery.runtime.SelfTestPolicy;

/**
 * {@link LinkSelfTestIT}'s cases with baseDir as a remote daemon's: the files and the self-test
 * through {@code up}'s helper container on the node's network, by the EL's alias, where the local
 * case calls the EL's address from this machine.
 */
class LinkSelfTestThroughHelperIT extends LinkSelfTestIT {

  @Override
  boolean throughHelper() {
    return true;
  }

  @Override
  RuntimeOptions options(SelfTestPolicy selfTest) {
    return super.options(selfTest).withLocalFiles(false);
  }
}
