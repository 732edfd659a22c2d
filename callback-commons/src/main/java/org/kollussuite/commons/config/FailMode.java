package org.kollussuite.commons.config;

/** The answer to give when entitlements cannot be read in time. */
public enum FailMode {
    ALLOW,
    DENY
}
