package org.kollussuite.notifier.delivery;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * The Standard Webhooks signature of one endpoint: {@code v1,} and the base64 HMAC-SHA256, keyed
 * with the decoded secret, of {@code <webhook-id>.<webhook-timestamp>.<body>}. The keyed MAC is
 * prepared once and cloned per signature, which spares the provider lookup and key setup of every
 * attempt.
 */
public final class WebhookSignature {

    private final Mac keyed;

    public WebhookSignature(byte[] key) {
        try {
            keyed = Mac.getInstance("HmacSHA256");
            keyed.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    public String sign(String id, long timestamp, byte[] body) {
        Mac mac;
        try {
            mac = (Mac) keyed.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the HmacSHA256 provider cannot clone", e);
        }
        mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
    }
}
