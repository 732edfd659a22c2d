package org.kollussuite.commons.config;

/** Who may play or download a channel's contents. */
public enum AccessPolicy {
    /** Everyone. */
    ALLOW,
    /** Only users holding a valid entitlement. */
    ENTITLEMENT,
    /** Nobody. */
    DENY
}
