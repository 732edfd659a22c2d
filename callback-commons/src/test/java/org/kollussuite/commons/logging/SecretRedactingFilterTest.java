package org.kollussuite.commons.logging;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretRedactingFilterTest {

    private final SecretRedactingFilter filter = new SecretRedactingFilter();

    // --- redact --------------------------------------------------------------------------------

    @Test
    void masksATokenInTheMessagesOfALoggedExceptionAndItsCausesKeepingTheirStackTraces() {
        IllegalArgumentException cause = new IllegalArgumentException("invalid hex byte at '/c?token=s3cr3t&a=%zz'");
        RuntimeException thrown = new RuntimeException("Bad Request", cause);
        LogRecord record = new ExtLogRecord(Level.SEVERE, "request failed", getClass().getName());
        record.setThrown(thrown);

        new SecretRedactingFilter().isLoggable(record);

        Throwable logged = record.getThrown();
        assertFalse(logged.getCause().getMessage().contains("s3cr3t"), logged.getCause().getMessage());
        assertTrue(logged.getCause().getMessage().startsWith(IllegalArgumentException.class.getName()));
        assertArrayEquals(cause.getStackTrace(), logged.getCause().getStackTrace());
        assertTrue(logged.getMessage().endsWith("Bad Request"));
    }

    @Test
    void leavesAnExceptionWithoutSecretsAsItWas() {
        RuntimeException thrown = new RuntimeException("nothing secret");
        LogRecord record = new ExtLogRecord(Level.SEVERE, "request failed", getClass().getName());
        record.setThrown(thrown);

        new SecretRedactingFilter().isLoggable(record);

        assertSame(thrown, record.getThrown());
    }

    @Test
    void masksATokenThatIsTheFirstQueryParameter() {
        assertEquals("/callbacks/platform/upload?token=***",
                SecretRedactingFilter.redact("/callbacks/platform/upload?token=abc"));
    }

    @Test
    void masksATokenThatFollowsAnotherQueryParameter() {
        assertEquals("/callbacks/player/play?kind=1&token=***",
                SecretRedactingFilter.redact("/callbacks/player/play?kind=1&token=abc"));
    }

    @Test
    void masksTheTokenButKeepsTheOtherParametersAroundIt() {
        assertEquals("/x?a=1&token=***&b=2", SecretRedactingFilter.redact("/x?a=1&token=abc&b=2"));
    }

    @Test
    void masksATokenInsideALogSentenceAndKeepsTheRestOfTheSentence() {
        String redacted = SecretRedactingFilter.redact(
                "HTTP Request to /callbacks/platform/upload?token=s3cr3t&x=1 failed");

        assertEquals("HTTP Request to /callbacks/platform/upload?token=***&x=1 failed", redacted);
        assertFalse(redacted.contains("s3cr3t"));
    }

    @Test
    void masksEveryTokenInTheText() {
        String redacted = SecretRedactingFilter.redact("first /a?token=one then /b?x=1&token=two");

        assertEquals("first /a?token=*** then /b?x=1&token=***", redacted);
    }

    @Test
    void masksATokenWhateverItsCase() {
        assertEquals("/x?TOKEN=***", SecretRedactingFilter.redact("/x?TOKEN=abc"));
    }

    @Test
    void masksATokenAfterASemicolonOrQuoteOrWhitespace() {
        assertEquals("/x;token=***", SecretRedactingFilter.redact("/x;token=abc"));
        assertEquals("\"token=***\"", SecretRedactingFilter.redact("\"token=abc\""));
        assertEquals("query was token=***", SecretRedactingFilter.redact("query was token=abc"));
    }

    @Test
    void masksATokenAtTheVeryStartOfTheText() {
        // a raw query string, as UriInfo or Vert.x hand it out, has no leading '?'
        assertEquals("token=***&kind=1", SecretRedactingFilter.redact("token=s3cr3t&kind=1"));
    }

    @Test
    void masksATokenInADumpedParameterMap() {
        String redacted = SecretRedactingFilter.redact("params {token=s3cr3t, kind=1}");

        assertFalse(redacted.contains("s3cr3t"), redacted);
        assertTrue(redacted.contains("kind=1"), redacted);
    }

    @Test
    void masksTheWholeValueOfAUrlEncodedToken() {
        assertEquals("/x?token=***&y=2", SecretRedactingFilter.redact("/x?token=a%2Bb%3D&y=2"));
    }

    @Test
    void masksATokenWhoseNameIsPercentEncodedOnceOrTwice() {
        assertEquals("/x?%74oken=***", SecretRedactingFilter.redact("/x?%74oken=abc"));
        assertEquals("/x?T%6Fk%45n=***&y=1", SecretRedactingFilter.redact("/x?T%6Fk%45n=abc&y=1"));
        assertEquals("/x?%2574oken=***", SecretRedactingFilter.redact("/x?%2574oken=abc"));
        assertEquals("token%3D***", SecretRedactingFilter.redact("token%3Dabc"));
    }

    @Test
    void masksTheServiceAccountKeyWhateverItsCaseOrEncoding() {
        String redacted = SecretRedactingFilter.redact(
                "content_provider_key=k1&CONTENT_PROVIDER_KEY=k2&content%5Fprovider%5fkey=k3&upload_file_key=u");

        assertEquals("content_provider_key=***&CONTENT_PROVIDER_KEY=***&content%5Fprovider%5fkey=***"
                + "&upload_file_key=u", redacted);
    }

    @Test
    void masksSecretsHeldAsJsonMembersOfAnyType() {
        String redacted = SecretRedactingFilter.redact(
                "{\"Token\" : \"a\\\"b\", \"content_provider_key\":12345, \"kind\":1, \"tokens\":\"x\"}");

        assertEquals("{\"Token\" : \"***\", \"content_provider_key\":\"***\", \"kind\":1, \"tokens\":\"x\"}",
                redacted);
    }

    @Test
    void masksASecretJsonStringOfAMillionCharactersWithEscapesInIt() {
        String secret = "a\\\"".repeat(250_000) + "b".repeat(250_000);

        String redacted = SecretRedactingFilter.redact("{\"token\":\"" + secret + "\",\"kind\":1}");

        assertEquals("{\"token\":\"***\",\"kind\":1}", redacted);
    }

    @Test
    void redactingRawBytesKeepsEveryByteOutsideTheMaskedValue() {
        byte[] raw = {(byte) 0xFF, 0, (byte) 0xC3, (byte) 0xA9, 't', 'o', 'k', 'e', 'n', '=', 's', '&', (byte) 0x80};

        byte[] redacted = SecretRedactingFilter.redact(raw);

        assertArrayEquals(new byte[] {(byte) 0xFF, 0, (byte) 0xC3, (byte) 0xA9, 't', 'o', 'k', 'e', 'n', '=', '*', '*',
                '*', '&', (byte) 0x80}, redacted);
    }

    @Test
    void masksABearerCredential() {
        assertEquals("Authorization: Bearer ***", SecretRedactingFilter.redact("Authorization: Bearer abc.def"));
    }

    @Test
    void masksABearerJwtWhateverTheCaseOfTheScheme() {
        String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.-DsdyrF2u_FO91Q8";

        String redacted = SecretRedactingFilter.redact("authorization=bearer " + jwt + " rejected");

        assertEquals("authorization=bearer *** rejected", redacted);
    }

    @Test
    void leavesParametersWhoseNameOnlyContainsTokenAlone() {
        String text = "callback_token_count=3 access_token_ttl=60 tokens=5";

        assertEquals(text, SecretRedactingFilter.redact(text));
    }

    @Test
    void leavesAParameterNamedLikeButNotEqualToTokenAlone() {
        assertEquals("/x?csrf_token=abc&mytoken=def", SecretRedactingFilter.redact("/x?csrf_token=abc&mytoken=def"));
    }

    @Test
    void leavesTextWithoutSecretsUnchanged() {
        String text = "Delivered event 1234 to notifier (token check passed) in 12ms";

        assertEquals(text, SecretRedactingFilter.redact(text));
    }

    @Test
    void leavesAnEmptyTokenValueAlone() {
        assertEquals("/x?token=&y=1", SecretRedactingFilter.redact("/x?token=&y=1"));
    }

    // --- isLoggable ----------------------------------------------------------------------------

    @Test
    void isLoggableRedactsAMessageFormatParameterAndStillLogs() {
        ExtLogRecord record = new ExtLogRecord(Level.WARNING, "request {0} failed",
                ExtLogRecord.FormatStyle.MESSAGE_FORMAT, SecretRedactingFilterTest.class.getName());
        record.setParameters(new Object[] {"/x?token=abc"});

        boolean loggable = filter.isLoggable(record);

        assertTrue(loggable);
        assertFalse(record.getFormattedMessage().contains("abc"), record.getFormattedMessage());
        assertEquals("request /x?token=*** failed", record.getFormattedMessage());
        assertNull(record.getParameters());
    }

    @Test
    void isLoggableRedactsAPrintfStyleParameter() {
        ExtLogRecord record = new ExtLogRecord(Level.INFO, "calling %s",
                ExtLogRecord.FormatStyle.PRINTF, SecretRedactingFilterTest.class.getName());
        record.setParameters(new Object[] {"Bearer abc.def"});

        assertTrue(filter.isLoggable(record));
        assertEquals("calling Bearer ***", record.getFormattedMessage());
    }

    @Test
    void isLoggableLeavesACleanRecordAndItsParametersUntouched() {
        ExtLogRecord record = new ExtLogRecord(Level.INFO, "request {0} failed",
                ExtLogRecord.FormatStyle.MESSAGE_FORMAT, SecretRedactingFilterTest.class.getName());
        Object[] parameters = {"/x?kind=1"};
        record.setParameters(parameters);

        assertTrue(filter.isLoggable(record));
        assertEquals("request {0} failed", record.getMessage());
        assertSame(parameters, record.getParameters());
        assertEquals("request /x?kind=1 failed", record.getFormattedMessage());
    }

    @Test
    void isLoggableRedactsAPlainJulRecord() {
        LogRecord record = new LogRecord(Level.INFO, "GET /x?token=abc");

        assertTrue(filter.isLoggable(record));
        assertEquals("GET /x?token=***", record.getMessage());
    }

    @Test
    void isLoggableAcceptsARecordWithoutMessage() {
        assertTrue(filter.isLoggable(new LogRecord(Level.INFO, null)));
    }
}
