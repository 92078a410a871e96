package org.scheduleright.booking.paging;

import org.scheduleright.platform.error.ApiException;

/** A validated page request: 1-based {@code page} and {@code size} between 1 and {@value #MAX_SIZE}. */
public record PageQuery(int page, int size) {

    public static final int DEFAULT_SIZE = 50;

    public static final int MAX_SIZE = 500;

    public PageQuery {
        if (page < 1) {
            throw ApiException.validation("page", "must be at least 1");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw ApiException.validation("size", "must be between 1 and " + MAX_SIZE);
        }
    }

    /** The page asked for by optional query parameters, defaulting to the first page of {@value #DEFAULT_SIZE}. */
    public static PageQuery of(Integer page, Integer size) {
        return new PageQuery(page == null ? 1 : page, size == null ? DEFAULT_SIZE : size);
    }

    public long offset() {
        return (long) (page - 1) * size;
    }
}
