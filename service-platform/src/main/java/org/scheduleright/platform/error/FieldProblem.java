package org.scheduleright.platform.error;

/** One invalid field of a request: its name and what is wrong with it, never the rejected value. */
public record FieldProblem(String field, String message) {}
