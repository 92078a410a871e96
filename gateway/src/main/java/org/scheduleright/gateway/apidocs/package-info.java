/**
 * The API document integrators read: {@code /v3/api-docs} merges the gateway's own generated OpenAPI document with
 * the paths the gateway routes to booking-service and reminder-service (each fetched from the service's own
 * {@code /v3/api-docs}), and adds the gateway's rate limits; Swagger UI at {@code /docs} outside production.
 */
package org.scheduleright.gateway.apidocs;
