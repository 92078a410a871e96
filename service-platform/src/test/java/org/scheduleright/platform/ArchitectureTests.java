package org.scheduleright.platform;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The shared platform knows nothing of the services built on it. */
class ArchitectureTests {

    private static final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.scheduleright.platform");

    @Test
    void platformDoesNotDependOnAnyService() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.scheduleright.gateway..", "org.scheduleright.booking..", "org.scheduleright.reminder..")
                .check(classes);
    }

    @Test
    void errorFormatDependsOnNoOtherPlatformFeature() {
        noClasses()
                .that()
                .resideInAPackage("..platform.error..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..platform.auth..", "..platform.ops..", "..platform.config..")
                .check(classes);
    }
}
