package org.scheduleright.booking.paging;

import java.util.List;

/** One page of a list answer: {@code {data, total, page, size}}. */
public record Page<T>(List<T> data, long total, int page, int size) {

    public Page {
        data = List.copyOf(data);
    }
}
