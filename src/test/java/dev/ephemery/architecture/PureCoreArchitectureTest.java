package dev.ephemery.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pure core (inventory, network knowledge, client profiles, plan) knows no runtime, does no
 * file or network I/O and never reads the wall clock: time comes in as a parameter, so all of it is
 * testable.
 */
class PureCoreArchitectureTest {

  static final String[] PURE_CORE = {
    "dev.ephemery.inventory..",
    "dev.ephemery.network..",
    "dev.ephemery.client..",
    "dev.ephemery.plan..",
    "dev.ephemery.hosts.."
  };

  static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.ephemery");
  }

  @Test
  void pureCoreDoesNotUseAdaptersOrTheCli() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAnyPackage(PURE_CORE)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "dev.ephemery.release..",
                "dev.ephemery.runtime..",
                "dev.ephemery.ops..",
                "dev.ephemery.supervisor..",
                "dev.ephemery.cli..",
                "picocli..",
                "com.github.dockerjava..",
                "com.jcraft..",
                "org.apache.commons.compress..");
    rule.check(classes);
  }

  @Test
  void opsAndRuntimeDoNotReachUpIntoTheSupervisorOrTheCli() {
    // One direction: cli -> supervisor -> ops -> runtime/release -> pure core.
    ArchRule rule =
        noClasses()
            .that()
            .resideInAnyPackage(
                "dev.ephemery.ops..", "dev.ephemery.runtime..", "dev.ephemery.release..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.ephemery.supervisor..", "dev.ephemery.cli..");
    rule.check(classes);
  }

  @Test
  void pureCoreDoesNoFileOrNetworkIo() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAnyPackage(PURE_CORE)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "java.nio.file..", "java.net..", "java.nio.channels..", "com.sun.net..")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("java.io.File")
            .orShould()
            .dependOnClassesThat()
            .haveNameMatching("java\\.io\\.(File|Random).*")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("java.lang.ProcessBuilder")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("java.lang.Runtime");
    rule.check(classes);
  }

  @Test
  void pureCoreNeverReadsTheWallClock() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAnyPackage(PURE_CORE)
            .should()
            .callMethod(java.time.Instant.class, "now")
            .orShould()
            .callMethod(java.lang.System.class, "currentTimeMillis")
            .orShould()
            .callMethod(java.lang.System.class, "nanoTime")
            .orShould()
            .callMethod(java.time.Clock.class, "systemUTC")
            .orShould()
            .callMethod(java.time.Clock.class, "systemDefaultZone")
            .orShould()
            .callMethod(java.time.LocalDateTime.class, "now")
            .orShould()
            .callMethod(java.time.ZonedDateTime.class, "now");
    rule.check(classes);
  }
}
