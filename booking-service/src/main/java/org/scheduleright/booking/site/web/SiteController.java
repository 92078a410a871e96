package org.scheduleright.booking.site.web;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.scheduleright.booking.org.domain.OrgId;
import org.scheduleright.booking.org.domain.Timezones;
import org.scheduleright.booking.org.persistence.Organisations;
import org.scheduleright.booking.paging.Page;
import org.scheduleright.booking.paging.PageQuery;
import org.scheduleright.booking.site.domain.Site;
import org.scheduleright.booking.site.domain.SiteId;
import org.scheduleright.booking.site.persistence.Sites;
import org.scheduleright.platform.auth.AuthenticatedUser;
import org.scheduleright.platform.auth.Role;
import org.scheduleright.platform.error.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The sites API of an organisation: STAFF+ create sites, VOLUNTEER+ list them. */
@RestController
class SiteController {

    private final Organisations organisations;
    private final Sites sites;
    private final Clock clock;

    SiteController(Organisations organisations, Sites sites, Clock clock) {
        this.organisations = organisations;
        this.sites = sites;
        this.clock = clock;
    }

    record CreateSite(
            @NotBlank @Size(max = 100) String name,
            @Size(max = 255) String address,
            String timezone) {}

    @Operation(summary = "Create a site (STAFF+; timezone defaults to the organisation's)")
    @PostMapping("/api/v1/orgs/{orgId}/sites")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<SiteView> create(@PathVariable String orgId, @Valid @RequestBody CreateSite body, AuthenticatedUser user) {
        OrgId org = member(orgId, user);
        user.requireAtLeast(Role.STAFF);
        ZoneId requested = null;
        if (body.timezone() != null) {
            requested = Timezones.parse(body.timezone())
                    .orElseThrow(() ->
                            ApiException.validation("timezone", "must be an IANA time zone such as Europe/London"));
        }
        ZoneId explicit = requested;
        return organisations
                .find(org)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Organisation")))
                .flatMap(found -> {
                    Instant now = clock.instant();
                    return sites.add(new Site(
                            SiteId.random(),
                            org,
                            body.name().strip(),
                            body.address(),
                            explicit != null ? explicit : found.timezone(),
                            now,
                            now));
                })
                .map(SiteView::of);
    }

    @Operation(summary = "An organisation's sites (VOLUNTEER+)")
    @GetMapping("/api/v1/orgs/{orgId}/sites")
    Mono<Page<SiteView>> list(
            @PathVariable String orgId,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size,
            AuthenticatedUser user) {
        OrgId org = member(orgId, user);
        user.requireAtLeast(Role.VOLUNTEER);
        PageQuery query = PageQuery.of(page, size);
        return organisations
                .find(org)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Organisation")))
                .then(sites.ofOrganisation(org, query.offset(), query.size())
                        .map(SiteView::of)
                        .collectList())
                .zipWith(sites.countOfOrganisation(org))
                .map(found -> new Page<>(found.getT1(), found.getT2(), query.page(), query.size()));
    }

    private static OrgId member(String orgId, AuthenticatedUser user) {
        OrgId org = OrgId.parseOrNull(orgId);
        if (org == null || !user.belongsTo(org.toString())) {
            throw ApiException.notFound("Organisation");
        }
        return org;
    }

    record SiteView(
            String id,
            String orgId,
            String name,
            String address,
            String timezone,
            Instant createdAt,
            Instant updatedAt) {

        static SiteView of(Site site) {
            return new SiteView(
                    site.id().toString(),
                    site.orgId().toString(),
                    site.name(),
                    site.address(),
                    site.timezone().getId(),
                    site.createdAt(),
                    site.updatedAt());
        }
    }
}
