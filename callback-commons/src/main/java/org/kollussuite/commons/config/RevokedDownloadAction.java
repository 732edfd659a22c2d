package org.kollussuite.commons.config;

/** What a downloaded content gets at its next offline check (DRM kind 3) once its entitlement was revoked. */
public enum RevokedDownloadAction {
    /** {@code content_expired: 1}: the file stays on the device but no longer plays. */
    EXPIRE,
    /** {@code content_expired: 1} and {@code content_delete: 1}: the player deletes the file. */
    DELETE
}
