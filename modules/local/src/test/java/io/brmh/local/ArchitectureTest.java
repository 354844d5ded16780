package io.brmh.local;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.micronaut.http.annotation.Controller;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering rules of STYLE §2, §5 and §9, checked on the compiled classes of every module (this
 * module depends on all of them). Each rule's {@code because} says how to fix a violation.
 */
class ArchitectureTest {
  private static JavaClasses brmh;

  @BeforeAll
  static void importClasses() {
    brmh =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.brmh");
  }

  @Test
  void contractsDependOnNothingInternal() {
    noClasses()
        .that()
        .resideInAPackage("io.brmh.contracts..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.brmh.platform..",
            "io.brmh.gateway..",
            "io.brmh.cacheworker..",
            "io.brmh.namespaceworker..",
            "io.brmh.scrapeworker..",
            "io.brmh.indexworker..",
            "io.brmh.opensearch..",
            "io.brmh.streambridge..",
            "io.brmh.devstack..",
            "io.brmh.local..")
        .because(
            "contracts are the wire format every deployable and every client shares: move what they need into contracts, "
                + "or the code that needs BRMH's internals out of them")
        .check(brmh);
  }

  @Test
  void controllersCallServicesNotRedisAwsOrKafka() {
    noClasses()
        .that()
        .areAnnotatedWith(Controller.class)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.redisson..", "software.amazon.awssdk..", "org.apache.kafka..")
        .because(
            "a controller validates, calls one service and maps its answer: put the Redis, AWS or Kafka call in a plain "
                + "service class beside it and inject that")
        .check(brmh);
  }

  @Test
  void noWorkerDependsOnTheGateway() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.brmh.cacheworker..",
            "io.brmh.namespaceworker..",
            "io.brmh.scrapeworker..",
            "io.brmh.indexworker..",
            "io.brmh.opensearch..",
            "io.brmh.streambridge..",
            "io.brmh.platform..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.brmh.gateway..")
        .because(
            "workers deploy without the gateway: move what both need into platform (or contracts, if it goes on the wire)")
        .check(brmh);
  }

  @Test
  void platformDependsOnNoDeployable() {
    noClasses()
        .that()
        .resideInAPackage("io.brmh.platform..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.brmh.cacheworker..",
            "io.brmh.namespaceworker..",
            "io.brmh.scrapeworker..",
            "io.brmh.indexworker..",
            "io.brmh.opensearch..",
            "io.brmh.streambridge..",
            "io.brmh.local..")
        .because(
            "platform is what every deployable shares: move the code that needs a worker into that worker")
        .check(brmh);
  }
}
