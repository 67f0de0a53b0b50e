/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.examples;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A note, the row of table {@code note} that the blueprint gives every tenant. */
@Entity
@Table(name = "note")
public class Note {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  private String body;

  /** For Hibernate. */
  protected Note() {}

  /** A new note with the given text. */
  public Note(String body) {
    this.body = body;
  }

  /** The id the database gave the note. */
  public Long id() {
    return id;
  }

  /** The note's text. */
  public String body() {
    return body;
  }
}
