package org.scheduleright.booking.site;

import org.scheduleright.booking.site.domain.Site;
import org.scheduleright.booking.site.domain.SiteId;
import org.scheduleright.booking.site.persistence.Sites;
import org.scheduleright.platform.auth.AuthenticatedUser;
import org.scheduleright.platform.error.ApiException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Finds the site a request names, answering 404 alike for a missing site and one of another organisation. */
@Component
public class SiteDirectory {

    private final Sites sites;

    SiteDirectory(Sites sites) {
        this.sites = sites;
    }

    /** The site if the caller belongs to its organisation (or is an ADMIN); else 404. */
    public Mono<Site> visibleTo(String siteId, AuthenticatedUser user) {
        return find(siteId)
                .filter(site -> user.belongsTo(site.orgId().toString()))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Site")));
    }

    /** Any site by id, for the public pages; 404 if missing. */
    public Mono<Site> find(String siteId) {
        SiteId id = SiteId.parseOrNull(siteId);
        return (id == null ? Mono.<Site>empty() : sites.find(id))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Site")));
    }
}
