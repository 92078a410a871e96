package org.scheduleright.booking.site.web;

import io.swagger.v3.oas.annotations.Operation;
import org.scheduleright.booking.org.persistence.Organisations;
import org.scheduleright.booking.site.SiteDirectory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** What a member of the public may know about a site: its name, address, time zone and organisation's name. */
@RestController
class PublicSiteController {

    private final SiteDirectory sites;
    private final Organisations organisations;

    PublicSiteController(SiteDirectory sites, Organisations organisations) {
        this.sites = sites;
        this.organisations = organisations;
    }

    record PublicSiteInfo(String id, String name, String address, String timezone, String organisationName) {}

    @Operation(summary = "A site's public details (no token)")
    @GetMapping("/api/public/sites/{siteId}/info")
    Mono<PublicSiteInfo> info(@PathVariable String siteId) {
        return sites.find(siteId)
                .flatMap(site -> organisations
                        .find(site.orgId())
                        .map(org -> new PublicSiteInfo(
                                site.id().toString(),
                                site.name(),
                                site.address(),
                                site.timezone().getId(),
                                org.name())));
    }
}
