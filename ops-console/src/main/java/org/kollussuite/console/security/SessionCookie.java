package org.kollussuite.console.security;

import jakarta.ws.rs.core.NewCookie;

/** The session cookie: HttpOnly and SameSite=Strict, so scripts cannot read it and other sites cannot send it. */
public final class SessionCookie {

    public static final String NAME = "console-session";

    private SessionCookie() {
    }

    public static NewCookie of(String sessionId, boolean secure) {
        return new NewCookie.Builder(NAME).value(sessionId).path("/").httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.STRICT).build();
    }

    /** Replaces the cookie with an expired empty one. */
    public static NewCookie cleared(boolean secure) {
        return new NewCookie.Builder(NAME).value("").path("/").httpOnly(true).secure(secure).maxAge(0)
                .sameSite(NewCookie.SameSite.STRICT).build();
    }
}
