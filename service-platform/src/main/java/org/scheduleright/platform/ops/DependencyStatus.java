package org.scheduleright.platform.ops;

/** Whether a dependency answered its last probe. */
public enum DependencyStatus {
    UP,
    DOWN
}
