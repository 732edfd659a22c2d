package org.kollussuite.commons.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which web origins may read the answers of a channel's callback URLs ({@code CORS_ORIGINS}): any
 * ({@code *}, as every Kollus sample receiver allows), a list, or none. Credentials are never allowed:
 * the token travels in the URL and there are no cookies.
 *
 * @param origins the allowed origins, lower-cased; empty with {@code any} false means none
 */
public record CorsOrigins(boolean any, List<String> origins) {

    public static final CorsOrigins ANY = new CorsOrigins(true, List.of());
    public static final CorsOrigins NONE = new CorsOrigins(false, List.of());

    /**
     * Reads {@code *}, {@code none} or a comma list of origins such as {@code https://learn.example.com}
     * (scheme, host and optional port, nothing else); throws {@link IllegalArgumentException} with a
     * sentence for an operator otherwise.
     */
    public static CorsOrigins parse(String text) {
        String value = text.strip();
        if (value.equals("*")) {
            return ANY;
        }
        if (value.equalsIgnoreCase("none")) {
            return NONE;
        }
        List<String> origins = Arrays.stream(value.split(",")).map(String::strip)
                .filter(origin -> !origin.isEmpty()).map(CorsOrigins::origin).toList();
        if (origins.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' is neither *, none nor a comma list of origins");
        }
        return new CorsOrigins(false, origins);
    }

    private static String origin(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not an origin such as https://learn.example.com");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean bare = (uri.getPath() == null || uri.getPath().isEmpty()) && uri.getQuery() == null
                && uri.getFragment() == null && uri.getUserInfo() == null;
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || !bare) {
            throw new IllegalArgumentException("'" + text + "' is not an origin such as https://learn.example.com "
                    + "(scheme, host and port only)");
        }
        return text.toLowerCase(Locale.ROOT);
    }

    /** The {@code Access-Control-Allow-Origin} for a request from {@code origin} (may be null); empty for none. */
    public Optional<String> allowOrigin(String origin) {
        if (any) {
            return Optional.of("*");
        }
        return origin != null && origins.contains(origin.strip().toLowerCase(Locale.ROOT)) ? Optional.of(origin.strip())
                : Optional.empty();
    }

    /** Whether the answer depends on the request's {@code Origin}, which caches must then key on ({@code Vary}). */
    public boolean variesByOrigin() {
        return !any && !origins.isEmpty();
    }

    @Override
    public String toString() {
        return any ? "*" : origins.isEmpty() ? "none" : String.join(",", origins);
    }
}
