package org.kollussuite.platform.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.kollussuite.commons.callback.CallbackParameters;
import org.kollussuite.commons.outbox.Outbox;
import org.kollussuite.platform.persistence.InboxEntryEntity;

/**
 * One transaction per callback: the inbox entry, the deduplication claim, the catalog change and its
 * events commit together, or none of them does.
 */
@ApplicationScoped
public class CallbackProcessor {

    private final Inbox inbox;
    private final Catalog catalog;
    private final Outbox outbox;

    public CallbackProcessor(Inbox inbox, Catalog catalog, Outbox outbox) {
        this.inbox = inbox;
        this.catalog = catalog;
        this.outbox = outbox;
    }

    @Transactional
    public CallbackOutcome process(CallbackType type, CallbackParameters parameters, String sourceAddress) {
        String dedupKey = DedupKey.of(type, parameters);
        InboxEntryEntity entry = inbox.record(type, CallbackOutcome.ACCEPTED, parameters.asMap(), sourceAddress, dedupKey);
        if (!inbox.claim(dedupKey, entry.id)) {
            entry.status = CallbackOutcome.DUPLICATE;
            return CallbackOutcome.DUPLICATE;
        }
        catalog.apply(type, parameters).forEach(outbox::append);
        return CallbackOutcome.ACCEPTED;
    }
}
