package org.scheduleright.platform.openapi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.scheduleright.platform.error.ErrorCode;

/**
 * The error codes a handler answers besides those every operation can give (validation, token, not found,
 * unavailable): its API document lists them, grouped by status, in the contract's error format with an example each.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ErrorAnswers {
    ErrorCode[] value();
}
