package org.scheduleright.booking.site;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import org.scheduleright.booking.site.domain.Site;
import org.scheduleright.booking.site.domain.SiteId;
import org.scheduleright.booking.site.persistence.Sites;
import org.scheduleright.platform.auth.AuthenticatedUser;
import org.scheduleright.platform.error.ApiException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Finds the site a request names, answering 404 alike for a missing site and one of another organisation. Sites are
 * never changed or deleted once created, so the ones found lately are kept in memory.
 */
@Component
public class SiteDirectory {

    private final Sites sites;
    private final Cache<SiteId, Site> found = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterAccess(Duration.ofMinutes(10))
            .build();

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
        if (id == null) {
            return Mono.error(() -> ApiException.notFound("Site"));
        }
        Site cached = found.getIfPresent(id);
        return (cached != null ? Mono.just(cached) : sites.find(id).doOnNext(site -> found.put(id, site)))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Site")));
    }
}
