package dev.ephemery.cli;

import picocli.CommandLine.Model.CommandSpec;

/** A command that builds its own picocli model, bound to its own fields (see {@link Specs}). */
interface DeclaredCommand {

  /** This command's model, its options and subcommands; called once per run. */
  CommandSpec declare();
}
