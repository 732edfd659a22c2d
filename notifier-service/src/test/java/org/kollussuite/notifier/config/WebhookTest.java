package org.kollussuite.notifier.config;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How an endpoint's URL is shown in answers, logs and configuration errors. */
class WebhookTest {

    @Test
    void aUrlIsShownWithItsUserInfoAndSecretQueryParametersMasked() {
        assertEquals("https://***@cms.example/hooks?TOKEN=***&page=2",
                Webhook.shown("https://cms:s3cret@cms.example/hooks?TOKEN=abc&page=2"));
        assertEquals("ftp://***@cms.example/a@b", Webhook.shown("ftp://u:p@cms.example/a@b"));
        assertEquals("https://cms.example/hooks", Webhook.shown("https://cms.example/hooks"));
    }
}
