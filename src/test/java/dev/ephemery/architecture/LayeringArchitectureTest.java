package dev.ephemery.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package table of docs/architecture.md, enforced: each layer uses only the layers the table
 * lets it use, no two packages depend on each other, and each adapter's library stays in its
 * adapter. A new runtime adapter (a cluster) goes beside {@code runtime.docker}, is picked in
 * {@code wiring}, and these rules hold it there.
 */
class LayeringArchitectureTest {

  static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.ephemery");
  }

  @Test
  void eachLayerUsesOnlyTheLayersTheArchitectureTableNames() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("common")
        .definedBy("dev.ephemery.common..")
        .layer("inventory")
        .definedBy("dev.ephemery.inventory..")
        .layer("network")
        .definedBy("dev.ephemery.network..")
        .layer("client")
        .definedBy("dev.ephemery.client..")
        .layer("plan")
        .definedBy("dev.ephemery.plan..")
        .layer("hosts")
        .definedBy("dev.ephemery.hosts..")
        .layer("release")
        .definedBy("dev.ephemery.release..")
        .layer("health")
        .definedBy("dev.ephemery.health")
        .layer("runtime ports")
        .definedBy("dev.ephemery.runtime")
        .layer("ops")
        .definedBy("dev.ephemery.ops..")
        .layer("supervisor")
        .definedBy("dev.ephemery.supervisor..")
        .layer("adapters")
        .definedBy(
            "dev.ephemery.runtime.docker..",
            "dev.ephemery.runtime.ssh..",
            "dev.ephemery.runtime.local..",
            "dev.ephemery.runtime.compose..",
            "dev.ephemery.health.probe..",
            "dev.ephemery.runtime.kubernetes..")
        .layer("wiring")
        .definedBy("dev.ephemery.wiring..")
        .layer("cli")
        .definedBy("dev.ephemery.cli..")
        .whereLayer("common")
        .mayNotAccessAnyLayer()
        .whereLayer("inventory")
        .mayOnlyAccessLayers("common")
        .whereLayer("network")
        .mayOnlyAccessLayers("inventory", "common")
        .whereLayer("client")
        .mayOnlyAccessLayers("network", "inventory", "common")
        .whereLayer("plan")
        .mayOnlyAccessLayers("client", "network", "inventory", "common")
        .whereLayer("hosts")
        .mayOnlyAccessLayers("client", "network", "inventory", "common")
        .whereLayer("release")
        .mayOnlyAccessLayers("network", "inventory", "common")
        .whereLayer("health")
        .mayOnlyAccessLayers("plan", "client", "network", "inventory", "common")
        .whereLayer("runtime ports")
        .mayOnlyAccessLayers("plan", "client", "network", "inventory", "common")
        .whereLayer("ops")
        // Not client nor inventory: the plan carries each client's data layout
        // (OpsArchitectureTest).
        .mayOnlyAccessLayers("runtime ports", "release", "plan", "network", "common")
        .whereLayer("supervisor")
        .mayOnlyAccessLayers(
            "health", "ops", "runtime ports", "release", "plan", "network", "inventory", "common")
        .whereLayer("adapters")
        .mayOnlyAccessLayers(
            "health",
            "ops",
            "runtime ports",
            "release",
            "plan",
            "client",
            "network",
            "inventory",
            "common")
        .whereLayer("wiring")
        .mayOnlyAccessLayers(
            "adapters",
            "health",
            "supervisor",
            "ops",
            "runtime ports",
            "release",
            "plan",
            "client",
            "network",
            "inventory",
            "common")
        .check(classes);
  }

  @Test
  void noPackageCycles() {
    slices().matching("dev.ephemery.(**)").should().beFreeOfCycles().check(classes);
  }

  @Test
  void onlyTheDockerAdapterUsesDockerJava() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.ephemery.runtime.docker..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.github.dockerjava..")
        .check(classes);
  }

  @Test
  void onlyTheKubernetesAdapterUsesFabric8() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.ephemery.runtime.kubernetes..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.fabric8..", "tools.jackson..")
        .check(classes);
  }

  @Test
  void onlyTheSshTransportAndTheDockerAdapterUseJsch() {
    noClasses()
        .that()
        .resideOutsideOfPackages("dev.ephemery.runtime.ssh..", "dev.ephemery.runtime.docker..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.jcraft..")
        .check(classes);
  }

  @Test
  void commandsReachRuntimeAdaptersOnlyThroughTheWiring() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.ephemery.cli..", "dev.ephemery.supervisor..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.ephemery.runtime.docker..",
            "dev.ephemery.runtime.local..",
            "dev.ephemery.runtime.kubernetes..")
        .check(classes);
  }

  @Test
  void theResetReachesTheNodeOnlyThroughItsPorts() {
    // NodeRuntime and NodeFiles: the reset's work on files (LocalNodeFiles on Docker hosts) is an
    // adapter's, so a runtime whose volumes are elsewhere implements it its own way.
    noClasses()
        .that()
        .resideInAnyPackage("dev.ephemery.ops..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.ephemery.runtime..")
        .check(classes);
  }
}
