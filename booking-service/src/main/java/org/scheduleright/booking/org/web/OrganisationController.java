package org.scheduleright.booking.org.web;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.scheduleright.booking.org.domain.OrgId;
import org.scheduleright.booking.org.domain.Organisation;
import org.scheduleright.booking.org.domain.Timezones;
import org.scheduleright.booking.org.persistence.Organisations;
import org.scheduleright.booking.paging.Page;
import org.scheduleright.booking.paging.PageQuery;
import org.scheduleright.platform.auth.AuthenticatedUser;
import org.scheduleright.platform.auth.Role;
import org.scheduleright.platform.error.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The organisations API: ADMINs create and list organisations, members read their own. */
@RestController
@RequestMapping("/api/v1/orgs")
class OrganisationController {

    private final Organisations organisations;
    private final JsonMapper json;
    private final Clock clock;

    OrganisationController(Organisations organisations, JsonMapper json, Clock clock) {
        this.organisations = organisations;
        this.json = json;
        this.clock = clock;
    }

    record CreateOrganisation(
            @NotBlank @Size(min = 3, max = 100) String name,
            @NotBlank String timezone,
            Map<String, Object> settings) {}

    record OrganisationView(
            String id,
            String name,
            String timezone,
            Map<String, Object> settings,
            Instant createdAt,
            Instant updatedAt) {}

    @Operation(summary = "Create an organisation (ADMIN)")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<OrganisationView> create(@Valid @RequestBody CreateOrganisation body, AuthenticatedUser user) {
        user.requireAtLeast(Role.ADMIN);
        var zone = Timezones.parse(body.timezone())
                .orElseThrow(
                        () -> ApiException.validation("timezone", "must be an IANA time zone such as Europe/London"));
        Instant now = clock.instant();
        String settings = body.settings() == null ? null : json.writeValueAsString(body.settings());
        return organisations
                .add(new Organisation(OrgId.random(), body.name().strip(), zone, settings, now, now))
                .map(this::view);
    }

    @Operation(summary = "All organisations (ADMIN)")
    @GetMapping
    Mono<Page<OrganisationView>> list(
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size,
            AuthenticatedUser user) {
        user.requireAtLeast(Role.ADMIN);
        PageQuery query = PageQuery.of(page, size);
        return organisations
                .page(query.offset(), query.size())
                .map(this::view)
                .collectList()
                .zipWith(organisations.count())
                .map(found -> new Page<>(found.getT1(), found.getT2(), query.page(), query.size()));
    }

    @Operation(summary = "One organisation (its members)")
    @GetMapping("/{orgId}")
    Mono<OrganisationView> get(@PathVariable String orgId, AuthenticatedUser user) {
        OrgId id = OrgId.parseOrNull(orgId);
        if (id == null || !user.belongsTo(id.toString())) {
            return Mono.error(ApiException.notFound("Organisation"));
        }
        return organisations
                .find(id)
                .map(this::view)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Organisation")));
    }

    private OrganisationView view(Organisation org) {
        Map<String, Object> settings = org.settingsJson() == null
                ? null
                : json.readValue(org.settingsJson(), new TypeReference<Map<String, Object>>() {});
        return new OrganisationView(
                org.id().toString(), org.name(), org.timezone().getId(), settings, org.createdAt(), org.updatedAt());
    }
}
