package org.scheduleright.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Keeps the service packaged by feature, with a domain core free of frameworks and adapters. */
class ArchitectureTests {

    private static final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.scheduleright.gateway");

    @Test
    void domainCoreHasNoFrameworkOrAdapterDependencies() {
        noClasses()
                .that()
                .resideInAPackage("..domain..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "io.r2dbc..",
                        "io.asyncer..",
                        "org.apache.kafka..",
                        "com.twilio..",
                        "io.lettuce..",
                        "..web..",
                        "..persistence..",
                        "..messaging..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void noLayerPackagesAtTheTop() {
        noClasses()
                .should()
                .resideInAnyPackage(
                        "org.scheduleright.gateway.controller..",
                        "org.scheduleright.gateway.service..",
                        "org.scheduleright.gateway.repository..",
                        "org.scheduleright.gateway.dto..",
                        "org.scheduleright.gateway.util..")
                .check(classes);
    }

    @Test
    void featuresDoNotReachIntoAnotherServiceOrTheTestInfrastructure() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.scheduleright.platform.testing..",
                        "org.scheduleright.booking..",
                        "org.scheduleright.reminder..")
                .check(classes);
    }
}
