package org.scheduleright.events;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Keeps common-events a contracts-only library that every service can depend on. */
class ArchitectureTests {

    private static final JavaClasses EVENTS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.scheduleright.events");

    @Test
    void moduleHasNoSpringDependency() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.springframework..")
                .because("common-events is shared by every service and must stay framework-free")
                .check(EVENTS);
    }

    @Test
    void moduleClasspathCarriesNoSpring() {
        assertThatExceptionOfType(ClassNotFoundException.class)
                .isThrownBy(() -> Class.forName("org.springframework.core.SpringVersion"));
    }

    @Test
    void onlyTheKafkaPackageTouchesKafka() {
        noClasses()
                .that()
                .resideOutsideOfPackage("org.scheduleright.events.kafka..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.apache.kafka..")
                .check(EVENTS);
    }

    @Test
    void onlyTheContactPackageTouchesJose() {
        noClasses()
                .that()
                .resideOutsideOfPackage("org.scheduleright.events.contact..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("com.nimbusds..")
                .check(EVENTS);
    }

    @Test
    void eventsAreRecordsNamedInThePastTenseWithoutEventSuffix() {
        classes()
                .that()
                .implement(StreamEvent.class)
                .and()
                .areNotInterfaces()
                .should()
                .beRecords()
                .andShould()
                .haveSimpleNameNotEndingWith("Event")
                .andShould()
                .resideInAnyPackage("org.scheduleright.events.booking", "org.scheduleright.events.reminder")
                .check(EVENTS);
    }

    @Test
    void eventContractsDoNotDependOnTheTransport() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "org.scheduleright.events",
                        "org.scheduleright.events.booking..",
                        "org.scheduleright.events.reminder..",
                        "org.scheduleright.events.contact..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.scheduleright.events.kafka..")
                .check(EVENTS);
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("org.scheduleright.events.(**)")
                .should()
                .beFreeOfCycles()
                .check(EVENTS);
    }
}
