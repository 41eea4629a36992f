package dev.ephemery.cli;

import picocli.CommandLine.IVersionProvider;

/** Prints {@code ephemery <version>} for picocli's {@code --version}. */
public final class VersionProvider implements IVersionProvider {

  @Override
  public String[] getVersion() {
    return new String[] {Version.line()};
  }
}
