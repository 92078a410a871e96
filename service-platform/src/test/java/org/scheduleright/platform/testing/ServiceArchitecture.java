package org.scheduleright.platform.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * The architecture rules every service keeps (STYLE.md): packaged by feature, a domain core free of frameworks and
 * adapters, no reach into another service or into the test infrastructure.
 */
public final class ServiceArchitecture {

    private static final List<String> SERVICES = List.of("gateway", "booking", "reminder");

    private final String service;
    private final JavaClasses classes;

    private ServiceArchitecture(String service) {
        this.service = service;
        this.classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.scheduleright." + service);
    }

    /** The production classes of {@code org.scheduleright.<service>}. */
    public static ServiceArchitecture of(String service) {
        if (!SERVICES.contains(service)) {
            throw new IllegalArgumentException("unknown service " + service);
        }
        return new ServiceArchitecture(service);
    }

    public void domainCoreHasNoFrameworkOrAdapterDependencies() {
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

    public void hasNoLayerPackagesAtTheTop() {
        noClasses()
                .should()
                .resideInAnyPackage(Stream.of("controller", "service", "repository", "dto", "util")
                        .map(layer -> "org.scheduleright." + service + "." + layer + "..")
                        .toArray(String[]::new))
                .check(classes);
    }

    public void reachesNeitherAnotherServiceNorTheTestInfrastructure() {
        String[] forbidden = Stream.concat(
                        Stream.of("org.scheduleright.platform.testing.."),
                        SERVICES.stream()
                                .filter(other -> !other.equals(service))
                                .map(other -> "org.scheduleright." + other + ".."))
                .toArray(String[]::new);
        noClasses().should().dependOnClassesThat().resideInAnyPackage(forbidden).check(classes);
    }
}
