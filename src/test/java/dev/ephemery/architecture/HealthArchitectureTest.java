package dev.ephemery.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The health verdicts, doctor rules and checkpoint scoring are pure (observations in, verdicts
 * out); their I/O lives in {@code health.probe}. The supervisor loads the doctor rules, so they
 * must not drag adapters in.
 */
class HealthArchitectureTest {

  static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.ephemery.health");

  @Test
  void verdictsDoNoIoAndReadNoClock() {
    noClasses()
        .that()
        .resideInAPackage("dev.ephemery.health")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "java.net..",
            "java.nio.file..",
            "dev.ephemery.health.probe..",
            "dev.ephemery.runtime..",
            "dev.ephemery.ops..",
            "dev.ephemery.release..",
            "dev.ephemery.cli..",
            "com.github.dockerjava..",
            "com.jcraft..",
            "com.fasterxml..")
        .orShould()
        .callMethod(java.time.Instant.class, "now")
        .orShould()
        .callMethod(java.lang.System.class, "currentTimeMillis")
        .check(CLASSES);
  }
}
