package org.scheduleright.reminder;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Keeps the service packaged by feature, with a domain core free of frameworks and adapters. */
class ArchitectureTests {

    private static final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.scheduleright.reminder");

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
                        "org.scheduleright.reminder.controller..",
                        "org.scheduleright.reminder.service..",
                        "org.scheduleright.reminder.repository..",
                        "org.scheduleright.reminder.dto..",
                        "org.scheduleright.reminder.util..")
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
                        "org.scheduleright.booking..")
                .check(classes);
    }
}
