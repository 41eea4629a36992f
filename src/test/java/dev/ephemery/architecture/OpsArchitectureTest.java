package dev.ephemery.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The reset works from the plan alone: the plan carries each client's data layout (wipe rules, init
 * step, slashing export and import), so ops never looks a client profile up again nor reads the
 * inventory.
 */
class OpsArchitectureTest {

  @Test
  void opsDependsOnNeitherTheClientProfilesNorTheInventory() {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.ephemery");
    noClasses()
        .that()
        .resideInAPackage("dev.ephemery.ops..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.ephemery.client..", "dev.ephemery.inventory..")
        .check(classes);
  }
}
