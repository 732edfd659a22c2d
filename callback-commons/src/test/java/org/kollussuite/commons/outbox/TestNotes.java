package org.kollussuite.commons.outbox;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.kollussuite.commons.event.CloudEvent;

import java.util.UUID;

/** The test application's service: a note and its event commit, or roll back, together. */
@ApplicationScoped
public class TestNotes {

    public static final String NOTE_ADDED = "kollus.test.note-added";

    private final Outbox outbox;

    public TestNotes(Outbox outbox) {
        this.outbox = outbox;
    }

    @Transactional
    public CloudEvent add(String text) {
        return write(text);
    }

    /** Writes a note and its event, then fails, so the transaction rolls back. */
    @Transactional
    public void addThenFail(String text) {
        write(text);
        throw new IllegalStateException("the change is rolled back");
    }

    private CloudEvent write(String text) {
        TestNote note = new TestNote();
        note.id = UUID.randomUUID();
        note.text = text;
        note.persist();
        CloudEvent event = CloudEvent.create(CloudEvent.sourceOf("commons-test"), NOTE_ADDED, note.id.toString(),
                        JsonNodeFactory.instance.objectNode().put("text", text))
                .withExtension(CloudEvent.CHANNEL_EXTENSION, "demo-channel-key");
        outbox.append(event);
        return event;
    }
}
