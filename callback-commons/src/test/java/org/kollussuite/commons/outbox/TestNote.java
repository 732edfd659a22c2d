package org.kollussuite.commons.outbox;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

/** A state change of the test application whose event goes through the outbox. */
@Entity
@Table(name = "test_note")
public class TestNote extends PanacheEntityBase {

    @Id
    public UUID id;

    public String text;
}
