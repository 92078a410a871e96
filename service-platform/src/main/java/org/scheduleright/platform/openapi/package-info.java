/**
 * The OpenAPI conventions every service's generated document follows: the contract's error format, the bearer-token
 * scheme (open routes marked {@code security: []}), the operational endpoints and the error answers each operation
 * can give.
 */
package org.scheduleright.platform.openapi;
