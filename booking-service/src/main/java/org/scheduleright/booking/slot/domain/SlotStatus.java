package org.scheduleright.booking.slot.domain;

/** Whether a slot can still be booked ({@code open}) or was withdrawn by staff ({@code deleted}). */
public enum SlotStatus {
    OPEN,
    DELETED;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static SlotStatus fromWireName(String name) {
        return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }
}
