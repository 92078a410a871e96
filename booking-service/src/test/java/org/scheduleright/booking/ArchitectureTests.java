package org.scheduleright.booking;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Keeps the service packaged by feature, with a domain core free of frameworks and adapters. */
class ArchitectureTests {

    private static final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.scheduleright.booking");

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
                        "org.scheduleright.booking.controller..",
                        "org.scheduleright.booking.service..",
                        "org.scheduleright.booking.repository..",
                        "org.scheduleright.booking.dto..",
                        "org.scheduleright.booking.util..")
                .check(classes);
    }

    @Test
    void featuresDoNotReachIntoAnotherServiceOrTheTestInfrastructure() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.scheduleright.platform.testing..",
                        "org.scheduleright.gateway..",
                        "org.scheduleright.reminder..")
                .check(classes);
    }
}
