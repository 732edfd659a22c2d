package org.kollussuite.lms.domain;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.kollussuite.lms.persistence.ProgressStore;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.kollussuite.lms.callback.LmsClient.MATH;
import static org.kollussuite.lms.callback.LmsClient.newContent;
import static org.kollussuite.lms.callback.LmsClient.newUser;

/** Each session keeps the text of its furthest snapshot exactly as received, whatever its neighbours in the batch. */
@QuarkusTest
class StoredSnapshotTest {

    private static final long SESSION = 100;
    private static final List<String> TEXTS = List.of(
            "{\"note\":\"plain ASCII\"}",
            "{\"note\":\"한국어 강의 1강\"}",
            "{\"note\":\"emoji 🎓, accents é à\"}",
            "{\"note\":\"a \\\"quoted\\\" back\\\\slash, {braces}, 'single' and a comma\"}");

    @Inject
    ProgressWriter writer;

    @Inject
    ProgressStore store;

    private static Snapshot snapshot(ProgressKey key, long playtime, String text) {
        return TestSnapshots.snapshot(key, SESSION, playtime, text);
    }

    private List<String> storedTexts(List<ProgressKey> keys) throws Exception {
        return QuarkusTransaction.requiringNew().call(() -> {
            ProgressStore.Loaded loaded = store.read(keys, false);
            store.loadSessions(loaded.progress(), keys, Collections.nCopies(keys.size(), SESSION));
            List<String> texts = new ArrayList<>();
            for (ProgressKey key : keys) {
                loaded.progress().get(key).sessions().forEach(session -> texts.add(session.snapshot()));
            }
            return texts;
        });
    }

    @Test
    void newAndAdvancedSessionsOfOneBatchKeepExactlyTheirOwnText() throws Exception {
        String content = newContent();
        List<ProgressKey> keys = new ArrayList<>();
        List<Snapshot> first = new ArrayList<>();
        for (String text : TEXTS) {
            ProgressKey key = new ProgressKey(MATH, content, newUser());
            keys.add(key);
            first.add(snapshot(key, 10, text));
        }

        writer.apply(first);

        assertEquals(TEXTS, storedTexts(keys), "sessions stored by the batch that created them");

        List<Snapshot> later = new ArrayList<>();
        List<String> laterTexts = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            String text = TEXTS.get(TEXTS.size() - 1 - i) + " later";
            laterTexts.add(text);
            later.add(snapshot(keys.get(i), 20, text));
        }

        writer.apply(later);

        assertEquals(laterTexts, storedTexts(keys), "sessions advanced by a later batch");
    }
}
