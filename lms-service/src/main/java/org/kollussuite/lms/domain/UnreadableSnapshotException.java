package org.kollussuite.lms.domain;

import java.util.Locale;

/** An authenticated LMS snapshot that cannot be read or merged: it is quarantined with this reason, never refused. */
public final class UnreadableSnapshotException extends RuntimeException {

    /** Why; the fixed set of {@code reason} labels of {@code kollus_lms_quarantined_total}. */
    public enum Reason {
        MALFORMED_FORM,
        MALFORMED_JSON,
        UNSUPPORTED_MEDIA_TYPE,
        /** Kept as its first bytes only: it cannot be re-applied. */
        BODY_TOO_LARGE,
        MISSING_PARAMETER,
        /** A value that is not a number at all, or overflows 64 bits or the column that holds it. */
        INVALID_NUMBER,
        /** A value outside the suite's bounded input: too long, a control character. */
        INVALID_PARAMETER,
        /** PostgreSQL refused a value of this snapshot alone. */
        REFUSED_BY_DATABASE;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The reason of a label, for filters; null when there is none. */
        public static Reason ofLabel(String label) {
            for (Reason reason : values()) {
                if (reason.label().equals(label)) {
                    return reason;
                }
            }
            return null;
        }
    }

    private final Reason reason;

    public UnreadableSnapshotException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
