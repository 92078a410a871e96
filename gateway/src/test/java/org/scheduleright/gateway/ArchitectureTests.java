package org.scheduleright.gateway;

import org.junit.jupiter.api.Test;
import org.scheduleright.platform.testing.ServiceArchitecture;

/** Keeps the service packaged by feature, with a domain core free of frameworks and adapters. */
class ArchitectureTests {

    private static final ServiceArchitecture architecture = ServiceArchitecture.of("gateway");

    @Test
    void domainCoreHasNoFrameworkOrAdapterDependencies() {
        architecture.domainCoreHasNoFrameworkOrAdapterDependencies();
    }

    @Test
    void noLayerPackagesAtTheTop() {
        architecture.hasNoLayerPackagesAtTheTop();
    }

    @Test
    void featuresDoNotReachIntoAnotherServiceOrTheTestInfrastructure() {
        architecture.reachesNeitherAnotherServiceNorTheTestInfrastructure();
    }
}
